"""AVG for applicants: their applications are in their data download; deleting the account removes
drafts with their files and keeps decided applications with the contact details removed."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from grants import services
from grants.models import Application, Attachment
from tests.conftest import PASSWORD
from tests.grants.factories import draft, granted, pdf_file, submitted

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_data_download_holds_the_applications(citizen_client, citizen):
    draft(citizen, title="Mijn concept")
    data = json.loads(citizen_client.get("/my-data/download/").content)
    assert [a["title"] for a in data["grant_applications"]] == ["Mijn concept"]
    assert data["grant_applications"][0]["iban"] == "NL91ABNA0417164300"


def test_an_application_being_handled_keeps_the_account(citizen_client, citizen):
    app = submitted(citizen)
    response = citizen_client.post("/my-data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert app.reference in response.text
    assert User.objects.get(pk=citizen.pk).is_active


def test_deleting_removes_drafts_with_files_and_minimises_settled_files(
    citizen_client, citizen, civil_servant, django_capture_on_commit_callbacks
):
    concept = draft(citizen, title="Concept")
    services.add_attachments(concept, [pdf_file()], kind=Attachment.Kind.APPLICATION, actor=citizen)
    refused = services.refuse(
        services.start_review(submitted(citizen, title="Geweigerd"), actor=civil_servant),
        actor=civil_servant,
        motivation="Past niet.",
    )
    files = [a.file.path for a in Attachment.objects.filter(application=concept)]
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post("/my-data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not Application.objects.filter(pk=concept.pk).exists()
    for path in files:
        assert not __import__("os").path.exists(path)
    kept = Application.objects.get(pk=refused.pk)
    assert kept.contact_email == "" and kept.phone == "" and kept.address == "" and kept.iban == ""
    ghost = User.objects.get(pk=citizen.pk)
    assert not ghost.is_active
    assert ghost.email.endswith("@invalid.example")
    assert not ghost.has_usable_password()


def test_a_granted_but_unsettled_grant_keeps_the_account(citizen_client, citizen, civil_servant):
    granted(citizen, civil_servant)
    response = citizen_client.post("/my-data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.get(pk=citizen.pk).is_active


def test_the_purge_removes_drafts_untouched_for_a_year(citizen):
    old = draft(citizen, title="Vergeten concept")
    Application.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timezone.timedelta(days=400))
    fresh = draft(citizen, title="Vers concept")
    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Application.objects.filter(pk=old.pk).exists()
    assert Application.objects.filter(pk=fresh.pk).exists()
