import time

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import mfa, services
from accounts.forms import (
    LoginForm,
    OTPCodeForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
    RegistrationForm,
)
from audit.models import AuditEvent
from audit.services import client_ip, record
from velsen_intl.ratelimit import ratelimit

PENDING_KEY = "velsen_mfa_pending"
PENDING_MAX_AGE = 300  # seconds between the password and the second factor
PENDING_MAX_TRIES = 5


class LoginView(auth_views.LoginView):
    """Step one: e-mail and password. Users who need a second factor go on to step two; the
    session is only logged in once both factors passed."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not mfa.mfa_required(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
            "tries": 0,
        }
        if mfa.has_confirmed_totp(user):
            return redirect("accounts:login_verify")
        return redirect("accounts:mfa_setup")


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_MAX_AGE:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def _complete_login(request, user, pending, device):
    user.backend = pending["backend"]
    auth_login(request, user)
    django_otp.login(request, device)
    request.session.pop(PENDING_KEY, None)
    next_url = pending.get("next") or reverse(settings.LOGIN_REDIRECT_URL)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    return next_url


@require_http_methods(["GET", "POST"])
def login_verify(request):
    """Step two: a code from the authenticator app or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Log in again: the time for the second step has passed."))
        return redirect("accounts:login")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify_second_factor(user, form.cleaned_data["code"])
        if device is not None:
            return redirect(_complete_login(request, user, pending, device))
        pending["tries"] += 1
        request.session[PENDING_KEY] = pending
        record(
            actor=None,
            action="auth.mfa_failed",
            obj=user,
            result=AuditEvent.Result.REFUSED,
            ip=client_ip(request),
        )
        if pending["tries"] >= PENDING_MAX_TRIES:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        form.add_error("code", _("This code is not correct. Use the current code from your app, or a recovery code."))
    context = {"form": form, "demo_code": mfa.demo_hint_code(user)}
    return render(request, "accounts/login_verify.html", context)


@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    """Set up an authenticator: during a staff member's first login, or later from the security page."""
    if request.user.is_authenticated:
        user, pending = request.user, None
    else:
        user, pending = _pending_user(request)
        if user is None:
            return redirect("accounts:login")
    device = mfa.pending_totp_device(user)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_totp(user, device, form.cleaned_data["code"], ip=client_ip(request))
        if codes is not None:
            next_url = _complete_login(request, user, pending, device) if pending else reverse("accounts:security")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})
        form.add_error("code", _("This code is not correct. Check the time on your phone and try the new code."))
    context = {
        "form": form,
        "secret": mfa.secret_base32(device),
        "qr_svg": mfa.qr_svg(device),
        "required": mfa.mfa_required(user) and not mfa.has_confirmed_totp(user) and pending is not None,
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def security(request):
    """A user's own security settings: second factor on/off, new recovery codes."""
    context = {
        "has_mfa": mfa.has_confirmed_totp(request.user),
        "may_disable": not request.user.has_role(*mfa.MFA_ROLES),
        "breadcrumbs": [(_("Security"), None)],
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def mfa_disable(request):
    if request.user.has_role(*mfa.MFA_ROLES):
        messages.error(request, _("Staff accounts must keep their second factor."))
        return redirect("accounts:security")
    mfa.disable(request.user, ip=client_ip(request))
    messages.success(request, _("The second factor is turned off."))
    return redirect("accounts:security")


@login_required
@require_POST
def recovery_codes_new(request):
    if not mfa.has_confirmed_totp(request.user):
        return redirect("accounts:security")
    codes = mfa.new_recovery_codes(request.user)
    record(actor=request.user, action="mfa.recovery_codes_renewed", obj=request.user, ip=client_ip(request))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": reverse("accounts:security")})


class LogoutView(auth_views.LogoutView):
    pass


@require_http_methods(["GET", "POST"])
@ratelimit("register", rate=(5, 3600), methods=("POST",))
def register(request):
    if request.user.is_authenticated:
        return redirect("start")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.register_citizen(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            base_url=request.build_absolute_uri("/"),
            ip=client_ip(request),
        )
        return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request):
    return render(request, "accounts/register_done.html")


def verify_email(request, token):
    try:
        services.verify_email(token, ip=client_ip(request))
    except services.AccountError as error:
        return render(request, "accounts/verify_failed.html", {"reason": str(error)}, status=400)
    messages.success(request, _("Your e-mail address is verified. You can log in now."))
    return redirect("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = PortalPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


password_reset = ratelimit("password_reset", rate=(5, 3600), methods=("POST",))(PasswordResetView.as_view())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = PortalSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
