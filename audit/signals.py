"""Log logins, logouts and failed logins (BIO: a log line per action)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import AuditEvent
from audit.services import client_ip, record


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(actor=user, action="auth.login", obj=user, ip=client_ip(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action="auth.logout", obj=user, ip=client_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    record(
        actor=None,
        action="auth.login_failed",
        result=AuditEvent.Result.REFUSED,
        ip=client_ip(request),
        data={"username": str(credentials.get("username", ""))[:254]},
    )
