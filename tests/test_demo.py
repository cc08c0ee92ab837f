import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def model_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "global_goals", "partnerships", "grants", "council"}
    }


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = model_counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert model_counts() == first


def test_the_demo_accounts_log_in_with_the_demo_password():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for email in ["inwoner@example.org", "ambtenaar@example.org", "raadslid1@example.org", "beheer@example.org"]:
        assert authenticate(username=email, password="velsen-demo") is not None, email
    assert authenticate(username="raadslid5@example.org", password="velsen-demo").is_council_member
    assert authenticate(username="beheer@example.org", password="velsen-demo").is_administrator
