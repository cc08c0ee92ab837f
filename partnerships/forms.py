from decimal import Decimal
from pathlib import Path

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from global_goals.models import Goal
from partnerships import countries
from partnerships.models import Activity, Partner, Partnership, Theme
from velsen_intl import uploads
from velsen_intl.forms import IdempotentFormMixin, PortalFormMixin
from velsen_intl.pillars import Pillar

ALLOWED_DOCUMENT_EXTENSIONS = {".pdf", ".odt", ".docx", ".doc", ".txt", ".jpg", ".jpeg", ".png"}
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)

    def _check_values(self, value):
        # SQLite cannot even look up a number beyond 64 bits (OverflowError, a 500): refuse it as invalid.
        try:
            return super()._check_values(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "…"}
            ) from None


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PartnershipForm(PortalFormMixin, IdempotentFormMixin, forms.ModelForm):
    """Create or edit a partnership's details. Status changes have their own form and service."""

    partners = forms.ModelMultipleChoiceField(
        label=_("Partner cities or regions"),
        queryset=Partner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_partner_name = forms.CharField(
        label=_("New partner city or region"),
        required=False,
        max_length=150,
        help_text=_("Fill in only if the partner is not in the list above."),
    )
    new_partner_country = forms.CharField(
        label=_("Country of the new partner (ISO code, two letters)"),
        required=False,
        max_length=2,
        help_text=_("For example DE for Germany, CN for China."),
    )
    themes = ThemeChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    goals = GoalChoiceField(
        label=_("Global Goals served"), queryset=Goal.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Partnership
        fields = [
            "title",
            "kind",
            "pillar",
            "summary",
            "since",
            "until",
            "lead",
            "lead_name",
            "lead_portfolio",
            "official_contact",
            "official_contact_email",
            "origin",
            "business_partners",
            "community_partners",
        ]
        widgets = {
            "since": DateInput(),
            "until": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "business_partners": forms.Textarea(attrs={"rows": 3}),
            "community_partners": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "title",
        "kind",
        "pillar",
        "partners",
        "new_partner_name",
        "new_partner_country",
        "themes",
        "goals",
        "summary",
        "since",
        "until",
        "lead",
        "lead_name",
        "lead_portfolio",
        "official_contact",
        "official_contact_email",
        "origin",
        "business_partners",
        "community_partners",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pillar"].choices = [("", "---------"), *Pillar.choices]

    def clean_new_partner_country(self):
        code = self.cleaned_data.get("new_partner_country", "").strip().upper()
        if code and not countries.is_valid_country(code):
            raise forms.ValidationError(_("Enter an existing two-letter ISO country code, such as DE or LK."))
        return code

    def clean(self):
        data = super().clean()
        name, code = data.get("new_partner_name", "").strip(), data.get("new_partner_country", "")
        if name and not code and "new_partner_country" not in self.errors:
            self.add_error("new_partner_country", _("Give the country of the new partner."))
        if code and not name:
            self.add_error("new_partner_name", _("Give the name of the new partner."))
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date cannot be before the start date."))
        return data

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def chosen_partners(self, *, actor, ip=None):
        """The ticked partners plus the new one typed in (registered through the partner service,
        so that its creation is audited like any other)."""
        from partnerships.services import save_partner

        partners = list(self.cleaned_data.get("partners") or [])
        name = self.cleaned_data.get("new_partner_name", "").strip()
        if name:
            code = self.cleaned_data["new_partner_country"]
            partner = Partner.objects.filter(name=name, country_code=code).first()
            if partner is None:
                partner = save_partner(None, actor=actor, fields={"name": name, "country_code": code}, ip=ip)
            if partner not in partners:
                partners.append(partner)
        return partners


class StatusChangeForm(PortalFormMixin, forms.Form):
    new_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    decision_reference = forms.CharField(
        label=_("Decision reference (optional)"),
        required=False,
        max_length=500,
        help_text=_("The council or college decision this rests on: a reference or a web address."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = choices


class TransformForm(PortalFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title of the project-based cooperation"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the title of the city link."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    decision_reference = forms.CharField(
        label=_("Decision reference (optional)"),
        required=False,
        max_length=500,
        help_text=_("The council or college decision this rests on: a reference or a web address."),
    )


class PhaseOutStepForm(PortalFormMixin, IdempotentFormMixin, forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class CompleteStepForm(PortalFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())


# What the content (magic bytes) must be for each allowed extension; None: plain UTF-8 text.
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".txt": None,
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def _content_matches(data, expected):
    """The content is what the extension says (by magic bytes), and carries nothing hidden."""
    if not data or uploads.has_active_content(data):
        return False
    kind = uploads.detect_mime(data)
    if expected is None:  # text: no binary type, valid UTF-8, no control characters but whitespace
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return kind is None and not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
    if kind != expected:
        return False
    return uploads.content_is_safe(data, kind, max_unpacked=5 * MAX_DOCUMENT_SIZE)


def validate_document(upload):
    if upload is None:
        return
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_EXTENSIONS:
        raise forms.ValidationError(_("Upload a PDF, ODT, Word, text, JPEG or PNG file."))
    if upload.size > MAX_DOCUMENT_SIZE:
        raise forms.ValidationError(_("The file is larger than 10 MB."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not _content_matches(data, DOCUMENT_TYPES[suffix]):
        raise forms.ValidationError(
            _("The content of this file is not a %(kind)s file, or it carries scripts or other hidden content."),
            params={"kind": suffix.lstrip(".").upper()},
        )


class DocumentFieldsMixin(forms.Form):
    document = forms.FileField(label=_("Document"), required=False, validators=[validate_document])
    document_title = forms.CharField(label=_("Title of the document"), required=False, max_length=200)
    document_is_public = forms.BooleanField(label=_("Anyone may see this document on the public page"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("document") and not (data.get("document_title") or "").strip():
            data["document_title"] = data["document"].name[:200]
        return data

    def documents(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return []
        return [
            {
                "title": self.cleaned_data["document_title"],
                "file": upload,
                "is_public": self.cleaned_data.get("document_is_public", False),
            }
        ]


class ActivityForm(PortalFormMixin, IdempotentFormMixin, DocumentFieldsMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "date", "title", "participants", "costs", "description"]
        widgets = {
            "date": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = [
        "kind",
        "date",
        "title",
        "participants",
        "costs",
        "description",
        "document",
        "document_title",
        "document_is_public",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["costs"].min_value = Decimal("0")
        self.fields["costs"].validators.append(_not_negative)
        self.fields["costs"].required = False

    def clean_costs(self):
        return self.cleaned_data.get("costs") or Decimal("0.00")


def _not_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("Costs cannot be negative."))


class DocumentForm(PortalFormMixin, DocumentFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].required = True


class RegisterFilterForm(forms.Form):
    """The filters of the public register (GET)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, themes=(), country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(Partnership.Kind.choices)
        self.fields["status"].choices = everything + list(Partnership.Status.choices)
        self.fields["theme"].choices = everything + [(t.slug, t.name) for t in themes]
        self.fields["country"].choices = everything + sorted(
            ((code, countries.country_name(code)) for code in country_codes), key=lambda c: str(c[1])
        )


class PartnerForm(PortalFormMixin, forms.ModelForm):
    website = forms.URLField(
        label=capfirst(Partner._meta.get_field("website").verbose_name), required=False, assume_scheme="https"
    )

    class Meta:
        model = Partner
        fields = ["name", "country_code", "region", "population", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"country_code": _("Two letters, for example DE for Germany, LK for Sri Lanka.")}

    def clean_country_code(self):
        code = self.cleaned_data["country_code"].strip().upper()
        if not countries.is_valid_country(code):
            raise forms.ValidationError(_("Enter an existing two-letter ISO country code, such as DE or LK."))
        return code

    def service_fields(self):
        return dict(self.cleaned_data)
