"""Small explicit factories shared by the tests of every app."""

from django.contrib.auth import get_user_model
from django.utils import timezone


def make_user(email, *, roles=(), full_name="Test Persoon", password="velsen-test-password", **extra):
    User = get_user_model()
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, email_verified_at=timezone.now(), **extra
    )
    if roles:
        user.set_roles(roles)
    return user


def ensure_totp(user):
    """Give a user a confirmed authenticator (staff need one to log in through the form)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device, offset=0):
    """The code an authenticator app would show now (offset in steps: -1 is the previous one)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):0{device.digits}d}"


def login_through_form(client, user, password="velsen-test-password"):
    """Log a test client in through the real login views, second factor included."""
    from accounts.mfa import mfa_required

    response = client.post("/accounts/login/", {"username": user.email, "password": password})
    if mfa_required(user):
        device = ensure_totp(user)
        response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    return response
