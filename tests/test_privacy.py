"""AVG: a person downloads their data and deletes their account; expired data is purged."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from tests.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_a_citizen_downloads_their_own_data_as_json(citizen_client, citizen):
    response = citizen_client.get("/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["account"]["roles"] == ["citizen"]
    assert AuditEvent.objects.filter(action="account.data_exported", actor=citizen).count() == 1


def test_my_data_needs_a_login(client):
    assert client.get("/my-data/").url.startswith("/accounts/login/")
    assert client.get("/my-data/download/").url.startswith("/accounts/login/")


def test_a_citizen_deletes_their_account_with_their_password(citizen_client, citizen):
    response = citizen_client.post("/my-data/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "Dit wachtwoord is niet correct." in response.text
    assert User.objects.filter(pk=citizen.pk).exists()
    response = citizen_client.post("/my-data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=citizen.pk).exists()
    assert AuditEvent.objects.filter(action="account.deleted", object_id=str(citizen.pk)).count() == 1
    assert citizen_client.get("/my-data/").status_code == 302


def test_staff_accounts_are_not_deleted_by_themselves(civil_servant_client, civil_servant):
    response = civil_servant_client.post("/my-data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert "beheerder" in response.text
    assert User.objects.filter(pk=civil_servant.pk, is_active=True).exists()


def test_the_purge_removes_unverified_accounts_and_old_audit_lines_after_their_term(settings):
    old = make_user("oud@example.org", roles=["citizen"], is_active=False)
    User.objects.filter(pk=old.pk).update(
        email_verified_at=None, date_joined=timezone.now() - datetime.timedelta(days=40)
    )
    fresh = make_user("nieuw@example.org", roles=["citizen"], is_active=False)
    User.objects.filter(pk=fresh.pk).update(email_verified_at=None)
    ancient = record(actor=None, action="test.ancient")
    models_qs = AuditEvent.objects.filter(pk=ancient.pk)
    from django.db.models import QuerySet

    QuerySet.update(models_qs, at=timezone.now() - datetime.timedelta(days=400))
    recent = record(actor=None, action="test.recent")

    out = []
    call_command("purge_expired", "--dry-run", stdout=type("W", (), {"write": lambda self, s: out.append(s)})())
    assert any(f"unverified account {old.pk}" in line for line in out)
    assert User.objects.filter(pk=old.pk).exists()

    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not User.objects.filter(pk=old.pk).exists()
    assert User.objects.filter(pk=fresh.pk).exists()
    assert not AuditEvent.objects.filter(pk=ancient.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
