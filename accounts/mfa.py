"""Multi-factor login (BIO: staff must use a second factor).

Staff (civil servants, council members, administrators) log in with their password and then a
TOTP code from an authenticator app, or one of their single-use recovery codes. Citizens may turn
it on. Devices are django-otp's TOTP and static devices; this module holds the rules around them.
"""

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role
from audit.models import AuditEvent
from audit.services import record

MFA_ROLES = (Role.CIVIL_SERVANT, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR)
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def mfa_required(user):
    """Staff must use a second factor; a citizen only when they turned it on."""
    return user.has_role(*MFA_ROLES) or user.is_superuser or has_confirmed_totp(user)


def has_confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user):
    """The unconfirmed device of a user who is setting up MFA (created once, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_base32(device):
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device):
    """The otpauth:// URI as an inline SVG QR code (no outside request, no inline style)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000000", light="#ffffff")


@transaction.atomic
def confirm_totp(user, device, token, *, ip=None):
    """Confirm a new authenticator with a first code; returns fresh recovery codes or None."""
    if device.user_id != user.pk or not device.verify_token(str(token).strip()):
        record(actor=user, action="mfa.setup_failed", obj=user, result=AuditEvent.Result.REFUSED, ip=ip)
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    record(actor=user, action="mfa.enabled", obj=user, ip=ip)
    return codes


def new_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify_second_factor(user, token):
    """Check a TOTP code or a recovery code; return the device that matched, or None."""
    token = str(token).strip().replace(" ", "")
    if not token:
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def demo_hint_code(user):
    """In debug mode only, the current code of a demo account (so `make run` can be tried out)."""
    if not settings.DEBUG:
        return None
    from accounts.demo import DEMO_TOTP_KEY, DEMO_USERS

    if user.email not in {email for email, *_ in DEMO_USERS}:
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True, key=DEMO_TOTP_KEY).first()
    if device is None:
        return None
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@transaction.atomic
def disable(user, *, ip=None):
    """Turn the second factor off (citizens only; the view refuses staff)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(actor=user, action="mfa.disabled", obj=user, ip=ip)
