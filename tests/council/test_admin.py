"""Django admin shows votes only once voting has closed: no running tally there either."""

import pytest
from django.urls import reverse

from council import services
from council.models import Question
from tests.council.factories import make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, db):
    from tests.factories import make_user

    user = make_user("super@velsen.example", roles=["administrator"], is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_votes_on_an_open_question_are_not_listed(superuser_client, civil_servant, members):
    open_question = make_question(civil_servant, status=Question.Status.VOTING_OPEN, title="Open")
    closed = make_question(civil_servant, status=Question.Status.VOTING_OPEN, title="Gesloten")
    services.cast_vote(open_question, member=members[0], option=open_question.options.first())
    services.cast_vote(closed, member=members[1], option=closed.options.first())
    services.close_voting(closed, actor=civil_servant)
    response = superuser_client.get(reverse("admin:council_vote_changelist"))
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert [vote.question.title for vote in shown] == ["Gesloten"]
    assert superuser_client.get(reverse("admin:council_votechange_changelist")).context["cl"].result_count == 1


def test_the_question_admin_pages_open(superuser_client, draft):
    assert superuser_client.get(reverse("admin:council_question_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:council_question_change", args=[draft.pk])).status_code == 200
