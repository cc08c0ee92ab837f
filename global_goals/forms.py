from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from global_goals.models import Action, ActionResult, Contribution, Indicator, IndicatorMeasurement, Label, Meeting
from velsen_intl.forms import IdempotentFormMixin, PortalFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


REASON_HELP = _("Kept in the history, with your name and the time.")


class ReasonMixin(forms.Form):
    """A change of an existing record says why; the reason goes into the history."""

    reason = forms.CharField(
        label=_("Reason for the change"), help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContributionForm(PortalFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["goal", "kind", "title", "description", "department", "period_start", "period_end", "budget"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        budget = cleaned.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("A budget cannot be negative."))
        return cleaned


class ContributionChangeForm(ReasonMixin, ContributionForm):
    class Meta(ContributionForm.Meta):
        pass


class IndicatorForm(PortalFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None and target <= 0:
            self.add_error("target", _("The target must be more than zero."))
        baseline = cleaned.get("baseline")
        if baseline is not None and baseline < 0:
            self.add_error("baseline", _("The baseline cannot be negative."))
        return cleaned


class IndicatorChangeForm(ReasonMixin, IndicatorForm):
    class Meta(IndicatorForm.Meta):
        pass


class MeasurementForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorMeasurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput()}

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("A measured value cannot be negative."))
        return value

    def validate_unique(self):
        # Recording a date again corrects that date's value (see services.record_measurement).
        pass


class MeetingForm(PortalFormMixin, IdempotentFormMixin, forms.ModelForm):
    minutes_url = forms.URLField(label=_("Link to the minutes document"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["date", "place", "hosted_by_velsen", "topic", "attendees", "minutes", "minutes_url"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }


class MeetingChangeForm(ReasonMixin, MeetingForm):
    class Meta(MeetingForm.Meta):
        pass


class ActionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "name",
            "slug",
            "description",
            "goal",
            "since_year",
            "result_unit",
            "result_label",
            "participant_label",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"slug": _("Part of the web address; made from the name if you leave it empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self):
        return self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))


class ActionChangeForm(ReasonMixin, ActionForm):
    class Meta(ActionForm.Meta):
        pass


class ActionResultForm(PortalFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason or remark"), required=False, help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = ActionResult
        fields = ["year", "quantity", "participants", "source"]

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity < 0:
            raise forms.ValidationError(_("A result cannot be negative."))
        return quantity

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 1900 and 2100."))
        return year

    def validate_unique(self):
        # Recording a year again corrects that year's result (see services.record_action_result).
        pass


class LabelStatusForm(PortalFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    on = forms.DateField(
        label=_("Date of the change"), widget=DateInput(), required=False, help_text=_("Today if empty.")
    )
    council_decision = forms.CharField(
        label=_("Council decision (reference)"),
        max_length=300,
        required=False,
        help_text=_("Needed for adoption, e.g. the decision number and date."),
    )
    council_decision_url = forms.URLField(
        label=_("Link to the council decision"), required=False, assume_scheme="https"
    )
    reason = forms.CharField(
        label=_("Reason for the change"), help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Choose a status"))] + [(s.value, s.label) for s in allowed]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Label.Status.ADOPTED
            and not cleaned.get("council_decision")
            and not cleaned.get("council_decision_url")
        ):
            self.add_error(
                "council_decision", _("Adoption rests on a council decision: give its reference or a link to it.")
            )
        return cleaned
