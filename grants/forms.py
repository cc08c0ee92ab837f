"""Forms of the grants app: validation only; the services do the writing."""

import uuid
from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grants.models import Application, CostLine, Status
from grants.validators import ALLOWED_LABELS, normalise_iban, validate_attachment, validate_iban, validate_kvk_number
from partnerships.forms import GoalChoiceField
from partnerships.models import Partnership
from velsen_intl.forms import PortalFormMixin
from velsen_intl.pillars import Pillar
from velsen_intl.templatetags.portal import format_money

MONEY_FIELD = {"max_digits": 12, "decimal_places": 2}


def _attachment_help_text():
    return gettext("Allowed: %(types)s, at most 10 MB each. You can choose several files.") % {"types": ALLOWED_LABELS}


# Evaluated when rendered, in the language of the request (not at import time).
_attachment_help = lazy(_attachment_help_text, str)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _attachment_help())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        errors = []
        for uploaded in cleaned:
            try:
                validate_attachment(uploaded)
            except forms.ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Fields the applicant must fill before submitting; a draft may be saved without them.
REQUIRED_FOR_SUBMIT = [
    "contact_name",
    "address",
    "contact_email",
    "iban",
    "account_holder",
    "title",
    "pillar",
    "activity_plan",
    "start_date",
    "end_date",
    "requested_amount",
]


class ApplicationForm(PortalFormMixin, forms.ModelForm):
    """The application form. With `complete=True` (the submit button) every field the Awb needs
    is required; saving a draft only checks what was filled in."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    requested_amount = forms.DecimalField(
        label=_("Amount requested (euro)"), min_value=Decimal("0.01"), required=False, **MONEY_FIELD
    )
    other_funding = forms.DecimalField(
        label=_("Other funding (euro)"),
        min_value=Decimal("0"),
        required=False,
        help_text=_("Own contribution, sponsors and other grants together."),
        **MONEY_FIELD,
    )
    attachments = MultipleFileField(label=_("Attachments"))

    class Meta:
        model = Application
        fields = [
            "applicant_kind",
            "contact_name",
            "organisation_name",
            "kvk_number",
            "address",
            "contact_email",
            "phone",
            "iban",
            "account_holder",
            "title",
            "pillar",
            "partnership",
            "goals",
            "activity_plan",
            "start_date",
            "end_date",
            "other_funding",
            "other_funding_description",
            "requested_amount",
        ]
        field_classes = {"goals": GoalChoiceField}
        widgets = {
            "applicant_kind": forms.RadioSelect,
            "pillar": forms.RadioSelect,
            "goals": forms.CheckboxSelectMultiple,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "activity_plan": forms.Textarea(attrs={"rows": 6}),
            "other_funding_description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kvk_number": _("8 digits; only for an organisation."),
            "organisation_name": _("Only for an organisation."),
            "iban": _("The account the grant is paid to, e.g. NL91 ABNA 0417 1643 00."),
            "activity_plan": _("What will you do, with whom, for whom, and what will it bring?"),
            "partnership": _("Optional."),
            "goals": _("Optional: the Global Goals the activity serves."),
        }

    def __init__(self, *args, complete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete
        self.fields["pillar"].choices = Pillar.choices
        self.fields["pillar"].required = False
        self.fields["partnership"].queryset = (
            self.fields["partnership"].queryset.exclude(status=Partnership.Status.ENDED).order_by("title")
        )
        self.fields["partnership"].empty_label = _("None")
        self.fields["goals"].queryset = self.fields["goals"].queryset.order_by("number")
        self.fields["goals"].label_from_instance = lambda goal: str(goal)
        if complete:
            for name in REQUIRED_FOR_SUBMIT:
                self.fields[name].required = True
        if self.instance.pk:
            self.fields["idempotency_key"].initial = self.instance.idempotency_key

    def clean_iban(self):
        iban = normalise_iban(self.cleaned_data.get("iban"))
        if iban:
            validate_iban(iban)
        return iban

    def clean_kvk_number(self):
        kvk = (self.cleaned_data.get("kvk_number") or "").replace(" ", "")
        if kvk:
            validate_kvk_number(kvk)
        return kvk

    def clean_other_funding(self):
        return self.cleaned_data.get("other_funding") or Decimal("0.00")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if self.complete and cleaned.get("applicant_kind") == Application.ApplicantKind.ORGANISATION:
            for name in ("organisation_name", "kvk_number"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required when an organisation applies."))
        return cleaned

    def check_costs(self, total_costs):
        """Compare the amount requested with the budget's total costs (called with the formset's sum)."""
        requested = self.cleaned_data.get("requested_amount")
        if requested and requested > total_costs:
            self.add_error(
                "requested_amount",
                _("You cannot ask for more than the total costs of %(total)s.") % {"total": format_money(total_costs)},
            )


class CostLineForm(forms.ModelForm):
    amount = forms.DecimalField(label=_("Amount (euro)"), min_value=Decimal("0.01"), **MONEY_FIELD)

    class Meta:
        model = CostLine
        fields = ["description", "amount"]


CostLineFormSet = inlineformset_factory(
    Application, CostLine, form=CostLineForm, extra=3, can_delete=True, max_num=30, validate_max=True
)


def cost_lines_from(formset):
    """(description, amount) of every filled, not deleted row."""
    return [
        (f.cleaned_data["description"], f.cleaned_data["amount"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("amount") is not None
    ]


class AnswerForm(PortalFormMixin, forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(label=_("Attachments"))


class WithdrawForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the application? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AccountForm(PortalFormMixin, forms.Form):
    report = forms.CharField(
        label=_("What was done"),
        help_text=_("Describe the activity as it took place and its results."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    actual_costs = forms.DecimalField(label=_("Actual costs (euro)"), min_value=Decimal("0"), **MONEY_FIELD)
    attachments = MultipleFileField(label=_("Receipts and other attachments"))


# --- Staff ------------------------------------------------------------------------------------


class QueueFilterForm(PortalFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All except drafts"))] + Status.choices[1:]
    )
    pillar = forms.ChoiceField(label=_("Pillar"), required=False, choices=[("", _("All pillars")), *Pillar.choices])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = sorted({*years, this_year}, reverse=True)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("pillar"):
            queryset = queryset.filter(pillar=data["pillar"])
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        if data.get("overdue"):
            queryset = queryset.overdue()
        return queryset


class StaffActionForm(PortalFormMixin, forms.Form):
    """Base for the civil servant's actions; each has its own prefix so that ids stay unique."""


