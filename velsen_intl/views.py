from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit.services import client_ip, record
from velsen_intl import overview
from velsen_intl import privacy as avg
from velsen_intl.forms import PortalFormMixin
from velsen_intl.pillars import PILLAR_SLUGS

SLUG_TO_PILLAR = {slug: pillar for pillar, slug in PILLAR_SLUGS.items()}


@require_safe
def home(request):
    return render(
        request, "portal/home.html", {"pillars": overview.pillar_cards(), "budget": overview.budget_summary()}
    )


@require_safe
def pillar(request, slug):
    pillar = SLUG_TO_PILLAR.get(slug)
    if pillar is None:
        raise Http404
    context = {
        "pillar": pillar,
        "related_links": overview.pillar_links(pillar),
        "breadcrumbs": [(pillar.label, None)],
    }
    return render(request, "portal/pillar.html", context)


@require_safe
def privacy(request):
    return render(request, "portal/privacy.html", {"breadcrumbs": [(_("Privacy statement"), None)]})


@require_safe
def accessibility(request):
    return render(request, "portal/accessibility.html", {"breadcrumbs": [(_("Accessibility statement"), None)]})


@require_safe
def contact(request):
    return render(request, "portal/contact.html", {"breadcrumbs": [(_("Contact"), None)]})


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable", "detail": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def start(request):
    """Each role lands on its own start page after login."""
    user = request.user
    if user.is_civil_servant:
        return render(request, "portal/work_overview.html", {"overview": overview.work_overview()})
    if user.is_council_member:
        return redirect("council:my_questions")
    if user.is_citizen:
        return redirect("grants:my_applications")
    return render(request, "portal/start.html")


class DeleteAccountForm(PortalFormMixin, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To be sure it is you, enter your password."),
    )
    confirm = forms.BooleanField(label=gettext_lazy("I understand that my account is deleted and cannot be restored."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext_lazy("This password is not correct."))
        return password


@login_required
def my_data(request):
    """A person's own data: download it, or delete the account (AVG articles 15, 17 and 20)."""
    blockers = avg.deletion_blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        user = request.user
        logout(request)
        avg.delete_account(user, ip=client_ip(request))
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    context = {"form": form, "blockers": blockers, "breadcrumbs": [(_("My data"), None)]}
    return render(request, "portal/my_data.html", context)


@login_required
@require_safe
def my_data_download(request):
    data = avg.export_data(request.user)
    record(actor=request.user, action="account.data_exported", obj=request.user, ip=client_ip(request))
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-velsen-internationaal.json"'
    return response
