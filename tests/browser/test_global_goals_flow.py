"""In Chromium, in Dutch and in English: a civil servant records a KIMO meeting and a contribution
with an indicator; the public dashboard, goal page and KIMO page show them. Every page visited has
zero axe-core WCAG 2.1 AA violations."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from global_goals.models import Contribution, Meeting
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.global_goals.factories import make_action, make_label, make_network, make_role

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = {
    "": {
        "manage": "Global Goals en KIMO beheren",
        "record_meeting": "Bijeenkomst vastleggen",
        "record_contribution": "Bijdrage vastleggen",
        "add_indicator": "Indicator toevoegen",
        "record_measurement": "Meting vastleggen",
        "problem": "Er is een probleem",
        "hosted": "Velsen is gastheer",
        "contributions_14": "1 bijdrage",
        "figures": "120 t van het streefcijfer 300 t (40%)",
        "upcoming": "Komende bijeenkomsten",
    },
    "/en": {
        "manage": "Manage Global Goals and KIMO",
        "record_meeting": "Record a meeting",
        "record_contribution": "Record a contribution",
        "add_indicator": "Add an indicator",
        "record_measurement": "Record a measurement",
        "problem": "There is a problem",
        "hosted": "Hosted by Velsen",
        "contributions_14": "1 contribution",
        "figures": "120 t of the target 300 t (40%)",
        "upcoming": "Upcoming meetings",
    },
}


@pytest.fixture
def kimo_setting():
    """The 17 goals (a transactional test may run after another one flushed them), KIMO and a civil servant."""
    migration = importlib.import_module("global_goals.migrations.0002_load_the_17_goals")
    migration.load_goals(apps, None)
    network = make_network(description="Vereniging van kustgemeenten voor schone zeeën.", member_count=150)
    make_role(network)
    make_action(network, results=[(2019, "558", 137), (2021, "756", None), (2022, "512", None)])
    make_label()
    return make_user("ambtenaar@velsen.example", roles=["civil_servant"], full_name="Anna Ambtenaar", password=PASSWORD)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_civil_servant_records_a_meeting_and_a_contribution_that_the_public_then_sees(
    page, base_url, axe, login, kimo_setting, prefix
):
    text = TEXT[prefix]
    login(page, kimo_setting.email, PASSWORD, language_prefix=prefix)
    page.goto(f"{base_url}{prefix}/global-goals/manage/")
    expect(page.locator("h1")).to_have_text(text["manage"])
    axe(page, "(manage)")

    # A KIMO meeting, hosted by Velsen, planned for next spring.
    page.get_by_role("link", name=text["record_meeting"]).first.click()
    expect(page.locator("h1")).to_have_text(text["record_meeting"])
    axe(page, "(meeting form)")
    page.locator("#id_date").fill("2027-05-20")
    page.locator("#id_place").fill("Stadhuis Velsen, IJmuiden")
    page.locator("#id_topic").fill("Voorjaarsvergadering KIMO Nederland & België")
    page.locator("#id_attendees").fill("Kustgemeenten uit Nederland en België")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert--success")).to_be_visible()
    axe(page, "(meeting recorded)")
    assert Meeting.objects.get().hosted_by_velsen

    # A contribution to goal 14; first with a mistake, then corrected.
    page.goto(f"{base_url}{prefix}/global-goals/manage/")
    page.get_by_role("link", name=text["record_contribution"]).click()
    page.locator("#id_goal").select_option("14")
    page.locator("#id_kind").select_option("focus")
    page.locator("#id_title").fill("Schone stranden en havens")
    page.locator("#id_department").fill("Openbare Ruimte")
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2025-01-01")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text(text["problem"])
    expect(page.locator("#id_title")).to_have_value("Schone stranden en havens")
    axe(page, "(contribution form with errors)")
    page.locator("#id_period_end").fill("2028-12-31")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Schone stranden en havens")
    axe(page, "(contribution page)")

    # Its indicator, with a first measurement.
    page.get_by_role("link", name=text["add_indicator"]).click()
    axe(page, "(indicator form)")
    page.locator("#id_name").fill("Zwerfafval opgehaald")
    page.locator("#id_unit").fill("t")
    page.locator("#id_target").fill("300")
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name=text["record_measurement"]).click()
    axe(page, "(measurement form)")
    page.locator("#id_measured_on").fill("2026-06-30")
    page.locator("#id_value").fill("120")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".indicator__figures")).to_contain_text(text["figures"])
    axe(page, "(contribution with indicator)")
    assert Contribution.objects.get().indicators.get().current_value == 120

    # The public sees it on the dashboard, the goal page and the KIMO page.
    page.goto(f"{base_url}{prefix}/global-goals/")
    expect(page.locator(".goal-tile--focus")).to_contain_text(text["contributions_14"])
    axe(page, "(dashboard)")
    page.locator(".goal-tile--focus").click()
    expect(page.locator("main")).to_contain_text("Schone stranden en havens")
    expect(page.locator("main")).to_contain_text(text["figures"])
    expect(page.locator("progress.bar").first).to_be_visible()
    axe(page, "(goal 14)")
    page.screenshot(path=f"/tmp/global_goals-goal14{prefix.replace('/', '-')}.png", full_page=True)
    page.goto(f"{base_url}{prefix}/global-goals/kimo/")
    expect(page.locator("main")).to_contain_text(text["upcoming"])
    expect(page.locator("main")).to_contain_text("Voorjaarsvergadering KIMO Nederland & België")
    expect(page.locator("main")).to_contain_text("558 t")
    axe(page, "(KIMO)")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_global_goals_page_is_accessible(page, base_url, axe, login, kimo_setting, prefix):
    from global_goals import demo

    demo.load()
    pages = [
        "/global-goals/",
        "/global-goals/goals/1/",
        "/global-goals/goals/7/",
        "/global-goals/goals/14/",
        "/global-goals/goals/17/",
        "/global-goals/kimo/",
    ]
    for path in pages:
        page.goto(base_url + prefix + path)
        expect(page.locator("h1")).to_have_count(1)
        axe(page, path)
        if path == "/global-goals/":
            page.screenshot(path=f"/tmp/global_goals-dashboard{prefix.replace('/', '-')}.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + prefix + "/global-goals/")
    page.screenshot(path=f"/tmp/global_goals-dashboard-320{prefix.replace('/', '-')}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    login(page, kimo_setting.email, PASSWORD, language_prefix=prefix)
    contribution = Contribution.objects.focus().first()
    indicator = contribution.indicators.first()
    meeting = Meeting.objects.first()
    from global_goals.models import Action

    action = Action.objects.get(slug="fishing-for-litter")
    staff_pages = [
        "/global-goals/manage/",
        f"/global-goals/manage/contributions/{contribution.pk}/",
        f"/global-goals/manage/contributions/{contribution.pk}/change/",
        f"/global-goals/manage/indicators/{indicator.pk}/change/",
        "/global-goals/manage/meetings/",
        f"/global-goals/manage/meetings/{meeting.pk}/",
        "/global-goals/manage/actions/new/",
        f"/global-goals/manage/actions/{action.pk}/",
        f"/global-goals/manage/actions/{action.pk}/change/",
        "/global-goals/manage/label/",
    ]
    for path in staff_pages:
        page.goto(base_url + prefix + path)
        expect(page.locator("h1")).to_have_count(1)
        axe(page, path)
        if path.endswith("/change/") and "contributions" in path:
            page.screenshot(path=f"/tmp/global_goals-change{prefix.replace('/', '-')}.png", full_page=True)
    # The label form with an error (adoption without a council decision is not offered yet: empty submit).
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page, "(label form with errors)")
