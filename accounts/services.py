"""Account rules: self-registration of citizens and e-mail verification."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from audit.services import record
from velsen_intl.mail import send_mail_later

VERIFY_SALT = "accounts.email-verification"


class AccountError(Exception):
    """A refused account action; the message is safe to show."""


def make_verification_token(user):
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


@transaction.atomic
def register_citizen(*, email, full_name, password, base_url, ip=None):
    """Create an inactive citizen account and send the verification link.

    The account can log in only after the link in the e-mail was followed.
    """
    User = get_user_model()
    user = User.objects.create_user(email=email, password=password, full_name=full_name, is_active=False)
    user.set_roles([Role.CITIZEN])
    record(actor=None, action="account.registered", obj=user, ip=ip)
    transaction.on_commit(lambda: send_verification_email(user, base_url))
    return user


def send_verification_email(user, base_url):
    token = make_verification_token(user)
    link = base_url.rstrip("/") + reverse("accounts:verify_email", args=[token])
    context = {"user": user, "link": link}
    subject = render_to_string("accounts/email/verify_subject.txt", context).strip()
    body = render_to_string("accounts/email/verify_body.txt", context)
    send_mail_later(subject, body, [user.email])


def verify_email(token, *, ip=None):
    """Activate the account named by a verification token; returns the user."""
    User = get_user_model()
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise AccountError(translation.gettext("This link has expired. Register again to get a new one.")) from None
    except signing.BadSignature:
        raise AccountError(translation.gettext("This link is not valid.")) from None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise AccountError(translation.gettext("This link is not valid."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
        record(actor=user, action="account.email_verified", obj=user, ip=ip)
    return user
