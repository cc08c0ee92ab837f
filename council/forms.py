from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Argument, Option, Question
from partnerships.models import Partnership
from velsen_intl.forms import IdempotentFormMixin, PortalFormMixin


class QuestionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "title",
            "topic",
            "context",
            "dilemma",
            "question_text",
            "partnership",
            "goal",
            "budget_year",
            "quorum_percent",
            "majority_percent",
            "council_size",
        ]

    def clean_budget_year(self):
        year = self.cleaned_data.get("budget_year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year

    def clean_quorum_percent(self):
        return _below_100(self.cleaned_data.get("quorum_percent"))

    def clean_majority_percent(self):
        return _below_100(self.cleaned_data.get("majority_percent"))


def _below_100(value):
    if value is not None and value >= 100:
        raise forms.ValidationError(_("Enter a percentage below 100."))
    return value


class NewQuestionForm(IdempotentFormMixin, QuestionForm):
    pass


class DocumentForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link to the document"), max_length=500, assume_scheme="https")


class OptionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Option
        fields = [
            "title",
            "description",
            "pros",
            "cons",
            "money_per_year",
            "fte",
            "new_grant_ceiling",
            "partnership_effect",
            "partnerships",
        ]
        widgets = {"partnerships": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = Partnership.objects.filter(kind=Partnership.Kind.CITY_LINK)

    def clean(self):
        cleaned = super().clean()
        effect = cleaned.get("partnership_effect")
        links = cleaned.get("partnerships")
        if effect and effect != Option.PartnershipEffect.NONE and not links:
            self.add_error("partnerships", _("Choose the city links this option ends or transforms."))
        for name in ("money_per_year", "fte", "new_grant_ceiling"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Enter an amount of zero or more."))
        return cleaned


class NewOptionForm(IdempotentFormMixin, OptionForm):
    pass


class ReasonForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (shown in the history)"), widget=forms.Textarea, required=False)


class WithdrawForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the question withdrawn?"), widget=forms.Textarea)


class OpenVotingForm(PortalFormMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Voting opens at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to open now."),
    )
    ends_at = forms.DateTimeField(
        label=_("Voting closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    reason = forms.CharField(label=_("Note (shown in the history)"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = self.fields["ends_at"].input_formats

    def clean(self):
        cleaned = super().clean()
        starts_at = cleaned.get("starts_at") or timezone.now()
        ends_at = cleaned.get("ends_at")
        if ends_at is not None:
            if ends_at <= timezone.now():
                self.add_error("ends_at", _("The closing time must lie in the future."))
            elif ends_at <= starts_at:
                self.add_error("ends_at", _("Voting must close after it opens."))
        return cleaned


class DecideForm(PortalFormMixin, forms.Form):
    chosen_options = forms.ModelMultipleChoiceField(
        label=_("Chosen option(s)"), queryset=Option.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(label=_("Decision text"), widget=forms.Textarea)
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen_options"].queryset = question.options.all()

    def clean(self):
        cleaned = super().clean()
        options = cleaned.get("chosen_options") or []
        ceilings = {o.new_grant_ceiling for o in options if o.new_grant_ceiling is not None}
        if len(ceilings) > 1:
            self.add_error("chosen_options", _("These options set different grant ceilings; choose one of them."))
        return cleaned


class FormalDecisionForm(PortalFormMixin, forms.Form):
    meeting_date = forms.DateField(
        label=_("Date of the council meeting"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes_url = forms.URLField(label=_("Link to the minutes"), max_length=500, assume_scheme="https")
    summary = forms.CharField(label=_("What the council decided"), widget=forms.Textarea, required=False)


class VoteForm(PortalFormMixin, forms.Form):
    ABSTAIN = "abstain"

    choice = forms.ChoiceField(label=_("Your choice"), widget=forms.RadioSelect)

    def __init__(self, *args, question, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {str(o.pk): o for o in (question.options.all() if options is None else options)}
        self.fields["choice"].choices = [(pk, o.title) for pk, o in self.options.items()] + [
            (self.ABSTAIN, _("Abstain"))
        ]

    @property
    def chosen_option(self):
        """The Option chosen, or None for an abstention."""
        return self.options.get(self.cleaned_data["choice"])


class ArgumentForm(IdempotentFormMixin, PortalFormMixin, forms.Form):
    option = forms.ChoiceField(label=_("Option"))
    stance = forms.ChoiceField(label=_("For or against"), choices=Argument.Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your argument"), widget=forms.Textarea)

    def __init__(self, *args, question, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {str(o.pk): o for o in (question.options.all() if options is None else options)}
        self.fields["option"].choices = [(pk, o.title) for pk, o in self.options.items()]

    def clean_option(self):
        """The Option itself (the choices hold its primary key)."""
        return self.options[self.cleaned_data["option"]]


class InterestForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Your personal interest"),
        widget=forms.Textarea,
        help_text=_("This declaration is public with the result. You will not vote on this question."),
    )
