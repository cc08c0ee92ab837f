"""Done when (issue 3): in Chromium a citizen applies with an attachment, a civil servant asks for
information, the citizen answers, the civil servant grants, and the public budget page shows the
new figures; a grant over the available amount is refused. Zero axe violations on every page, in
Dutch and in English."""

import re
from decimal import Decimal

import pytest

from grants import services
from grants.models import Application
from tests.factories import make_user
from tests.grants.factories import PDF_BYTES, in_review

PASSWORD = "velsen-test-password"

TEXT = {
    "": {
        "submit": "Aanvraag indienen",
        "received": "Aanvraag ontvangen",
        "confirm": "Bevestigen",
        "answer": "Het verzoek beantwoorden",
        "send": "Antwoord versturen",
        "available": "beschikbaar",
        "log_out": "Uitloggen",
        "save": "Opslaan als concept",
    },
    "/en": {
        "submit": "Submit application",
        "received": "Application received",
        "confirm": "Confirm",
        "answer": "Answer the request",
        "send": "Send answer",
        "available": "available",
        "log_out": "Log out",
        "save": "Save as draft",
    },
}


def log_out(page, lang):
    page.get_by_role("button", name=TEXT[lang]["log_out"]).click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["", "/en"], ids=["nl", "en"])
def test_apply_ask_answer_grant_and_see_the_budget(page, browser, base_url, axe, login, lang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    t = TEXT[lang]
    citizen = make_user("burger@example.org", roles=["citizen"], full_name="Bea Burger", password=PASSWORD)
    servant = make_user(
        "ambtenaar@velsen.example", roles=["civil_servant"], full_name="Anna Ambtenaar", password=PASSWORD
    )
    other = make_user("ander@example.org", roles=["citizen"], full_name="Olaf Ander", password=PASSWORD)
    # An application that will not fit once ours is granted: 9,500 requested of the 10,000.
    big = in_review(
        other, servant, title="Groot project", requested_amount=Decimal("9500"), cost_lines=[("Alles", Decimal("9500"))]
    )

    # The citizen applies with an attachment.
    login(page, citizen.email, PASSWORD, lang)
    page.goto(f"{base_url}{lang}/grants/apply/")
    axe(page, "apply form")
    page.locator("input[name=applicant_kind][value=organisation]").check()
    page.fill("#id_organisation_name", "Stichting Zee en Strand")
    page.fill("#id_kvk_number", "12345678")
    page.fill("#id_address", "Plein 1, 1971 AA IJmuiden")
    page.fill("#id_iban", "NL91 ABNA 0417 1643 00")
    page.fill("#id_account_holder", "Stichting Zee en Strand")
    page.fill("#id_title", "Strandopruiming met scholen")
    page.locator("input[name=pillar][value=C]").check()
    page.fill("#id_activity_plan", "Drie scholen ruimen het strand op.")
    page.fill("#id_start_date", "2026-06-01")
    page.fill("#id_end_date", "2026-06-30")
    page.fill("#id_costs-0-description", "Materiaal")
    page.fill("#id_costs-0-amount", "1000")
    page.fill("#id_requested_amount", "900")
    page.set_input_files(
        "#id_attachments", files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name=t["submit"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == t["received"]
    reference = re.search(r"VI-\d{4}-\d{4}", page.content()).group(0)
    axe(page, "confirmation")
    application = Application.objects.get(reference=reference)
    page.goto(f"{base_url}{lang}/grants/my-applications/")
    axe(page, "my applications")
    page.get_by_role("link", name=reference).click()
    axe(page, "my application")
    page.screenshot(path=f"/tmp/grants-detail{lang.replace('/', '-')}.png", full_page=True)

    # The civil servant (in a browser of their own; staff log in once, with a second factor) asks
    # for more information.
    staff = browser.new_context().new_page()
    login(staff, servant.email, PASSWORD, lang)
    staff.goto(f"{base_url}{lang}/grants/queue/")
    axe(staff, "queue")
    staff.get_by_role("link", name=reference).click()
    axe(staff, "staff detail")
    staff.fill("#id_request_information-question", "Stuur de offerte van het materiaal.")
    staff.fill("#id_request_information-answer_within", "2")
    staff.locator("form[action$='/request_information/'] button[type=submit]").click()
    staff.wait_for_load_state()
    axe(staff, "after information request")

    # The citizen answers with a new attachment.
    page.goto(f"{base_url}{lang}/grants/applications/{application.pk}/")
    page.get_by_role("link", name=t["answer"]).click()
    axe(page, "answer form")
    page.fill("#id_answer", "De offerte zit in de bijlage.")
    page.set_input_files(
        "#id_attachments", files=[{"name": "offerte.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name=t["send"]).click()
    page.wait_for_load_state()
    axe(page, "after answer")
    log_out(page, lang)

    # The civil servant starts the review and grants; a grant over what is left is refused.
    staff.goto(f"{base_url}{lang}/grants/queue/{application.pk}/")
    staff.locator("form[action$='/start_review/'] button[type=submit]").click()
    staff.wait_for_load_state()
    staff.fill("#id_grant-amount", "800")
    staff.fill("#id_grant-motivation", "Past binnen pijler C.")
    staff.fill("#id_grant-out_of_order_reason", "De activiteit begint eerder.")
    staff.locator("form[action$='/grant/'] button[type=submit]").click()
    staff.wait_for_load_state()
    axe(staff, "after grant")
    staff.goto(f"{base_url}{lang}/grants/applications/{application.pk}/letter/")
    axe(staff, "decision letter")
    staff.goto(f"{base_url}{lang}/grants/queue/{big.pk}/")
    staff.fill("#id_grant-amount", "9500")
    staff.fill("#id_grant-motivation", "Groot en goed.")
    staff.locator("form[action$='/grant/'] button[type=submit]").click()
    staff.wait_for_load_state()
    assert "9.200,00" in staff.content() or "9,200.00" in staff.content()
    axe(staff, "grant refused over the ceiling")
    staff.screenshot(path=f"/tmp/grants-refused{lang.replace('/', '-')}.png", full_page=True)
    staff.goto(f"{base_url}{lang}/grants/decisions/")
    axe(staff, "decision overview")
    staff.context.close()

    # Anyone sees the new figures on the public budget page.
    page.goto(f"{base_url}{lang}/grants/budget/")
    axe(page, "budget page")
    content = page.locator("main").inner_text()
    committed, available = ("800,00", "9.200,00") if lang == "" else ("800.00", "9,200.00")
    assert re.search(rf"€\s?{re.escape(committed)}", content)
    assert re.search(rf"€\s?{re.escape(available)}", content)
    assert "Strandopruiming met scholen" in content and "Groot project" not in content
    page.screenshot(path=f"/tmp/grants-budget{lang.replace('/', '-')}.png", full_page=True)
    assert services.budget_figures(application.year)["committed"] == Decimal("800.00")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["", "/en"], ids=["nl", "en"])
def test_bad_input_shows_the_errors_and_keeps_what_was_typed(page, base_url, axe, login, lang):
    citizen = make_user("burger@example.org", roles=["citizen"], full_name="Bea Burger", password=PASSWORD)
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, citizen.email, PASSWORD, lang)
    page.goto(f"{base_url}{lang}/grants/apply/")
    page.fill("#id_title", "Te vroeg geëindigd")
    page.fill("#id_start_date", "2026-06-30")
    page.fill("#id_end_date", "2026-06-01")
    page.fill("#id_iban", "NL00 ABNA 0417 1643 00")
    page.fill("#id_costs-0-description", "Materiaal")
    page.fill("#id_costs-0-amount", "100")
    page.fill("#id_requested_amount", "500")
    page.set_input_files(
        "#id_attachments", files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00not a pdf"}]
    )
    page.get_by_role("button", name=TEXT[lang]["submit"]).click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert summary.locator("li").count() >= 4  # dates, IBAN, amount over costs, file type
    assert page.input_value("#id_title") == "Te vroeg geëindigd"
    assert not Application.objects.exists()
    axe(page, "apply form with errors")
    page.screenshot(path=f"/tmp/grants-errors{lang.replace('/', '-')}.png", full_page=True)

    # Corrected and saved as a draft with a real PDF; the file can be removed again.
    page.fill("#id_end_date", "2026-07-31")
    page.fill("#id_iban", "NL91 ABNA 0417 1643 00")
    page.fill("#id_requested_amount", "100")
    page.set_input_files(
        "#id_attachments", files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name=TEXT[lang]["save"]).click()
    page.wait_for_load_state()
    assert Application.objects.get().attachments.count() == 1
    axe(page, "draft with an attachment")
    page.get_by_role("button", name=re.compile("plan.pdf")).click()
    page.wait_for_load_state()
    assert not Application.objects.get().attachments.exists()
    axe(page, "draft after removing the attachment")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["", "/en"], ids=["nl", "en"])
def test_an_administrator_changes_the_ceiling_with_a_reason(page, base_url, axe, login, lang):
    admin = make_user("beheer@velsen.example", roles=["administrator"], full_name="Bert Beheer", password=PASSWORD)
    login(page, admin.email, PASSWORD, lang)
    page.goto(f"{base_url}{lang}/grants/ceiling/")
    axe(page, "ceiling form")
    page.fill("#id_ceiling", "12500")
    page.fill("#id_reason", "Raadsbesluit over de middelen voor Velsen Internationaal.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    axe(page, "budget page after the change")
    content = page.locator("main").inner_text()
    assert re.search(r"€\s?12[.,]500[.,]00", content)
