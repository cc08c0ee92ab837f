"""The public pages: published and decided questions, their options and effects, and after
voting closed the result with the named votes. Drafts do not exist for the public."""

import pytest
from django.urls import reverse
from django.utils import translation

from council import services
from council.models import Question
from tests.council.factories import make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status


def test_the_list_shows_published_and_decided_questions_but_no_drafts(client, civil_servant):
    make_question(civil_servant, title="Concept", status=S.DRAFT)
    make_question(civil_servant, title="Gepubliceerd", status=S.PUBLISHED)
    make_question(civil_servant, title="Ingetrokken", status=S.WITHDRAWN)
    response = client.get(reverse("council:question_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gepubliceerd" in content
    assert "Concept" not in content and "Ingetrokken" not in content


def test_the_list_filters_by_topic(client, civil_servant):
    make_question(civil_servant, title="Over geld", topic="finances", status=S.PUBLISHED)
    make_question(civil_servant, title="Over banden", topic="B", status=S.PUBLISHED)
    content = client.get(reverse("council:question_list"), {"topic": "finances"}).content.decode()
    assert "Over geld" in content and "Over banden" not in content


def test_the_list_is_paginated(client, civil_servant):
    for n in range(22):
        make_question(civil_servant, title=f"Vraag {n}", status=S.PUBLISHED, options=("A",))
    response = client.get(reverse("council:question_list"))
    assert len(response.context["questions"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 2


def test_a_draft_is_404_for_the_public_and_for_council_members(client, council_client, draft):
    url = reverse("council:question_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert council_client.get(url).status_code == 404
    assert council_client.post(reverse("council:vote", args=[draft.pk]), {"choice": "abstain"}).status_code == 404


def test_the_detail_shows_options_and_their_effects(client, civil_servant):
    from decimal import Decimal

    question = make_question(
        civil_servant,
        status=S.PUBLISHED,
        budget_year=2027,
        options=(
            {
                "title": "Verhogen",
                "money_per_year": Decimal("15000"),
                "fte": Decimal("0.5"),
                "new_grant_ceiling": Decimal("15000"),
            },
            "Houden",
        ),
    )
    with translation.override("nl"):
        url = reverse("council:question_detail", args=[question.pk])
    assert not url.startswith("/en/")
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Verhogen" in content and "15.000,00" in content and "0,50 fte" in content and "(2027)" in content


def test_no_tally_is_shown_while_voting_is_open(client, council_client, voting, members, council_member):
    services.cast_vote(voting, member=members[0], option=option(voting, "Optie A"))
    for c in (client, council_client):
        response = c.get(reverse("council:question_detail", args=[voting.pk]))
        assert response.context["results"] is None
        assert "Raadslid 1" not in response.content.decode()
        assert "results-title" not in response.content.decode()


def test_after_closing_the_result_is_public_with_named_votes(client, voting, members, civil_servant):
    services.cast_vote(voting, member=members[0], option=option(voting, "Optie A"))
    services.cast_vote(voting, member=members[1], option=option(voting, "Optie A"))
    services.cast_vote(voting, member=members[2], option=None)
    services.declare_interest(voting, member=members[3], reason="Mijn broer is voorzitter")
    services.close_voting(voting, actor=civil_servant)
    response = client.get(reverse("council:question_detail", args=[voting.pk]))
    content = response.content.decode()
    assert response.context["results"].outcome == "adopted"
    assert "Raadslid 1" in content and "Raadslid 3" in content
    assert "Mijn broer is voorzitter" in content


def test_arguments_are_public_only_once_decided(client, council_client, published, members, civil_servant):
    services.post_argument(
        published, member=members[0], option=option(published, "Optie A"), stance="for", text="Sterk argument"
    )
    url = reverse("council:question_detail", args=[published.pk])
    assert "Sterk argument" not in client.get(url).content.decode()
    assert "Sterk argument" in council_client.get(url).content.decode()
    services.open_voting(
        published,
        actor=civil_servant,
        ends_at=__import__("django.utils.timezone").utils.timezone.now() + __import__("datetime").timedelta(days=1),
    )
    services.close_voting(published, actor=civil_servant)
    services.decide(published, actor=civil_servant, chosen_options=[option(published, "Optie A")], text="A gekozen")
    content = client.get(url).content.decode()
    assert "Sterk argument" in content and "A gekozen" in content


def test_the_public_pages_stay_within_the_query_budget(client, civil_servant, django_assert_max_num_queries):
    from tests.council.factories import make_members

    members = make_members(5)
    for n in range(5):
        make_question(civil_servant, title=f"Vraag {n}", status=S.PUBLISHED)
    question = make_question(civil_servant, status=S.VOTING_OPEN, options=("Optie A", "Optie B", "Optie C"))
    for member in members:
        services.cast_vote(question, member=member, option=option(question, "Optie B"))
        services.post_argument(question, member=member, option=option(question, "Optie A"), stance="for", text="x")
    services.close_voting(question, actor=civil_servant)
    services.decide(question, actor=civil_servant, chosen_options=[option(question, "Optie B")], text="B")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("council:question_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("council:question_detail", args=[question.pk])).status_code == 200


def test_the_public_history_names_the_municipality_not_the_civil_servant(
    client, council_client, civil_servant_client, published
):
    url = reverse("council:question_detail", args=[published.pk])
    for c in (client, council_client):
        content = c.get(url).content.decode()
        assert "Anna Ambtenaar" not in content
        assert "Gemeente Velsen" in content or "Municipality of Velsen" in content
    assert "Anna Ambtenaar" in civil_servant_client.get(url).content.decode()
