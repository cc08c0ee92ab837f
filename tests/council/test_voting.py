"""Council members vote once per question, may change their vote while voting is open, and every
cast and change is recorded."""

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from council import services
from council.models import Question, Vote, VoteChange
from tests.council.factories import make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status


def test_a_member_casts_a_vote_and_it_is_recorded(voting, members):
    a = option(voting, "Optie A")
    vote = services.cast_vote(voting, member=members[0], option=a, ip="10.0.0.9")
    assert vote.option == a and not vote.is_abstention
    change = vote.changes.get()
    assert (change.kind, change.from_option, change.to_option) == (VoteChange.Kind.CAST, None, a)
    assert AuditEvent.objects.filter(action="council.vote.cast", actor=members[0], ip="10.0.0.9").exists()


def test_a_member_may_abstain(voting, members):
    vote = services.cast_vote(voting, member=members[0], option=None)
    assert vote.is_abstention
    assert vote.choice_label == "Abstain"


def test_changing_a_vote_keeps_one_vote_and_records_the_change(voting, members):
    a, b = option(voting, "Optie A"), option(voting, "Optie B")
    services.cast_vote(voting, member=members[0], option=a)
    services.cast_vote(voting, member=members[0], option=b)
    services.cast_vote(voting, member=members[0], option=None)
    vote = Vote.objects.get(question=voting, member=members[0])
    assert vote.option is None
    history = [(c.kind, c.from_option, c.to_option) for c in vote.changes.all()]
    assert history == [("cast", None, a), ("change", a, b), ("change", b, None)]
    assert AuditEvent.objects.filter(action="council.vote.changed").count() == 2


def test_the_same_vote_twice_changes_nothing(voting, members):
    a = option(voting, "Optie A")
    services.cast_vote(voting, member=members[0], option=a)
    services.cast_vote(voting, member=members[0], option=a)
    assert Vote.objects.count() == 1
    assert VoteChange.objects.count() == 1


def test_only_council_members_vote(voting, citizen, civil_servant):
    for outsider in (citizen, civil_servant):
        with pytest.raises(services.VotingError, match="Only council members"):
            services.cast_vote(voting, member=outsider, option=None)
    assert not Vote.objects.exists()


def test_an_inactive_council_member_cannot_vote(voting, members):
    members[0].is_active = False
    members[0].save()
    with pytest.raises(services.VotingError):
        services.cast_vote(voting, member=members[0], option=None)


@pytest.mark.parametrize("status", [S.DRAFT, S.PUBLISHED, S.VOTING_CLOSED, S.WITHDRAWN])
def test_no_vote_outside_voting(civil_servant, members, status):
    question = make_question(civil_servant, status=status)
    with pytest.raises(services.VotingError):
        services.cast_vote(question, member=members[0], option=question.options.first())


def test_no_vote_before_the_window_opens_or_after_it_ends(published, civil_servant, members):
    now = timezone.now()
    services.open_voting(
        published,
        actor=civil_servant,
        starts_at=now + timezone.timedelta(hours=1),
        ends_at=now + timezone.timedelta(days=1),
    )
    with pytest.raises(services.VotingError, match="between"):
        services.cast_vote(published, member=members[0], option=None)
    Question.objects.filter(pk=published.pk).update(
        voting_starts_at=now - timezone.timedelta(days=1), voting_ends_at=now - timezone.timedelta(seconds=1)
    )
    with pytest.raises(services.VotingError, match="between"):
        services.cast_vote(published, member=members[0], option=None)


def test_no_vote_for_an_option_of_another_question(civil_servant, members):
    one = make_question(civil_servant, status=S.VOTING_OPEN, title="Een")
    other = make_question(civil_servant, status=S.VOTING_OPEN, title="Ander")
    with pytest.raises(services.VotingError, match="another question"):
        services.cast_vote(one, member=members[0], option=other.options.first())


def test_the_database_refuses_a_second_vote_row(voting, members):
    from django.db import IntegrityError, transaction

    Vote.objects.create(question=voting, member=members[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(question=voting, member=members[0])


def test_a_member_with_a_declared_interest_cannot_vote(voting, members):
    declaration = services.declare_interest(voting, member=members[0], reason="Mijn werkgever is betrokken")
    assert declaration.reason == "Mijn werkgever is betrokken"
    with pytest.raises(services.VotingError, match="interest"):
        services.cast_vote(voting, member=members[0], option=None)
    assert AuditEvent.objects.filter(action="council.interest.declared").count() == 1


def test_interest_must_be_declared_before_voting(voting, members):
    services.cast_vote(voting, member=members[0], option=None)
    with pytest.raises(services.VotingError, match="already voted"):
        services.declare_interest(voting, member=members[0], reason="Te laat")


def test_declaring_interest_twice_keeps_one_declaration(published, members):
    services.declare_interest(published, member=members[0], reason="Eerst")
    services.declare_interest(published, member=members[0], reason="Tweede keer")
    assert published.interest_declarations.count() == 1


def test_members_post_arguments_while_the_question_is_discussed(published, members, draft):
    a = option(published, "Optie A")
    argument = services.post_argument(published, member=members[0], option=a, stance="for", text="Goed plan")
    assert argument.option == a
    with pytest.raises(services.VotingError):
        services.post_argument(draft, member=members[0], option=draft.options.first(), stance="for", text="x")


def test_an_argument_double_submit_creates_one_argument(published, members):
    import uuid

    key = uuid.uuid4()
    a = option(published, "Optie A")
    for _ in range(2):
        services.post_argument(
            published, member=members[0], option=a, stance="against", text="Te duur", idempotency_key=key
        )
    assert published.arguments.count() == 1


def test_arguments_are_for_members_and_staff_until_the_decision(published, members, citizen, civil_servant):
    from django.contrib.auth.models import AnonymousUser

    assert services.arguments_visible_to(published, members[0])
    assert services.arguments_visible_to(published, civil_servant)
    assert not services.arguments_visible_to(published, citizen)
    assert not services.arguments_visible_to(published, AnonymousUser())
    published.status = S.DECIDED
    assert services.arguments_visible_to(published, AnonymousUser())
