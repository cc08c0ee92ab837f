"""Small rules of the models, validators and forms."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from grants.forms import ApplicationForm
from grants.models import Application, CostLine
from grants.validators import iban_is_valid
from tests.grants.factories import draft, granted, submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91abna0417164300", True),
        ("DE89 3704 0044 0532 0130 00", True),
        ("NL91 ABNA 0417 1643 01", False),
        ("NL91 ABNA 0417 1643", False),
        ("hello", False),
        ("", False),
    ],
)
def test_iban_mod_97(iban, valid):
    assert iban_is_valid(iban) is valid


def test_the_database_refuses_negative_and_zero_amounts(citizen):
    application = draft(citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        CostLine.objects.create(application=application, description="x", amount=Decimal("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(requested_amount=Decimal("-1"))


def test_the_database_refuses_a_grant_above_the_request(citizen, civil_servant):
    application = granted(citizen, civil_servant, amount="1000")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(granted_amount=Decimal("1000.01"))


def test_days_left_and_the_objection_deadline(citizen, civil_servant):
    application = submitted(citizen)
    today = timezone.localdate()
    assert application.days_left(today) == 56
    decided = granted(citizen, civil_servant)
    assert decided.days_left(today) is None
    assert decided.objection_deadline() == timezone.localdate(decided.decision_sent_at) + datetime.timedelta(weeks=6)


def test_a_private_person_is_never_published(citizen):
    person = draft(citizen, applicant_kind="person", contact_name="Piet Privé")
    assert person.public_recipient is None
    assert draft(citizen).public_recipient == "Stichting Zee en Strand"


def test_the_form_asks_everything_only_when_submitting():
    assert ApplicationForm(
        {"applicant_kind": "person", "idempotency_key": "8b1e3a56-1d7c-4c39-9d59-3f4a0f0f1a11"}
    ).is_valid()
    form = ApplicationForm(
        {"applicant_kind": "organisation", "idempotency_key": "8b1e3a56-1d7c-4c39-9d59-3f4a0f0f1a11"}, complete=True
    )
    assert not form.is_valid()
    assert {"title", "iban", "organisation_name", "kvk_number", "requested_amount"} <= set(form.errors)
