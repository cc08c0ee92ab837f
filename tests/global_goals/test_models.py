"""The models: what the data may hold and the small things they derive."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from global_goals.models import Contribution, Goal, HistoryEvent, IndicatorMeasurement, Label, Meeting, NetworkRole
from tests.global_goals.factories import (
    make_action,
    make_contribution,
    make_indicator,
    make_meeting,
    make_network,
    make_role,
)

pytestmark = pytest.mark.django_db


def test_the_17_goals_are_loaded_with_goal_14_as_the_focus():
    assert Goal.objects.count() == 17
    assert list(Goal.objects.focus().values_list("number", flat=True)) == [14]


def test_an_indicator_shows_its_latest_measurement_or_else_its_baseline():
    indicator = make_indicator(make_contribution(), baseline="10")
    assert indicator.current_value == Decimal("10") and indicator.latest_measurement is None
    IndicatorMeasurement.objects.create(indicator=indicator, measured_on=datetime.date(2021, 1, 1), value=756)
    IndicatorMeasurement.objects.create(indicator=indicator, measured_on=datetime.date(2022, 1, 1), value=512)
    assert indicator.current_value == Decimal("512")


def test_the_database_refuses_a_negative_budget_and_a_period_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_contribution(budget=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_contribution(period_start=datetime.date(2024, 1, 2), period_end=datetime.date(2024, 1, 1))


def test_the_database_refuses_a_target_of_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_indicator(make_contribution(), target="0")


def test_one_result_per_action_and_year():
    action = make_action(make_network(), results=[(2019, "558", 137)])
    with pytest.raises(IntegrityError), transaction.atomic():
        action.results.create(year=2019, quantity=1)


def test_current_contributions_and_roles():
    today = datetime.date(2025, 6, 1)
    running = make_contribution(title="Loopt", period_start=datetime.date(2024, 1, 1))
    make_contribution(title="Voorbij", period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2021, 1, 1))
    assert list(Contribution.objects.current(today)) == [running]
    network = make_network()
    chair = make_role(network, since=datetime.date(2016, 1, 1))
    make_role(network, kind=NetworkRole.Kind.HOST, since=datetime.date(2010, 1, 1), until=datetime.date(2012, 1, 1))
    assert list(NetworkRole.objects.current(today)) == [chair]


def test_meetings_are_upcoming_or_past():
    network = make_network()
    today = datetime.date(2025, 6, 1)
    later = make_meeting(network, date=datetime.date(2025, 7, 1), topic="Later")
    same_day = make_meeting(network, date=today, topic="Vandaag")
    earlier = make_meeting(network, date=datetime.date(2025, 1, 1), topic="Eerder")
    assert list(Meeting.objects.upcoming(today)) == [same_day, later]
    assert list(Meeting.objects.past(today)) == [earlier]


def test_a_history_event_speaks_the_timelines_language():
    event = HistoryEvent(
        action=HistoryEvent.Action.STATUS_CHANGED, from_value="considered", to_value="proposed", actor_label="a@b.nl"
    )
    assert event.from_label == Label.Status.CONSIDERED.label
    assert event.to_label == Label.Status.PROPOSED.label
    assert event.actor_display == "a@b.nl"
    from django.contrib.contenttypes.models import ContentType

    changed = HistoryEvent(
        action=HistoryEvent.Action.CHANGED,
        content_type=ContentType.objects.get_for_model(Contribution),
        changes={"title": ["a", "b"], "budget": ["1", "2"], "Afval: target": ["1", "2"], "gone": ["x", "y"]},
    )
    assert changed.title == "Gewijzigd (Afval: streefcijfer, budget (euro), gone, titel)"


def test_the_best_year_scales_the_bars():
    action = make_action(make_network(), results=[(2019, "558", 137), (2021, "756", None)])
    assert action.max_quantity == Decimal("756")
    assert make_action(make_network(), name="Leeg", slug="leeg").max_quantity == 1
