"""The demo: the memo's four questions, one decided with raadslid1-5's votes, one open, the rest
published; loading twice changes nothing."""

import pytest

from council import demo, services
from council.models import Question, Vote
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db):
    make_user("ambtenaar@example.org", roles=["civil_servant"], full_name="Demo Ambtenaar")
    for n in range(1, 6):
        make_user(f"raadslid{n}@example.org", roles=["council_member"], full_name=f"Raadslid {n}")


def test_the_demo_loads_the_memos_questions(demo_users):
    demo.load()
    statuses = sorted(Question.objects.values_list("status", flat=True))
    assert statuses == ["decided", "published", "published", "voting_open"]
    decided = Question.objects.get(status="decided")
    assert Vote.objects.filter(question=decided).count() == 5
    result = services.results(decided)
    assert result.outcome == result.ADOPTED
    assert decided.decision.chosen_options.get() == result.winner
    finances = Question.objects.get(topic="finances")
    assert finances.is_accepting_votes
    assert sorted(str(o.new_grant_ceiling) for o in finances.options.all()) == ["10000.00", "15000.00", "5000.00"]
    assert decided.goal_id == 14


def test_loading_twice_changes_nothing(demo_users):
    demo.load()
    before = (
        Question.objects.count(),
        Vote.objects.count(),
        list(Question.objects.values_list("status", "updated_at")),
    )
    demo.load()
    after = (Question.objects.count(), Vote.objects.count(), list(Question.objects.values_list("status", "updated_at")))
    assert before == after


def test_without_demo_users_the_demo_loads_nothing(db):
    from io import StringIO

    out = StringIO()
    demo.load(stdout=out)
    assert not Question.objects.exists() and "missing" in out.getvalue()
