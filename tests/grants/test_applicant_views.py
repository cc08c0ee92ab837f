"""The applicant in the portal: apply, save a draft, submit, follow, answer, withdraw, account."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from grants import services
from grants.models import Application, Status
from tests.grants.factories import PDF_BYTES, draft, fake_pdf, granted, pdf_file, submitted

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "idempotency_key": "8b1e3a56-1d7c-4c39-9d59-3f4a0f0f1a11",
        "applicant_kind": "organisation",
        "contact_name": "Bea Burger",
        "organisation_name": "Stichting Zee en Strand",
        "kvk_number": "12345678",
        "address": "Plein 1, IJmuiden",
        "contact_email": "burger@example.org",
        "phone": "0255 123456",
        "iban": "NL91 ABNA 0417 1643 00",
        "account_holder": "Stichting Zee en Strand",
        "title": "Strandopruiming",
        "pillar": "C",
        "activity_plan": "Scholen ruimen het strand op.",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "other_funding": "100",
        "other_funding_description": "Eigen bijdrage",
        "requested_amount": "900",
        "costs-TOTAL_FORMS": "3",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "30",
        "costs-0-description": "Materiaal",
        "costs-0-amount": "600",
        "costs-1-description": "Vervoer",
        "costs-1-amount": "400",
        "action": "submit",
    }
    data.update(overrides)
    return data


def test_the_apply_page_has_three_doors(client, council_client, citizen_client):
    url = reverse("grants:apply")
    assert client.get(url).status_code == 302
    assert council_client.get(url).status_code == 403
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert "Bea Burger" in response.text  # prefilled from the account


def test_a_citizen_submits_an_application_with_an_attachment(
    citizen_client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(reverse("grants:apply"), form_data(attachments=[pdf_file()]))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("grants:submitted", args=[application.pk])
    assert application.status == Status.SUBMITTED
    assert application.iban == "NL91ABNA0417164300"
    assert application.total_costs() == Decimal("1000.00")
    assert application.attachments.get().content_type == "application/pdf"
    page = citizen_client.get(response.url)
    assert application.reference in page.text
    assert len(mail.outbox) == 2


def test_a_double_submit_creates_one_application(citizen_client):
    citizen_client.post(reverse("grants:apply"), form_data(action="save"))
    citizen_client.post(reverse("grants:apply"), form_data(action="save"))
    assert Application.objects.count() == 1


def test_saving_a_draft_needs_only_what_was_typed(citizen_client):
    response = citizen_client.post(
        reverse("grants:apply"),
        {
            "idempotency_key": "8b1e3a56-1d7c-4c39-9d59-3f4a0f0f1a12",
            "title": "Half af",
            "action": "save",
            "applicant_kind": "person",
            "costs-TOTAL_FORMS": "3",
            "costs-INITIAL_FORMS": "0",
        },
    )
    application = Application.objects.get()
    assert response.url == reverse("grants:edit", args=[application.pk])
    assert application.status == Status.DRAFT and application.title == "Half af"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2026-05-01"}, "end_date", "before the start date"),
        ({"requested_amount": "0"}, "requested_amount", "greater than or equal to 0.01"),
        ({"requested_amount": "-5"}, "requested_amount", "greater than or equal to 0.01"),
        ({"requested_amount": "1500"}, "requested_amount", "more than the total costs"),
        ({"iban": "NL91ABNA0417164301"}, "iban", "check sum"),
        ({"kvk_number": "123"}, "kvk_number", "8 digits"),
        ({"attachments": [fake_pdf()]}, "attachments", "not an allowed file type"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_kept(citizen_client, overrides, field, message):
    response = citizen_client.post("/en/grants/apply/", form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, []))
    assert "There is a problem" in response.text
    assert "Scholen ruimen het strand op." in response.text  # what was typed is kept
    assert not Application.objects.exists()


def test_a_file_over_10_mb_is_refused(citizen_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("groot.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = citizen_client.post(reverse("grants:apply"), form_data(attachments=[big]))
    assert response.status_code == 200
    assert "10 MB" in " ".join(response.context["form"].errors["attachments"])


def test_my_applications_shows_only_mine(citizen_client, citizen, other_citizen, django_assert_max_num_queries):
    for _i in range(4):
        submitted(citizen)
    theirs = submitted(other_citizen)
    with django_assert_max_num_queries(12):
        response = citizen_client.get(reverse("grants:my_applications"))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 4
    assert theirs.reference not in response.text


def test_someone_elses_application_is_not_found(citizen_client, other_citizen):
    theirs = submitted(other_citizen)
    for name in ("grants:detail", "grants:edit", "grants:answer", "grants:account", "grants:letter"):
        assert citizen_client.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_the_detail_shows_the_timeline(citizen_client, citizen, civil_servant, django_assert_max_num_queries):
    application = services.request_information(submitted(citizen), actor=civil_servant, question="Offerte?")
    services.declare_conflict(application, actor=civil_servant, reason="Familie")
    with django_assert_max_num_queries(12):
        response = citizen_client.get(reverse("grants:detail", args=[application.pk]))
    assert "Offerte?" in response.text
    assert "Familie" not in response.text  # internal events stay internal


def test_answering_an_information_request(citizen_client, citizen, civil_servant):
    application = services.request_information(submitted(citizen), actor=civil_servant, question="Offerte?")
    response = citizen_client.post(
        reverse("grants:answer", args=[application.pk]), {"answer": "Zie bijlage.", "attachments": [pdf_file()]}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.attachments.filter(kind="information").count() == 1


def test_withdrawing(citizen_client, citizen):
    application = submitted(citizen)
    citizen_client.post(reverse("grants:withdraw", args=[application.pk]), {"withdraw-reason": "Gaat niet door"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_withdrawing_after_the_decision_is_refused_with_a_reason(citizen_client, citizen, civil_servant):
    application = granted(citizen, civil_servant)
    response = citizen_client.post(reverse("grants:withdraw", args=[application.pk]), follow=True)
    assert "Intrekken kan niet zolang de aanvraag de status “Verleend” heeft." in response.text
    application.refresh_from_db()
    assert application.status == Status.GRANTED


def test_submitting_the_account(citizen_client, citizen, civil_servant):
    application = granted(citizen, civil_servant)
    response = citizen_client.post(
        reverse("grants:account", args=[application.pk]), {"report": "Gedaan", "actual_costs": "950"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCOUNT_SUBMITTED


def test_the_decision_letter_has_the_objection_clause(citizen_client, citizen, civil_servant):
    application = granted(citizen, civil_servant)
    response = citizen_client.get(f"/en/grants/applications/{application.pk}/letter/")
    assert response.status_code == 200
    assert "6 weeks" in response.text and "college of burgemeester en wethouders" in response.text


def test_attachments_are_downloaded_only_by_owner_and_staff(
    citizen_client, other_citizen_client, civil_servant_client, client, citizen
):
    application = draft(citizen)
    file = services.add_attachments(application, [pdf_file()], kind="application", actor=citizen)[0]
    url = reverse("grants:attachment", args=[application.pk, file.pk])
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert civil_servant_client.get(url).status_code == 404  # a draft is not sent to the municipality yet
    assert other_citizen_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    services.submit(application, actor=citizen)
    assert civil_servant_client.get(url).status_code == 200


def test_a_draft_can_be_changed_and_submitted_later(citizen_client, citizen):
    application = draft(citizen)
    response = citizen_client.post(
        reverse("grants:edit", args=[application.pk]),
        form_data(idempotency_key=str(application.idempotency_key), title="Nieuwe titel"),
    )
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.title == "Nieuwe titel" and application.status == Status.SUBMITTED
    assert list(application.cost_lines.values_list("description", flat=True)) == ["Materiaal", "Vervoer"]


def test_a_double_click_on_submit_submits_once(citizen_client):
    first = citizen_client.post(reverse("grants:apply"), form_data())
    second = citizen_client.post(reverse("grants:apply"), form_data())
    application = Application.objects.get()
    assert first.url == second.url == reverse("grants:submitted", args=[application.pk])
    assert application.reference.endswith("-0001")
    assert application.events.filter(action="submitted").count() == 1


@pytest.mark.parametrize("name", ["grants:my_applications", "grants:apply"])
def test_applicant_pages_have_three_doors(name, client, council_client, civil_servant_client, citizen_client):
    url = reverse(name)
    assert client.get(url).status_code == 302
    assert council_client.get(url).status_code == 403
    assert civil_servant_client.get(url).status_code == 403
    assert citizen_client.get(url).status_code == 200


def test_a_council_member_sees_no_letters_or_files(council_client, citizen, civil_servant):
    application = granted(citizen, civil_servant)
    assert council_client.get(reverse("grants:letter", args=[application.pk])).status_code == 404
    assert council_client.get(reverse("grants:detail", args=[application.pk])).status_code == 403


def test_staff_read_the_decision_letter_too(civil_servant_client, citizen, civil_servant):
    application = granted(citizen, civil_servant)
    response = civil_servant_client.get(reverse("grants:letter", args=[application.pk]))
    assert response.status_code == 200 and "bezwaar" in response.text


def test_there_is_no_letter_before_a_decision(citizen_client, citizen):
    assert citizen_client.get(reverse("grants:letter", args=[submitted(citizen).pk])).status_code == 404


def test_a_file_can_be_removed_from_a_draft_only(citizen_client, other_citizen_client, citizen):
    application = draft(citizen)
    file = services.add_attachments(application, [pdf_file()], kind="application", actor=citizen)[0]
    url = reverse("grants:remove_attachment", args=[application.pk, file.pk])
    assert other_citizen_client.post(url).status_code == 404
    assert citizen_client.post(url).status_code == 302
    assert not application.attachments.exists()
    sent = submitted(citizen)
    kept = services.add_attachments(sent, [pdf_file()], kind="application", actor=citizen)[0]
    citizen_client.post(reverse("grants:remove_attachment", args=[sent.pk, kept.pk]))
    assert sent.attachments.count() == 1
