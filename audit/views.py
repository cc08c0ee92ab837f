from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.roles import Role
from audit.models import AuditEvent
from velsen_intl.forms import PortalFormMixin


class AuditFilterForm(PortalFormMixin, forms.Form):
    q = forms.CharField(label=_("Search (actor, action, object, IP)"), required=False, max_length=200)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All"))] + list(AuditEvent.Result.choices)
    )
    since = forms.DateField(label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@role_required(Role.ADMINISTRATOR)
def event_list(request):
    """Administrators search the audit log (read-only; nothing here can change it)."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all()
    if form.is_valid():
        events = AuditEvent.objects.search(**form.cleaned_data)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "breadcrumbs": [(_("Audit log"), None)]}
    return render(request, "audit/event_list.html", context)
