"""The audit log: append-only, written for logins and refusals, searchable by administrators only."""

import pytest

from audit.models import AppendOnlyError, AuditEvent
from audit.services import record
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_event_cannot_be_changed_or_deleted(citizen):
    event = record(actor=citizen, action="test.something", obj=citizen, ip="192.0.2.1")
    event.action = "test.other"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something"


def test_logins_and_failed_logins_are_recorded_with_origin(client, citizen):
    client.post("/accounts/login/", {"username": citizen.email, "password": "wrong"}, REMOTE_ADDR="198.51.100.7")
    client.post("/accounts/login/", {"username": citizen.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.result == AuditEvent.Result.REFUSED
    assert failed.ip == "198.51.100.7"
    assert failed.data["username"] == citizen.email
    login = AuditEvent.objects.get(action="auth.login")
    assert login.actor == citizen and login.actor_label == citizen.email


def test_only_administrators_see_the_audit_log(client, citizen_client, civil_servant_client, admin_client_):
    assert client.get("/audit/").status_code == 302
    assert citizen_client.get("/audit/").status_code == 403
    assert civil_servant_client.get("/audit/").status_code == 403
    assert admin_client_.get("/audit/").status_code == 200


def test_administrators_search_by_actor_action_and_ip(admin_client_, citizen, civil_servant):
    record(actor=citizen, action="grants.submitted", obj=citizen, ip="203.0.113.5")
    record(actor=civil_servant, action="partnerships.status_changed", obj=civil_servant, ip="203.0.113.9")
    page = admin_client_.get("/audit/", {"q": "partnerships"})
    assert [e.action for e in page.context["page_obj"]] == ["partnerships.status_changed"]
    page = admin_client_.get("/audit/", {"q": "203.0.113.5"})
    assert [e.action for e in page.context["page_obj"]] == ["grants.submitted"]


def test_the_audit_admin_is_read_only(admin_client_):
    event = record(actor=None, action="test.read_only")
    assert admin_client_.get("/admin/audit/auditevent/").status_code == 200
    response = admin_client_.get(f"/admin/audit/auditevent/{event.pk}/delete/")
    assert response.status_code == 403


def test_the_audit_page_lists_within_a_fixed_number_of_queries(admin_client_, citizen, django_assert_max_num_queries):
    for i in range(60):
        record(actor=citizen, action=f"test.{i}", obj=citizen)
    with django_assert_max_num_queries(10):
        admin_client_.get("/audit/")
