"""In Chromium: a citizen registers, verifies the e-mail link, logs in and out and switches language;
every page visited has zero axe-core WCAG 2.1 AA violations."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
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


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_public_page_is_accessible(page, base_url, axe, prefix):
    for path in PUBLIC_PAGES:
        page.goto(base_url + prefix + path)
        expect(page.locator("h1")).to_have_count(1)
        axe(page)


def test_a_citizen_registers_verifies_logs_in_switches_language_and_logs_out(page, base_url, axe):
    page.goto(base_url + "/")
    axe(page)
    page.get_by_role("link", name="Inloggen").click()
    axe(page)
    page.get_by_role("link", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Account aanmaken")

    # First a mistake: the passwords differ. The error is summarised and typed data is kept.
    page.get_by_label("Volledige naam").fill("Bea Burger")
    page.get_by_label("E-mailadres").fill("bea@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("Zeewind-IJmuiden-2026")
    page.get_by_label("Herhaal wachtwoord").fill("Zeewind-IJmuiden-2027")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator(".error-summary")).to_contain_text("De twee wachtwoorden zijn niet gelijk.")
    expect(page.get_by_label("Volledige naam")).to_have_value("Bea Burger")
    axe(page, "(form with errors)")

    page.get_by_label("Wachtwoord", exact=True).fill("Zeewind-IJmuiden-2026")
    page.get_by_label("Herhaal wachtwoord").fill("Zeewind-IJmuiden-2026")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Kijk in uw e-mail")
    axe(page)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/verify/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.locator(".alert--success")).to_contain_text("bevestigd")
    axe(page)

    page.get_by_label("E-mailadres").fill("bea@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("Zeewind-IJmuiden-2026")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".site-header__user")).to_contain_text("Bea")
    axe(page)

    page.get_by_role("link", name="EN (English)").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="NL (Nederlands)").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    axe(page)


def test_the_layout_works_at_320_pixels_wide(page, base_url, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    axe(page)
    page.screenshot(path="/tmp/home-320.png", full_page=True)
