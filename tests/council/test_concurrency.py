"""Two tabs (or a double click) casting a vote at the same moment never create two votes.

PostgreSQL only: SQLite serialises whole transactions, so it cannot show a race."""

import threading

import pytest
from django.db import IntegrityError, connections, transaction

from council import services
from council.models import Question, Vote, VoteChange
from tests.council.factories import make_member, make_question
from tests.factories import make_user

THREADS = 6


def _run_together(target, count=THREADS):
    barrier = threading.Barrier(count)
    outcomes = []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait(timeout=10)
            result = target(index)
            with lock:
                outcomes.append(("ok", result))
        except Exception as error:  # recorded and asserted on below
            with lock:
                outcomes.append(("error", error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def setup_question(transactional_db):
    servant = make_user("ambtenaar-c@velsen.example", roles=["civil_servant"])
    member = make_member(1)
    question = make_question(servant, status=Question.Status.VOTING_OPEN, options=("Optie A", "Optie B", "Optie C"))
    return question, member


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_of_one_member_leave_one_vote(setup_question):
    question, member = setup_question
    options = list(question.options.all())

    def cast(index):
        return services.cast_vote(question, member=member, option=options[index % len(options)]).pk

    outcomes = _run_together(cast)
    assert [o for o in outcomes if o[0] == "error"] == []
    assert Vote.objects.filter(question=question, member=member).count() == 1
    # One cast plus one change per thread whose choice differed from the vote it found.
    vote = Vote.objects.get(question=question, member=member)
    kinds = list(vote.changes.values_list("kind", flat=True))
    assert kinds[0] == VoteChange.Kind.CAST and kinds.count(VoteChange.Kind.CAST) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_race_is_real_and_the_constraint_is_the_last_guard(setup_question):
    """The naive check-then-insert, run from several threads at once: more than one thread passes
    the check, and only the unique constraint keeps the second row out."""
    question, member = setup_question
    checked = threading.Barrier(THREADS)

    def naive(index):
        with transaction.atomic():
            exists = Vote.objects.filter(question=question, member=member).exists()
            checked.wait(timeout=10)  # everyone has checked before anyone inserts: the race window
            if not exists:
                Vote.objects.create(question=question, member=member)
            return exists

    outcomes = _run_together(naive)
    passed_check = [o for o in outcomes if o == ("ok", False)]
    refused = [o for o in outcomes if o[0] == "error" and isinstance(o[1], IntegrityError)]
    assert len(passed_check) == 1
    assert len(refused) == THREADS - 1  # these threads also saw "no vote yet": the race exists
    assert Vote.objects.filter(question=question, member=member).count() == 1
