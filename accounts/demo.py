"""Demo accounts (password `velsen-demo`). They exist only where `load_demo` was run."""

import base64

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.roles import Role

DEMO_PASSWORD = "velsen-demo"  # noqa: S105  (documented demo password, only created by load_demo)

# A fixed, published TOTP key for the demo staff accounts (hex, as django-otp stores it). Add it to an
# authenticator app as the base32 key printed by load_demo; with DEBUG on, the login page shows the
# current code of a demo account instead.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # noqa: S105  (public demo key)

DEMO_USERS = [
    ("inwoner@example.org", "Ineke Inwoner", [Role.CITIZEN], False),
    ("ambtenaar@example.org", "Arjen Ambtenaar", [Role.CIVIL_SERVANT], False),
    ("raadslid1@example.org", "Femke de Vries", [Role.COUNCIL_MEMBER], False),
    ("raadslid2@example.org", "Hasan Yilmaz", [Role.COUNCIL_MEMBER], False),
    ("raadslid3@example.org", "Marieke Bakker", [Role.COUNCIL_MEMBER], False),
    ("raadslid4@example.org", "Pieter Jansen", [Role.COUNCIL_MEMBER], False),
    ("raadslid5@example.org", "Sandra Visser", [Role.COUNCIL_MEMBER], False),
    ("beheer@example.org", "Bas Beheerder", [Role.ADMINISTRATOR], True),
]


def load(stdout=None):
    """Create the demo accounts once; a second run leaves them (and their passwords) as they are."""
    User = get_user_model()
    created = 0
    for email, full_name, roles, is_admin in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "email_verified_at": timezone.now(),
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.set_roles(roles)
            created += 1
        if user.has_role(*mfa.MFA_ROLES):
            TOTPDevice.objects.get_or_create(
                user=user, name=mfa.TOTP_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )
    if stdout is not None:
        stdout.write(f"Demo accounts: {created} created, {len(DEMO_USERS) - created} already there.")
        secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
        stdout.write(
            f"Demo staff accounts use a second factor: TOTP key {secret} (any authenticator app); "
            "with DJANGO_DEBUG=1 the login page shows the current code."
        )
