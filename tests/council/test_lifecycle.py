"""A civil servant drafts a question, publishes it, opens and closes voting, and decides or withdraws."""

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from council import services
from council.models import Question
from tests.council.factories import make_question

pytestmark = pytest.mark.django_db
S = Question.Status


def test_a_new_question_is_a_draft_with_its_creation_in_the_history(civil_servant):
    question = make_question(civil_servant)
    assert question.status == S.DRAFT
    change = question.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("", S.DRAFT, civil_servant)
    assert AuditEvent.objects.filter(action="council.question.created", object_id=str(question.pk)).exists()


def test_a_double_submit_of_the_new_question_form_creates_one_question(civil_servant):
    import uuid

    key = uuid.uuid4()
    fields = {"title": "T", "topic": "finances", "context": "c", "dilemma": "d", "question_text": "q"}
    first = services.create_question(actor=civil_servant, idempotency_key=key, **fields)
    second = services.create_question(actor=civil_servant, idempotency_key=key, **fields)
    assert first.pk == second.pk
    assert Question.objects.count() == 1


def test_publishing_records_who_when_and_why(draft, civil_servant):
    services.publish(draft, actor=civil_servant, reason="Klaar voor de raad", ip="10.0.0.1")
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED and draft.published_at is not None
    change = draft.status_changes.last()
    assert (change.from_status, change.to_status, change.reason) == (S.DRAFT, S.PUBLISHED, "Klaar voor de raad")
    event = AuditEvent.objects.get(action="council.question.published")
    assert event.actor == civil_servant and event.ip == "10.0.0.1"


def test_a_question_without_options_cannot_be_published(civil_servant):
    question = make_question(civil_servant, options=())
    with pytest.raises(services.TransitionError, match="at least one option"):
        services.publish(question, actor=civil_servant)


def test_publishing_twice_is_refused_with_a_reason(published, civil_servant):
    with pytest.raises(services.TransitionError, match="Published"):
        services.publish(published, actor=civil_servant)


def test_opening_voting_sets_the_window(published, civil_servant):
    ends = timezone.now() + timezone.timedelta(days=2)
    services.open_voting(published, actor=civil_servant, ends_at=ends)
    published.refresh_from_db()
    assert published.status == S.VOTING_OPEN
    assert published.voting_starts_at <= timezone.now() < published.voting_ends_at == ends
    assert published.is_accepting_votes


def test_voting_cannot_open_on_a_draft(draft, civil_servant):
    with pytest.raises(services.TransitionError):
        services.open_voting(draft, actor=civil_servant, ends_at=timezone.now() + timezone.timedelta(days=1))


def test_voting_needs_two_options_and_an_end_in_the_future(civil_servant):
    lonely = make_question(civil_servant, status=S.PUBLISHED, options=("Enige optie",))
    with pytest.raises(services.TransitionError, match="two options"):
        services.open_voting(lonely, actor=civil_servant, ends_at=timezone.now() + timezone.timedelta(days=1))
    question = make_question(civil_servant, status=S.PUBLISHED)
    with pytest.raises(services.TransitionError, match="future"):
        services.open_voting(question, actor=civil_servant, ends_at=timezone.now() - timezone.timedelta(hours=1))


def test_closing_fixes_the_council_size(voting, civil_servant, members):
    services.close_voting(voting, actor=civil_servant, reason="Iedereen heeft gestemd")
    voting.refresh_from_db()
    assert voting.status == S.VOTING_CLOSED
    assert voting.council_size_at_close == 5
    assert voting.voting_ends_at <= timezone.now()


def test_a_configured_council_size_overrides_the_group(civil_servant, members):
    question = make_question(civil_servant, status=S.VOTING_OPEN, council_size=27)
    services.close_voting(question, actor=civil_servant)
    question.refresh_from_db()
    assert question.council_size_at_close == 27


def test_the_question_can_be_edited_until_voting_opens(published, voting, civil_servant):
    services.update_question(published, actor=civil_servant, title="Nieuwe titel")
    assert Question.objects.get(pk=published.pk).title == "Nieuwe titel"
    with pytest.raises(services.TransitionError):
        services.update_question(voting, actor=civil_servant, title="Te laat")
    with pytest.raises(services.TransitionError):
        services.save_option(voting, actor=civil_servant, title="Nieuwe optie", description="x")


def test_withdrawing_needs_a_reason_and_ends_the_lifecycle(voting, civil_servant):
    with pytest.raises(services.TransitionError, match="reason"):
        services.withdraw(voting, actor=civil_servant, reason="  ")
    services.withdraw(voting, actor=civil_servant, reason="Het college trekt de vraag in")
    voting.refresh_from_db()
    assert voting.status == S.WITHDRAWN
    with pytest.raises(services.TransitionError):
        services.withdraw(voting, actor=civil_servant, reason="Nog eens")


def test_close_due_votes_closes_only_questions_whose_window_has_passed(civil_servant, members):
    due = make_question(civil_servant, status=S.VOTING_OPEN, title="Verlopen")
    not_due = make_question(civil_servant, status=S.VOTING_OPEN, title="Loopt nog")
    Question.objects.filter(pk=due.pk).update(
        voting_starts_at=timezone.now() - timezone.timedelta(days=2),
        voting_ends_at=timezone.now() - timezone.timedelta(minutes=1),
    )
    assert [q.pk for q in services.close_due_votes(dry_run=True)] == [due.pk]
    assert Question.objects.get(pk=due.pk).status == S.VOTING_OPEN  # the dry run changed nothing
    closed = services.close_due_votes()
    assert [q.pk for q in closed] == [due.pk]
    assert Question.objects.get(pk=due.pk).status == S.VOTING_CLOSED
    assert Question.objects.get(pk=not_due.pk).status == S.VOTING_OPEN
    change = Question.objects.get(pk=due.pk).status_changes.last()
    assert change.actor is None and change.reason
    assert services.close_due_votes() == []  # running again does nothing


def test_the_formal_decision_is_recorded_once_after_the_decision(civil_servant, members, monkeypatch):
    import datetime

    question = make_question(civil_servant, status=S.VOTING_CLOSED)
    with pytest.raises(services.TransitionError):
        services.record_formal_decision(
            question, actor=civil_servant, meeting_date=datetime.date(2017, 9, 21), minutes_url="https://x.example/n"
        )
    services.decide(question, actor=civil_servant, chosen_options=[question.options.first()], text="Optie A")
    formal = services.record_formal_decision(
        question, actor=civil_servant, meeting_date=datetime.date(2017, 9, 21), minutes_url="https://x.example/n"
    )
    assert formal.recorded_by == civil_servant
    with pytest.raises(services.TransitionError, match="already"):
        services.record_formal_decision(
            question, actor=civil_servant, meeting_date=datetime.date(2017, 9, 21), minutes_url="https://x.example/n"
        )
