"""The public pages: the 17 goals as tiles, one page per goal, and KIMO."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from global_goals.models import Contribution, Label
from tests.global_goals.factories import (
    make_action,
    make_contribution,
    make_indicator,
    make_label,
    make_meeting,
    make_network,
    make_partnership,
    make_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def populated():
    """Several rows everywhere, so that query pins would catch an N+1."""
    network = make_network()
    make_role(network)
    make_role(network, kind="board_member", since=datetime.date(1992, 1, 1), body="internationaal bestuur")
    today = timezone.localdate()
    for i in range(4):
        make_meeting(
            network, date=today - datetime.timedelta(days=30 * (i + 1)), topic=f"Vergadering {i}", minutes="Notulen"
        )
        make_meeting(network, date=today + datetime.timedelta(days=30 * (i + 1)), topic=f"Gepland {i}")
    make_action(network, results=[(2019, "558", 137), (2021, "756", None), (2022, "512", None)])
    make_action(network, name="Schone stranden", slug="schone-stranden", results=[(2022, "12", 40)])
    for goal in (14, 14, 7, 4, 13):
        contribution = make_contribution(goal, title=f"Bijdrage {goal} {Contribution.objects.count()}")
        for n in range(2):
            make_indicator(
                contribution,
                name=f"Indicator {n}",
                measurements=[(datetime.date(2021, 1, 1), "100"), (datetime.date(2022, 1, 1), "300")],
            )
    make_contribution(14, title="Steun aan KIMO", kind=Contribution.Kind.FOCUS)
    for i in range(3):
        make_partnership(f"Samenwerking {i}", goals=[14, 7])
    make_label(status=Label.Status.PROPOSED)
    return network


def test_the_dashboard_shows_all_17_goals_with_the_focus_goal_first(client, populated):
    response = client.get(reverse("global_goals:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    for number in range(1, 18):
        assert f"goal-tile goal-{number}" in html or f"goal-tile--focus goal-{number}" in html
    assert html.index("goal-14") < html.index('goal-1"')
    goals = response.context["focus_goals"]
    assert [g.number for g in goals] == [14]
    assert goals[0].contribution_count == 3
    assert goals[0].partnership_count == 3
    assert goals[0].grant_count == 0
    assert "Voorgesteld aan de raad" in html


def test_the_dashboard_counts_per_goal(client, populated):
    response = client.get(reverse("global_goals:dashboard"))
    by_number = {g.number: g for g in response.context["other_goals"]}
    assert by_number[7].contribution_count == 1
    assert by_number[7].partnership_count == 3
    assert by_number[1].contribution_count == 0
    assert by_number[1].partnership_count == 0


def test_the_dashboard_is_in_english_too(client, populated):
    response = client.get("/en/global-goals/")
    assert response.status_code == 200
    assert "Life Below Water" in response.content.decode()
    assert "3 contributions" in response.content.decode()


def test_the_dashboard_uses_a_fixed_number_of_queries(client, populated, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(reverse("global_goals:dashboard")).status_code == 200


def test_a_goal_page_shows_contributions_indicators_partnerships_and_actions(client, populated):
    response = client.get(reverse("global_goals:goal", args=[14]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Steun aan KIMO" in html
    assert "Bijdrage 14" in html
    assert '<progress class="bar" max="800.00" value="300.00"' in html
    assert "300 t" in html and "800 t" in html and "(38%)" in html
    assert "Samenwerking 0" in html
    assert "Fishing for Litter" in html
    assert "558 t" in html
    assert html.count("<h1") == 1


def test_a_goal_page_uses_a_fixed_number_of_queries(client, populated, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(reverse("global_goals:goal", args=[14])).status_code == 200


def test_an_unknown_goal_is_not_found(client, db):
    assert client.get(reverse("global_goals:goal", args=[18])).status_code == 404


def test_a_goal_without_anything_says_so(client, db):
    response = client.get(reverse("global_goals:goal", args=[1]))
    assert response.status_code == 200
    assert "Er zijn nog geen bijdragen" in response.content.decode()


def test_the_kimo_page_shows_upcoming_and_past_meetings_and_results(client, populated):
    response = client.get(reverse("global_goals:kimo"))
    assert response.status_code == 200
    assert [m.topic for m in response.context["upcoming"]] == [f"Gepland {i}" for i in range(4)]
    assert [m.topic for m in response.context["past"]] == [f"Vergadering {i}" for i in range(4)]
    html = response.content.decode()
    assert "558 t" in html and "756 t" in html and "512 t" in html and "137" in html
    assert "Voorzitter" in html


def test_the_kimo_page_uses_a_fixed_number_of_queries(client, populated, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(reverse("global_goals:kimo")).status_code == 200


def test_the_kimo_page_is_not_found_without_kimo(client, db):
    assert client.get(reverse("global_goals:kimo")).status_code == 404


def test_public_pages_have_no_inline_styles_or_scripts(client, populated):
    for url in (
        reverse("global_goals:dashboard"),
        reverse("global_goals:goal", args=[14]),
        reverse("global_goals:kimo"),
    ):
        html = client.get(url).content.decode()
        assert 'style="' not in html
        assert "<script>" not in html


def test_a_goal_page_pages_through_many_contributions(client, db):
    for i in range(23):
        make_contribution(7, title=f"Bijdrage {i:02d}")
    first = client.get(reverse("global_goals:goal", args=[7]))
    assert len(first.context["base_contributions"]) == 20
    second = client.get(reverse("global_goals:goal", args=[7]), {"page": 2})
    assert len(second.context["base_contributions"]) == 3
    assert "Pagina 2 van 2" in second.content.decode()