class StartReviewForm(StaffActionForm):
    pass


class RequestInformationForm(StaffActionForm):
    question = forms.CharField(
        label=_("What information do you need?"),
        help_text=_("The applicant receives this by e-mail; the decision term is suspended until they answer."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answer_within = forms.IntegerField(
        label=_("Answer within (weeks)"),
        min_value=1,
        max_value=8,
        initial=2,
        help_text=_("After this term the application may be set aside (Awb 4:5)."),
    )


class RecommendForm(StaffActionForm):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Application.Recommendation.choices[1:], widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Recommended amount (euro)"), min_value=Decimal("0.01"), required=False, **MONEY_FIELD
    )
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class GrantForm(StaffActionForm):
    amount = forms.DecimalField(label=_("Amount granted (euro)"), min_value=Decimal("0.01"), **MONEY_FIELD)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 4}))
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    out_of_order_reason = forms.CharField(
        label=_("Reason for deciding before earlier complete applications"),
        help_text=_("Only needed when applications that became complete earlier are still waiting."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class RefuseForm(StaffActionForm):
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 4}))


class ExtendForm(StaffActionForm):
    weeks = forms.IntegerField(label=_("Extend by (weeks)"), min_value=1, max_value=8)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class SetAsideForm(StaffActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class SettleForm(StaffActionForm):
    amount = forms.DecimalField(label=_("Final amount (euro)"), min_value=Decimal("0"), **MONEY_FIELD)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(StaffActionForm):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class ConflictForm(StaffActionForm):
    reason = forms.CharField(
        label=_("Nature of your interest"),
        help_text=_("After this declaration you can no longer decide on this application."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CeilingForm(PortalFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    ceiling = forms.DecimalField(label=_("New ceiling (euro)"), min_value=Decimal("0"), **MONEY_FIELD)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
