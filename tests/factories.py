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
