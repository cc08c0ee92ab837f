"""The life of a grant application, told through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from grants import services
from grants.models import Application, ApplicationEvent, Budget, CeilingChange, Status
from grants.services import BudgetExceeded, TransitionError
from tests.grants.factories import docx_file, draft, fake_pdf, granted, in_review, pdf_file, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages below are matched in English (the source language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_draft_is_saved_once_per_form_even_when_sent_twice(citizen):
    first = draft(citizen)
    again = Application(idempotency_key=first.idempotency_key, title="Tweede klik")
    assert services.save_draft(again, actor=citizen).pk == first.pk
    assert Application.objects.count() == 1
    assert first.events.get().action == ApplicationEvent.Action.CREATED


def test_submitting_assigns_reference_receipt_and_decision_due(citizen, django_capture_on_commit_callbacks):
    application = draft(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit(application, actor=citizen)
    year = application.received_at.year
    assert application.status == Status.SUBMITTED
    assert application.reference == f"VI-{year}-0001"
    assert application.decision_due == application.received_at.astimezone().date() + datetime.timedelta(weeks=8)
    assert Budget.objects.get(year=year).ceiling == Decimal("10000.00")
    subjects = [m.subject for m in mail.outbox]
    assert any(
        application.reference in s and m.to == [citizen.email] for s, m in zip(subjects, mail.outbox, strict=True)
    )
    assert any(m.to == ["internationaal@velsen.example"] for m in mail.outbox)
    assert AuditEvent.objects.filter(action="grants.submitted").count() == 1


def test_references_are_numbered_without_gaps(citizen, other_citizen):
    refs = [submitted(citizen).reference, submitted(other_citizen).reference, submitted(citizen).reference]
    assert [r[-4:] for r in refs] == ["0001", "0002", "0003"]


def test_an_incomplete_draft_cannot_be_submitted(citizen):
    application = draft(citizen, iban="", cost_lines=[])
    with pytest.raises(TransitionError, match="IBAN"):
        services.submit(application, actor=citizen)
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.reference is None


def test_asking_for_more_than_the_total_costs_is_not_complete(citizen):
    application = draft(citizen, requested_amount=Decimal("2000.00"))
    with pytest.raises(TransitionError, match="total costs"):
        services.submit(application, actor=citizen)


def test_someone_else_cannot_submit_my_draft(citizen, other_citizen):
    with pytest.raises(TransitionError):
        services.submit(draft(citizen), actor=other_citizen)


def test_information_request_suspends_the_decision_term(citizen, civil_servant, django_capture_on_commit_callbacks):
    application = submitted(citizen)
    due = application.decision_due
    asked = application.received_at + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.request_information(
            application, actor=civil_servant, question="Stuur de offerte.", now=asked
        )
    assert application.status == Status.INFORMATION_REQUESTED
    assert application.days_left() is None  # suspended: no term runs
    assert "Stuur de offerte." in mail.outbox[-1].body
    application = services.answer_information_request(
        application,
        actor=citizen,
        answer="Offerte bijgevoegd.",
        files=[pdf_file()],
        now=asked + datetime.timedelta(days=10),
    )
    assert application.status == Status.SUBMITTED
    assert application.decision_due == due + datetime.timedelta(days=10)
    assert application.attachments.get().kind == "information"


def test_the_full_path_to_settlement(citizen, civil_servant):
    application = granted(citizen, civil_servant, amount="800.00")
    assert application.status == Status.GRANTED and application.granted_amount == Decimal("800.00")
    application = services.submit_account(application, actor=citizen, report="Gedaan.", actual_costs="1200.00")
    application = services.settle(application, actor=civil_servant, amount="600.00", motivation="Minder kosten.")
    assert application.status == Status.SETTLED
    figures = services.budget_figures(application.year)
    assert figures["committed"] == Decimal("600.00")  # the difference went back to the budget
    assert figures["available"] == Decimal("9400.00")
    actions = list(application.events.values_list("action", flat=True))
    assert actions == ["created", "submitted", "review_started", "granted", "account_submitted", "settled"]


def test_settlement_cannot_exceed_the_granted_amount(citizen, civil_servant):
    application = granted(citizen, civil_servant, amount="800.00")
    with pytest.raises(TransitionError, match="between zero"):
        services.settle(application, actor=civil_servant, amount="900.00", motivation="x")


def test_a_grant_over_the_ceiling_is_refused_saying_what_is_left(citizen, civil_servant):
    first = granted(
        citizen,
        civil_servant,
        amount="9500.00",
        requested_amount=Decimal("9500.00"),
        cost_lines=[("Alles", Decimal("9500.00"))],
    )
    second = in_review(citizen, civil_servant)
    with pytest.raises(BudgetExceeded) as refused:
        services.grant(second, actor=civil_servant, amount="1000.00", motivation="Goed plan.")
    assert refused.value.available == Decimal("500.00")
    assert "500,00" in str(refused.value) or "500.00" in str(refused.value)
    second.refresh_from_db()
    assert second.status == Status.IN_REVIEW
    assert services.budget_figures(first.year)["committed"] == Decimal("9500.00")
    assert AuditEvent.objects.filter(action="grants.granted", result="refused").count() == 1


def test_granting_more_than_requested_is_refused(citizen, civil_servant):
    application = in_review(citizen, civil_servant)
    with pytest.raises(TransitionError, match="at most"):
        services.grant(application, actor=civil_servant, amount="1000.01", motivation="x")


def test_granting_out_of_order_needs_a_reason(citizen, other_citizen, civil_servant):
    earlier = in_review(citizen, civil_servant)
    later = in_review(other_citizen, civil_servant)
    with pytest.raises(TransitionError, match="first come, first served"):
        services.grant(later, actor=civil_servant, amount="500", motivation="Goed.")
    later = services.grant(
        later,
        actor=civil_servant,
        amount="500",
        motivation="Goed.",
        out_of_order_reason="Het activiteit begint eerder.",
    )
    assert later.out_of_order_reason
    assert earlier.pk != later.pk


def test_a_civil_servant_with_a_conflict_of_interest_cannot_decide(citizen, civil_servant, other_civil_servant):
    application = in_review(citizen, civil_servant)
    services.declare_conflict(application, actor=civil_servant, reason="Mijn zus is voorzitter.")
    with pytest.raises(TransitionError, match="conflict of interest"):
        services.refuse(application, actor=civil_servant, motivation="Nee.")
    refused = services.refuse(application, actor=other_civil_servant, motivation="Past niet in de regeling.")
    assert refused.status == Status.REFUSED
    event = refused.events.get(action="conflict_declared")
    assert not event.visible_to_applicant


def test_illegal_transitions_are_refused_with_the_state_named(citizen, civil_servant):
    application = submitted(citizen)
    with pytest.raises(TransitionError, match="Submitted"):
        services.grant(application, actor=civil_servant, amount="10", motivation="x")
    with pytest.raises(TransitionError):
        services.submit_account(application, actor=citizen, report="x", actual_costs="1")
    with pytest.raises(TransitionError, match="civil servant"):
        services.start_review(application, actor=citizen)


def test_withdrawing_is_possible_until_the_decision(citizen, civil_servant):
    application = services.withdraw(submitted(citizen), actor=citizen, reason="Gaat niet door.")
    assert application.status == Status.WITHDRAWN
    decided = granted(citizen, civil_servant)
    with pytest.raises(TransitionError, match="Withdrawing"):
        services.withdraw(decided, actor=citizen)


def test_set_aside_only_while_waiting_for_information(citizen, civil_servant):
    application = submitted(citizen)
    with pytest.raises(TransitionError):
        services.set_aside(application, actor=civil_servant, reason="x")
    application = services.request_information(application, actor=civil_servant, question="Begroting?")
    assert application.information_due == timezone.localdate() + datetime.timedelta(weeks=2)
    with pytest.raises(TransitionError, match="has until"):
        services.set_aside(application, actor=civil_servant, reason="Te vroeg.")
    application = services.set_aside(
        application,
        actor=civil_servant,
        reason="Geen antwoord binnen de termijn.",
        today=application.information_due + datetime.timedelta(days=1),
    )
    assert application.status == Status.SET_ASIDE


def test_decision_term_can_be_extended_once(citizen, civil_servant):
    application = submitted(citizen)
    due = application.decision_due
    application = services.extend_deadline(application, actor=civil_servant, weeks=4, reason="Advies nodig.")
    assert application.decision_due == due + datetime.timedelta(weeks=4)
    with pytest.raises(TransitionError, match="only once"):
        services.extend_deadline(application, actor=civil_servant, weeks=1, reason="Nog meer.")


def test_overdue_applications_are_found(citizen):
    application = submitted(citizen)
    later = application.decision_due + datetime.timedelta(days=1)
    assert list(Application.objects.overdue(later)) == [application]
    assert application.is_overdue(later)
    assert not Application.objects.overdue(application.decision_due).exists()


def test_the_ceiling_changes_only_with_a_reason_by_an_administrator(administrator, civil_servant):
    with pytest.raises(TransitionError, match="administrator"):
        services.set_budget_ceiling(year=2026, ceiling="12000", actor=civil_servant, reason="Meer geld.")
    with pytest.raises(TransitionError, match="reason"):
        services.set_budget_ceiling(year=2026, ceiling="12000", actor=administrator, reason=" ")
    change = services.set_budget_ceiling(year=2026, ceiling="12000", actor=administrator, reason="Raadsbesluit.")
    assert change.old_ceiling == Decimal("10000.00") and change.new_ceiling == Decimal("12000")
    assert services.budget_figures(2026)["ceiling"] == Decimal("12000.00")


def test_a_council_decision_can_change_the_ceiling(council_member):
    class Question:
        pk = 7

        def __str__(self):
            return "Raadsvraag 7: middelen"

    services.set_budget_ceiling(
        year=2027, ceiling="15000", actor=council_member, reason="Besluit van de raad.", decided_by_question=Question()
    )
    change = CeilingChange.objects.get()
    assert change.decided_by_question_id == 7 and "Raadsvraag 7" in change.decided_by_label


def test_the_ceiling_cannot_go_below_what_is_committed(citizen, civil_servant, administrator):
    application = granted(citizen, civil_servant, amount="1000.00")
    with pytest.raises(TransitionError, match="below"):
        services.set_budget_ceiling(year=application.year, ceiling="999", actor=administrator, reason="Bezuiniging.")


def test_budget_figures_per_pillar(citizen, civil_servant):
    application = granted(citizen, civil_servant, amount="750.00")
    figures = services.budget_figures(application.year)
    by_pillar = {row["pillar"]: row["committed"] for row in figures["by_pillar"]}
    assert by_pillar == {"A": 0, "B": 0, "C": Decimal("750.00"), "D": 0}
    assert set(figures) == {"year", "ceiling", "committed", "available", "by_pillar"}


def test_attachments_are_checked_by_content(citizen):
    application = draft(citizen)
    stored = services.add_attachments(application, [pdf_file(), docx_file()], kind="application", actor=citizen)
    assert [a.content_type for a in stored] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    with pytest.raises(ValidationError, match="not an allowed file type"):
        services.add_attachments(application, [fake_pdf()], kind="application", actor=citizen)


def test_internal_notes_are_staff_only(citizen, civil_servant):
    application = submitted(citizen)
    services.add_note(application, actor=civil_servant, text="Bellen met aanvrager.")
    with pytest.raises(TransitionError):
        services.add_note(application, actor=citizen, text="Hallo")
    assert application.notes.count() == 1


def test_the_applicant_is_mailed_the_decision_and_the_settlement(
    citizen, civil_servant, django_capture_on_commit_callbacks
):
    application = in_review(citizen, civil_servant)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.grant(application, actor=civil_servant, amount="500", motivation="Goed.")
    assert "6 weeks" in mail.outbox[-1].body and mail.outbox[-1].to == [citizen.email]
    with django_capture_on_commit_callbacks(execute=True):
        services.settle(application, actor=civil_servant, amount="450", motivation="Minder.")
    assert "450.00" in mail.outbox[-1].body


def test_a_refused_grant_sends_no_mail(citizen, civil_servant, django_capture_on_commit_callbacks):
    application = in_review(citizen, civil_servant)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionError):
        services.grant(application, actor=civil_servant, amount="5000", motivation="Te veel.")
    assert mail.outbox == []
