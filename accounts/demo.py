"""Demo accounts (password `velsen-demo`). They exist only where `load_demo` was run."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import Role

DEMO_PASSWORD = "velsen-demo"  # noqa: S105  (documented demo password, only created by load_demo)

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
    if stdout is not None:
        stdout.write(f"Demo accounts: {created} created, {len(DEMO_USERS) - created} already there.")
