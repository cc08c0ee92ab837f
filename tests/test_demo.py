import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
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
    users = get_user_model().objects
    for email in ["inwoner@example.org", "ambtenaar@example.org", "raadslid1@example.org", "beheer@example.org"]:
        assert users.get(email=email).check_password("velsen-demo"), email
    assert users.get(email="raadslid5@example.org").is_council_member
    assert users.get(email="beheer@example.org").is_administrator


def test_demo_staff_log_in_with_the_published_second_factor(client, settings):
    from django_otp.oath import TOTP

    from accounts.demo import DEMO_TOTP_KEY

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post("/accounts/login/", {"username": "ambtenaar@example.org", "password": "velsen-demo"})
    code = f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"
    response = client.post("/accounts/login/verify/", {"code": code})
    assert response.status_code == 302
    assert response.url == "/start/"


def test_in_debug_mode_the_login_page_shows_a_demo_accounts_current_code(client, settings):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post("/accounts/login/", {"username": "raadslid1@example.org", "password": "velsen-demo"})
    settings.DEBUG = False
    assert "Demomodus" not in client.get("/accounts/login/verify/").text
    settings.DEBUG = True
    assert "Demomodus" in client.get("/accounts/login/verify/").text
