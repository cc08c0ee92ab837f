"""In Chromium, the "Done when" of issue 4: a civil servant creates a project-based cooperation,
logs an activity with a document, moves Galle through its phase-out to ended and transforms
Qingdao; an anonymous visitor then sees all of it on the public pages. Every page visited has
zero axe-core WCAG 2.1 AA violations, in Dutch and in English."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from partnerships import demo
from tests.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def reference_data():
    """Transactional tests flush the tables between tests, including rows that migrations loaded."""
    importlib.import_module("global_goals.migrations.0002_load_the_17_goals").load_goals(apps, None)
    importlib.import_module("partnerships.migrations.0003_load_the_standard_themes").load_themes(apps, None)
    demo.load()


@pytest.fixture
def civil_servant_user():
    reference_data()
    return make_user("ambtenaar@velsen.example", roles=["civil_servant"], full_name="Anna Ambtenaar", password=PASSWORD)


def visit(page, url, axe, heading=None):
    page.goto(url)
    expect(page.locator("h1")).to_have_count(1)
    if heading:
        expect(page.locator("h1")).to_have_text(heading)
    axe(page)


def test_a_civil_servant_manages_partnerships_and_the_public_sees_it(page, base_url, axe, login, civil_servant_user):
    login(page, civil_servant_user.email, PASSWORD)
    visit(page, f"{base_url}/partnerships/manage/", axe, "Partnerschappen beheren")

    # 1. A project-based cooperation on offshore wind, first with a mistake.
    page.get_by_role("link", name="Een partnerschap registreren").click()
    axe(page)
    page.get_by_label("Soort").select_option(label="Projectmatige samenwerking")
    page.get_by_label("Pijler").select_option("A")
    page.get_by_label("Nieuwe partnerstad of -regio").fill("Esbjerg")
    page.get_by_label("Land van de nieuwe partner").fill("DK")
    page.get_by_label("Wind op zee").check()
    page.get_by_label("7. Betaalbare en duurzame energie").check()
    page.get_by_label("Bestuurlijk trekker", exact=True).select_option("mayor_and_alderman")
    page.get_by_label("Herkomst van de band").select_option("mra")
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator(".error-summary")).to_contain_text("Titel")
    expect(page.get_by_label("Nieuwe partnerstad of -regio")).to_have_value("Esbjerg")
    axe(page, "(form with errors)")
    page.screenshot(path="/tmp/partnerships-create-errors.png", full_page=True)
    page.get_by_label("Titel", exact=True).fill("Wind op zee met Esbjerg")
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator(".alert--success")).to_contain_text("geregistreerd")
    expect(page.locator("h1")).to_have_text("Wind op zee met Esbjerg")
    axe(page)

    # 2. An activity with a public document.
    page.get_by_role("link", name="Een activiteit vastleggen").click()
    axe(page)
    page.get_by_label("Soort").select_option(label="Handelsmissie")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Titel", exact=True).fill("Handelsmissie naar Esbjerg")
    page.get_by_label("Deelnemers").fill("Burgemeester, vijf bedrijven uit de IJmond")
    page.get_by_label("Kosten (euro)").fill("1250.00")
    page.get_by_label("Document", exact=True).set_input_files(
        files=[{"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 verslag\n%%EOF\n"}]
    )
    page.get_by_label("Titel van het document").fill("Verslag van de missie")
    page.get_by_label("Iedereen mag dit document zien").check()
    page.get_by_role("button", name="Activiteit vastleggen").click()
    expect(page.locator(".alert--success")).to_contain_text("vastgelegd")
    expect(page.locator("main")).to_contain_text("Handelsmissie naar Esbjerg")
    axe(page)

    # 3. Galle: dormant → being phased out → every step ticked off → ended.
    visit(page, f"{base_url}/partnerships/manage/stedenband-galle/", axe, "Stedenband Galle")
    page.get_by_role("link", name="Status wijzigen").click()
    axe(page)
    page.get_by_label("Wordt afgebouwd").check()
    page.get_by_label("Reden").fill("De raad koos op 21 september 2017 voor een passende afbouw.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator(".alert--success")).to_be_visible()
    page.get_by_role("link", name="Afbouwplan", exact=True).click()
    axe(page)
    while page.get_by_role("link", name="Afvinken").count():
        page.get_by_role("link", name="Afvinken").first.click()
        axe(page)
        page.get_by_role("button", name="Afvinken").click()
        expect(page.locator(".alert--success")).to_contain_text("afgevinkt")
    axe(page)
    page.get_by_role("link", name="Terug naar het partnerschap").click()
    page.get_by_role("link", name="Status wijzigen").click()
    page.get_by_label("Beëindigd").check()
    page.get_by_label("Reden").fill("Afscheid genomen; de samenleving zet de band voort.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator("main")).to_contain_text("Beëindigd")
    axe(page)
    page.screenshot(path="/tmp/partnerships-galle-history.png", full_page=True)

    # 4. Qingdao becomes a project-based cooperation.
    visit(page, f"{base_url}/partnerships/manage/stedenband-qingdao/", axe, "Stedenband Qingdao")
    page.get_by_role("link", name="Transformeren naar een projectmatige samenwerking").click()
    axe(page)
    page.get_by_label("Titel van de projectmatige samenwerking").fill("Havensamenwerking Qingdao")
    page.get_by_label("Reden").fill("Het bedrijfsleven vraagt om een projectmatige samenwerking.")
    page.get_by_role("button", name="Transformeren").click()
    expect(page.locator("h1")).to_have_text("Havensamenwerking Qingdao")
    expect(page.locator("main")).to_contain_text("Voortgekomen uit")
    axe(page)

    # 5. The staff pages in English too.
    for path in [
        "/en/partnerships/manage/",
        "/en/partnerships/manage/new/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/edit/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/status/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/transform/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/phase-out/",
        "/en/partnerships/manage/stedenband-bergisch-gladbach/activities/new/",
        "/en/partnerships/manage/stedenband-galle/status/",
        "/en/partnerships/manage/partners/",
        "/en/partnerships/manage/partners/new/",
        "/partnerships/manage/partners/",
        "/partnerships/manage/partners/new/",
    ]:
        visit(page, base_url + path, axe)

    # 6. An anonymous visitor sees it all on the public pages.
    page.context.clear_cookies()
    visit(page, f"{base_url}/partnerships/", axe, "Partnerschappen")
    page.get_by_label("Status").select_option(label="Beëindigd")
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.locator("tbody")).to_contain_text("Stedenband Galle")
    expect(page.locator("tbody")).to_contain_text("Stedenband Qingdao")
    expect(page.locator("tbody")).not_to_contain_text("Wind op zee met Esbjerg")
    axe(page)
    page.screenshot(path="/tmp/partnerships-register.png", full_page=True)
    page.get_by_role("link", name="Stedenband Galle").click()
    expect(page.locator("main")).to_contain_text("Wordt afgebouwd → Beëindigd")
    expect(page.locator("main")).to_contain_text("Afscheid genomen")
    expect(page.locator("main")).not_to_contain_text("Anna")
    axe(page)
    page.screenshot(path="/tmp/partnerships-galle-public.png", full_page=True)

    visit(page, f"{base_url}/partnerships/stedenband-qingdao/", axe, "Stedenband Qingdao")
    expect(page.locator("main")).to_contain_text("Voortgezet als")
    page.get_by_role("link", name="Havensamenwerking Qingdao").click()
    expect(page.locator("main")).to_contain_text("Voortgekomen uit")
    axe(page)

    visit(page, f"{base_url}/partnerships/?kind=project", axe)
    page.get_by_role("link", name="Wind op zee met Esbjerg").click()
    expect(page.locator("main")).to_contain_text("Handelsmissie naar Esbjerg")
    expect(page.locator("main")).to_contain_text("Betaalbare en duurzame energie")
    with page.expect_download() as download:
        page.get_by_role("link", name="Verslag van de missie").click()
    name = download.value.suggested_filename  # made by the server, not the uploader
    assert name.startswith("document-") and name.endswith(".pdf")
    axe(page)

    visit(page, f"{base_url}/partnerships/world/", axe, "Partners in de wereld")
    expect(page.locator("main")).to_contain_text("Denemarken")
    expect(page.locator("main")).to_contain_text("Sri Lanka")

    for path in [
        "/en/partnerships/",
        "/en/partnerships/?status=ended&country=LK",
        "/en/partnerships/stedenband-galle/",
        "/en/partnerships/stedenband-bergisch-gladbach/",
        "/en/partnerships/havensamenwerking-qingdao/",
        "/en/partnerships/wind-op-zee-met-esbjerg/",
        "/en/partnerships/world/",
    ]:
        visit(page, base_url + path, axe)
    expect(page.locator("h1")).to_have_text("Partners in the world")
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, f"{base_url}/en/partnerships/stedenband-galle/", axe)
    page.screenshot(path="/tmp/partnerships-galle-320.png", full_page=True)
