"""The public pages in Dutch (default) and English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/pillars/project-cooperation/",
    "/pillars/city-links/",
    "/pillars/world-and-society/",
    "/pillars/europe/",
    "/privacy/",
    "/accessibility/",
    "/contact/",
    "/accounts/login/",
    "/accounts/register/",
    "/accounts/password-reset/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_each_public_page_answers_in_dutch_and_english(client, path):
    dutch = client.get(path)
    assert dutch.status_code == 200
    assert '<html lang="nl">' in dutch.text
    english = client.get("/en" + path)
    assert english.status_code == 200
    assert '<html lang="en">' in english.text


def test_the_home_page_shows_the_four_pillars_and_the_budget_in_dutch_format(client):
    response = client.get("/")
    assert "Vier pijlers onder één paraplu" in response.text
    for pillar in ["A. Projectmatige", "B. Symbolische stedenbanden", "C. Wereld en samenleving", "D. Europastrategie"]:
        assert pillar in response.text
    assert "€\xa010.000,00" in response.text


def test_the_english_home_page_formats_euros_the_english_way(client):
    response = client.get("/en/")
    assert "Four pillars under one umbrella" in response.text
    assert "€10,000.00" in response.text


def test_every_page_offers_the_other_language(client):
    response = client.get("/pillars/europe/")
    assert 'href="/en/pillars/europe/"' in response.text
    response = client.get("/en/pillars/europe/")
    assert 'href="/pillars/europe/"' in response.text


def test_an_unknown_pillar_is_not_found(client):
    assert client.get("/pillars/moon/").status_code == 404


def test_the_layout_has_a_skip_link_landmarks_and_footer_links(client):
    text = client.get("/").text
    assert 'class="skip-link" href="#main"' in text
    assert '<main id="main"' in text
    assert "<header" in text and "<footer" in text
    assert reverse("privacy") in text and reverse("accessibility") in text


def test_the_privacy_statement_names_controller_retention_and_the_authority(client):
    text = client.get("/privacy/").text
    assert "college van burgemeester en wethouders" in text
    assert "Bewaartermijnen" in text
    assert "Autoriteit Persoonsgegevens" in text


def test_the_start_page_needs_a_login(client):
    response = client.get("/start/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_civil_servant_lands_on_the_work_overview(civil_servant_client):
    response = civil_servant_client.get("/start/")
    assert response.status_code == 200
    assert "Werkoverzicht" in response.text


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_a_number_too_large_for_the_database_is_bad_input_not_a_server_error(client):
    from django.test import RequestFactory

    from velsen_intl.middleware import BadInputMiddleware

    request = RequestFactory().get("/")
    response = BadInputMiddleware(lambda r: None).process_exception(request, OverflowError("too big"))
    assert response.status_code == 400
    assert "kon niet worden verwerkt" in response.content.decode()
