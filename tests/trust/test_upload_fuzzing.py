"""Upload fuzzing: hundreds of malformed and hostile files thrown at every upload of the portal.
None may be stored (no file under MEDIA_ROOT, no row), and none may cause a server error."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.trust import matrix
from tests.trust.hostile import hostile_files

CASES = 300


def _grant_form(**extra):
    data = {
        "idempotency_key": "",
        "applicant_kind": "person",
        "contact_name": "Anna A",
        "address": "Plein 1, IJmuiden",
        "contact_email": "a@example.org",
        "iban": "NL91 ABNA 0417 1643 00",
        "account_holder": "Anna A",
        "title": "Strandopruiming",
        "pillar": "C",
        "activity_plan": "Scholen ruimen het strand op.",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "requested_amount": "900",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "30",
        "costs-0-description": "Materiaal",
        "costs-0-amount": "900",
        "action": "save",
    }
    data.update(extra)
    return data


def _upload(f):
    return SimpleUploadedFile(f["name"], f["content"], content_type=f["type"] or "application/octet-stream")


def _targets(w):
    """Each upload of the portal: (who posts, URL, the form data around the file field)."""
    import uuid

    slug = w["partnership"].slug
    return {
        "grants: apply": (
            "citizen_a",
            reverse("grants:apply"),
            lambda: _grant_form(idempotency_key=str(uuid.uuid4())),
            "attachments",
        ),
        "grants: change a draft": (
            "citizen_a",
            reverse("grants:edit", args=[w["draft"].pk]),
            lambda: _grant_form(idempotency_key=str(w["draft"].idempotency_key)),
            "attachments",
        ),
        "grants: answer an information request": (
            "citizen_a",
            reverse("grants:answer", args=[w["information_requested"].pk]),
            lambda: {"answer": "Hierbij de gevraagde stukken."},
            "attachments",
        ),
        "grants: submit the account": (
            "citizen_a",
            reverse("grants:account", args=[w["granted"].pk]),
            lambda: {"report": "Gedaan.", "actual_costs": "900"},
            "attachments",
        ),
        "partnerships: log an activity": (
            "civil_servant",
            reverse("partnerships:log_activity", args=[slug]),
            lambda: {
                "idempotency_key": str(uuid.uuid4()),
                "kind": "meeting",
                "date": "2025-03-01",
                "title": "Overleg",
                "document_title": "Verslag",
                "document_is_public": "on",
            },
            "document",
        ),
        "partnerships: add a document": (
            "civil_servant",
            reverse("partnerships:add_document", args=[slug, w["activity"].pk]),
            lambda: {"document_title": "Verslag", "document_is_public": "on"},
            "document",
        ),
    }


UPLOAD_TARGETS = [
    "grants: apply",
    "grants: change a draft",
    "grants: answer an information request",
    "grants: submit the account",
    "partnerships: log an activity",
    "partnerships: add a document",
]


def _stored_state(media_root):
    from grants.models import Application, Attachment
    from partnerships.models import Activity, ActivityDocument

    files = {p for p in Path(media_root).rglob("*") if p.is_file()}
    return files, (
        Attachment.objects.count(),
        ActivityDocument.objects.count(),
        Activity.objects.count(),
        Application.objects.count(),
        tuple(Application.objects.order_by("pk").values_list("status", flat=True)),
    )


@pytest.fixture
def upload_world(world, settings):
    from grants import services
    from tests.grants.factories import submitted

    settings.RATELIMIT_ENABLED = False  # the limits have their own tests; here every case must reach the form
    application = submitted(world["citizen_a"], title="Tweede aanvraag")
    world["information_requested"] = services.request_information(
        application, actor=world["civil_servant"], question="Stuur de begroting."
    )
    return world


@pytest.mark.parametrize("target", UPLOAD_TARGETS)
def test_no_hostile_upload_is_stored(upload_world, media_in_tmp, target):
    w = upload_world
    role, url, data, field = _targets(w)[target]
    client = w["clients"][role]
    tried = []

    @settings(max_examples=CASES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(f=hostile_files())
    def throw(f):
        before = _stored_state(media_in_tmp)
        response = client.post(url, {**data(), field: _upload(f)})
        tried.append(f["kind"])
        assert response.status_code < 500, f"{f['kind']} {f['name']!r}: {response.status_code}"
        after = _stored_state(media_in_tmp)
        assert after == before, (
            f"{target} stored a hostile file {f!r}: new files {sorted(after[0] - before[0])}, "
            f"rows {before[1]} -> {after[1]}"
        )

    throw()
    matrix.FUZZ[target] = len(tried)
    assert len(tried) >= CASES
    assert len(set(tried)) >= 15, f"the strategy reached too few kinds of file: {sorted(set(tried))}"


def test_a_good_file_is_still_accepted_with_a_server_made_name(upload_world, media_in_tmp):
    """The fuzzer must not pass because every upload is refused: a real PDF goes through, stored
    under a name the server made up, and comes back as a download with a server-made name."""
    from grants.models import Attachment
    from partnerships.models import ActivityDocument
    from tests.grants.factories import PDF_BYTES

    w = upload_world
    for target in UPLOAD_TARGETS:
        role, url, data, field = _targets(w)[target]
        w["clients"][role].post(url, {**data(), field: SimpleUploadedFile("../../evil name.pdf", PDF_BYTES)})
    attachments = Attachment.objects.filter(original_name__contains="evil")
    documents = ActivityDocument.objects.filter(uploaded_by=w["civil_servant"])
    assert attachments.count() == 4
    assert documents.count() == 2
    for stored in [*attachments, *documents]:
        path = Path(stored.file.path)
        assert path.is_file() and Path(media_in_tmp) in path.parents
        assert "evil" not in stored.file.name and ".." not in stored.file.name
        owner = "citizen_a" if isinstance(stored, Attachment) else "civil_servant"
        response = w["clients"][owner].get(stored.get_absolute_url())
        assert response.status_code == 200, stored.get_absolute_url()
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "evil" not in disposition
        assert response["X-Content-Type-Options"] == "nosniff"
