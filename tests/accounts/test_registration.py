"""A citizen registers, verifies the e-mail address, logs in and out; a staff account cannot be self-made."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing

from accounts.services import VERIFY_SALT, make_verification_token

pytestmark = pytest.mark.django_db
User = get_user_model()

GOOD = {
    "full_name": "Bea Burger",
    "email": "Bea@Example.org",
    "password1": "Zeewind-IJmuiden-2026",
    "password2": "Zeewind-IJmuiden-2026",
}


def verification_link(message):
    return re.search(r"https?://[^\s]+/accounts/verify/[^\s]+/", message.body).group(0)


def test_registering_creates_an_inactive_citizen_and_sends_a_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/register/", GOOD)
    assert response.status_code == 302
    assert response.url == "/accounts/register/done/"
    user = User.objects.get(email="bea@example.org")
    assert not user.is_active
    assert user.role_names == frozenset({"citizen"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bea@example.org"]
    assert "/accounts/verify/" in mail.outbox[0].body


def test_following_the_link_activates_the_account_and_allows_login(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/register/", GOOD)
    link = verification_link(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    user = User.objects.get(email="bea@example.org")
    assert user.is_active and user.email_verified_at is not None
    response = client.post("/accounts/login/", {"username": "bea@example.org", "password": GOOD["password1"]})
    assert response.status_code == 302
    assert response.url == "/start/"


def test_an_unverified_account_cannot_log_in(client):
    client.post("/accounts/register/", GOOD)
    response = client.post("/accounts/login/", {"username": "bea@example.org", "password": GOOD["password1"]})
    assert response.status_code == 200
    assert "Er is een probleem" in response.text


def test_a_tampered_or_expired_link_is_refused_with_a_reason(client, citizen, settings):
    response = client.get("/accounts/verify/not-a-token/")
    assert response.status_code == 400
    assert "niet geldig" in response.text
    settings.EMAIL_VERIFICATION_MAX_AGE = -1
    token = make_verification_token(citizen)
    response = client.get(f"/accounts/verify/{token}/")
    assert response.status_code == 400
    assert "verlopen" in response.text


def test_a_token_for_a_changed_address_is_refused(client, citizen):
    token = signing.dumps({"u": citizen.pk, "e": "old@example.org"}, salt=VERIFY_SALT)
    assert client.get(f"/accounts/verify/{token}/").status_code == 400


def test_bad_input_gets_field_errors_a_summary_and_keeps_what_was_typed(client):
    response = client.post("/accounts/register/", {**GOOD, "password2": "something-else-entirely"})
    assert response.status_code == 200
    text = response.text
    assert 'class="error-summary"' in text
    assert "De twee wachtwoorden zijn niet gelijk." in text
    assert 'value="Bea Burger"' in text
    assert 'value="Bea@Example.org"' in text
    assert not User.objects.filter(email="bea@example.org").exists()


def test_an_address_can_only_register_once(client, citizen):
    response = client.post("/accounts/register/", {**GOOD, "email": citizen.email.upper()})
    assert response.status_code == 200
    assert "bestaat al een account" in response.text
    assert User.objects.filter(email__iexact=citizen.email).count() == 1


def test_a_weak_password_is_refused(client):
    response = client.post("/accounts/register/", {**GOOD, "password1": "12345678901", "password2": "12345678901"})
    assert response.status_code == 200
    assert not User.objects.filter(email="bea@example.org").exists()


def test_self_registration_never_gives_a_staff_role(client):
    client.post("/accounts/register/", {**GOOD, "role": "civil_servant", "is_staff": "on"})
    user = User.objects.get(email="bea@example.org")
    assert user.role_names == frozenset({"citizen"})
    assert not user.is_staff


def test_logout_needs_a_post_and_ends_the_session(citizen_client):
    assert citizen_client.get("/start/").status_code in (200, 302)
    response = citizen_client.post("/accounts/logout/")
    assert response.status_code == 302
    response = citizen_client.get("/start/")
    assert response.url.startswith("/accounts/login/")


def test_password_reset_sends_a_link_that_sets_a_new_password(client, citizen):
    client.post("/accounts/password-reset/", {"email": citizen.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/reset/[^\s]+/", mail.outbox[0].body).group(0)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Nieuw-Wachtwoord-2026", "new_password2": "Nieuw-Wachtwoord-2026"}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("Nieuw-Wachtwoord-2026")
