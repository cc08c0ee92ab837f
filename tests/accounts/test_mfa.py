"""Staff log in with a second factor; citizens may turn it on; repeated failures lock the door."""

import time

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from audit.models import AuditEvent
from tests.conftest import PASSWORD
from tests.factories import ensure_totp, login_through_form, totp_code

pytestmark = pytest.mark.django_db


def password_step(client, user, password=PASSWORD):
    return client.post("/accounts/login/", {"username": user.email, "password": password})


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_staff_without_an_authenticator_must_set_one_up_before_being_logged_in(client, civil_servant):
    response = password_step(client, civil_servant)
    assert response.url == "/accounts/security/mfa/"
    assert not is_logged_in(client)
    page = client.get("/accounts/security/mfa/")
    assert "<svg" in page.text and page.context["secret"]
    device = TOTPDevice.objects.get(user=civil_servant, confirmed=False)
    response = client.post("/accounts/security/mfa/", {"code": totp_code(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert is_logged_in(client)
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_first_code_does_not_confirm_the_authenticator(client, civil_servant):
    password_step(client, civil_servant)
    client.get("/accounts/security/mfa/")
    response = client.post("/accounts/security/mfa/", {"code": "000000"})
    assert response.status_code == 200
    assert "niet correct" in response.text
    assert not is_logged_in(client)


def test_staff_with_an_authenticator_give_the_code_after_the_password(client, council_member, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows retries down; this test retries at once
    device = ensure_totp(council_member)
    response = password_step(client, council_member)
    assert response.url == "/accounts/login/verify/"
    assert not is_logged_in(client)
    response = client.post("/accounts/login/verify/", {"code": "123456" if totp_code(device) != "123456" else "654321"})
    assert response.status_code == 200
    assert "Er is een probleem" in response.text
    assert not is_logged_in(client)
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == "/start/"
    assert is_logged_in(client)
    assert client.session.get("otp_device_id")


def test_a_recovery_code_works_once(client, administrator):
    ensure_totp(administrator)
    codes = mfa.new_recovery_codes(administrator)
    password_step(client, administrator)
    assert client.post("/accounts/login/verify/", {"code": codes[0]}).status_code == 302
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post("/accounts/logout/")
    password_step(client, administrator)
    response = client.post("/accounts/login/verify/", {"code": codes[0]})
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_five_wrong_codes_send_you_back_to_the_password(client, civil_servant):
    ensure_totp(civil_servant)
    password_step(client, civil_servant)
    for _ in range(5):
        response = client.post("/accounts/login/verify/", {"code": "999999"})
    assert response.url == "/accounts/login/"
    assert AuditEvent.objects.filter(action="auth.mfa_failed").count() == 5
    assert client.get("/accounts/login/verify/").url == "/accounts/login/"


def test_the_second_step_expires(client, civil_servant):
    device = ensure_totp(civil_servant)
    password_step(client, civil_servant)
    session = client.session
    session["velsen_mfa_pending"]["at"] = time.time() - 3600
    session.save()
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.url == "/accounts/login/"
    assert not is_logged_in(client)


def test_a_citizen_logs_in_with_a_password_alone_and_may_turn_the_second_factor_on_and_off(client, citizen):
    assert password_step(client, citizen).url == "/start/"
    assert client.get("/accounts/security/").status_code == 200
    client.get("/accounts/security/mfa/")
    device = TOTPDevice.objects.get(user=citizen)
    assert client.post("/accounts/security/mfa/", {"code": totp_code(device)}).status_code == 200
    assert mfa.mfa_required(citizen)
    client.post("/accounts/logout/")
    assert password_step(client, citizen).url == "/accounts/login/verify/"
    client.post("/accounts/login/verify/", {"code": totp_code(device, offset=1)})
    client.post("/accounts/security/mfa/off/")
    assert not TOTPDevice.objects.filter(user=citizen).exists()


def test_staff_cannot_turn_the_second_factor_off(civil_servant):
    from django.test import Client

    client = Client()
    login_through_form(client, civil_servant)
    response = client.post("/accounts/security/mfa/off/")
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=civil_servant, confirmed=True).exists()


def test_django_admin_logs_in_through_the_portal(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_sixth_wrong_password_in_a_minute_is_refused_even_when_right(client, citizen):
    for _ in range(4):
        response = password_step(client, citizen, password="wrong-password")
        assert response.status_code == 200
        assert "Vul een juist e-mailadres en wachtwoord in" in response.text
    # The fifth failure locks the door: from then on every attempt is refused, right or wrong.
    assert password_step(client, citizen, password="wrong-password").status_code == 429
    response = password_step(client, citizen)
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.text
    assert not is_logged_in(client)
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= 5


def test_staff_sessions_end_after_idle_time(civil_servant, settings):
    from django.test import Client

    client = Client()
    login_through_form(client, civil_servant)
    assert client.get("/start/").status_code == 200
    session = client.session
    session["velsen_last_seen"] = time.time() - settings.STAFF_IDLE_TIMEOUT - 60
    session.save()
    response = client.get("/start/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not is_logged_in(client)


def test_pages_for_logged_in_users_are_not_cached(citizen_client, client):
    assert citizen_client.get("/").headers["Cache-Control"] == "no-store, private"
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def test_login_gets_a_new_session_id(client, citizen):
    client.get("/accounts/login/")
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    password_step(client, citizen)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"
