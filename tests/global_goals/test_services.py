"""Every change goes through global_goals.services and leaves history plus an audit event."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from global_goals import services
from global_goals.models import ActionResult, Contribution, Goal, HistoryEvent, IndicatorMeasurement, Label
from tests.global_goals.factories import make_action, make_contribution, make_indicator, make_label, make_network

pytestmark = pytest.mark.django_db


def contribution_data(**extra):
    data = {
        "goal": Goal.objects.get(number=7),
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Zon op daken",
        "description": "",
        "department": "Duurzaamheid",
        "period_start": datetime.date(2020, 1, 1),
        "period_end": None,
        "budget": Decimal("1000.00"),
    }
    data.update(extra)
    return data


def test_creating_a_contribution_leaves_history_and_an_audit_event(civil_servant):
    contribution = services.create_contribution(actor=civil_servant, ip="10.0.0.1", **contribution_data())
    [event] = services.history_of(contribution)
    assert event.action == HistoryEvent.Action.CREATED
    assert event.actor == civil_servant
    audit = AuditEvent.objects.get(action="global_goals.contribution.create")
    assert audit.object_id == str(contribution.pk) and audit.ip == "10.0.0.1"


def test_a_double_submit_creates_one_contribution(civil_servant):
    key = uuid.uuid4()
    first = services.create_contribution(actor=civil_servant, idempotency_key=key, **contribution_data())
    second = services.create_contribution(actor=civil_servant, idempotency_key=key, **contribution_data())
    assert first == second
    assert Contribution.objects.count() == 1


def test_a_negative_budget_is_refused(civil_servant):
    with pytest.raises(ValidationError):
        services.create_contribution(actor=civil_servant, **contribution_data(budget=Decimal("-1")))
    assert Contribution.objects.count() == 0


def test_changing_a_contribution_records_from_to_and_why(civil_servant):
    contribution = make_contribution(7, title="Zon op daken")
    services.update_contribution(
        contribution, actor=civil_servant, reason="Nieuwe begroting", title="Zon op alle daken", budget=Decimal("5")
    )
    contribution.refresh_from_db()
    assert contribution.title == "Zon op alle daken"
    event = services.history_of(contribution).first()
    assert event.action == HistoryEvent.Action.CHANGED
    assert event.changes["title"] == ["Zon op daken", "Zon op alle daken"]
    assert event.reason == "Nieuwe begroting"
    assert "titel" in event.title
    assert AuditEvent.objects.filter(action="global_goals.contribution.update").count() == 1


def test_an_unchanged_contribution_leaves_no_history(civil_servant):
    contribution = make_contribution(7, title="Zon op daken")
    services.update_contribution(contribution, actor=civil_servant, reason="niets", title="Zon op daken")
    assert not services.history_of(contribution).exists()


def test_an_indicator_and_its_measurements_show_on_the_contributions_history(civil_servant):
    contribution = make_contribution(14)
    indicator = services.add_indicator(
        contribution, actor=civil_servant, name="Afval", unit="t", baseline=0, target=800
    )
    services.record_measurement(indicator, actor=civil_servant, measured_on=datetime.date(2022, 12, 31), value="512")
    services.record_measurement(indicator, actor=civil_servant, measured_on=datetime.date(2022, 12, 31), value="515")
    assert IndicatorMeasurement.objects.get().value == Decimal("515")
    events = list(services.history_of(contribution))
    assert [e.action for e in events] == ["measured", "measured", "indicator_added"]
    assert events[0].from_value == "512.00" and events[0].to_value == "515"
    assert indicator.current_value == Decimal("515")


def test_a_negative_measurement_is_refused(civil_servant):
    indicator = make_indicator(make_contribution(14))
    with pytest.raises(ValueError):
        services.record_measurement(indicator, actor=civil_servant, measured_on=datetime.date(2022, 1, 1), value="-1")


def test_the_same_indicator_name_twice_is_refused(civil_servant):
    contribution = make_contribution(14)
    make_indicator(contribution, name="Afval")
    with pytest.raises(ValidationError):
        services.add_indicator(contribution, actor=civil_servant, name="Afval", unit="t", baseline=0, target=1)


def test_recording_a_meeting_and_adding_minutes_later(civil_servant):
    network = make_network()
    meeting = services.record_meeting(
        network,
        actor=civil_servant,
        date=datetime.date(2027, 4, 15),
        place="IJmuiden",
        topic="Voorjaar",
        hosted_by_velsen=True,
    )
    services.update_meeting(meeting, actor=civil_servant, reason="Notulen vastgesteld", minutes="Besproken: afval")
    meeting.refresh_from_db()
    assert meeting.minutes == "Besproken: afval"
    assert [e.action for e in services.history_of(meeting)] == ["changed", "created"]


def test_a_result_per_year_is_recorded_and_corrected_with_history(civil_servant):
    action = make_action(make_network())
    services.record_action_result(action, actor=civil_servant, year=2019, quantity="558", participants=137)
    services.record_action_result(
        action, actor=civil_servant, year=2019, quantity="560", participants=137, reason="Correctie"
    )
    result = ActionResult.objects.get(action=action, year=2019)
    assert result.quantity == Decimal("560")
    latest = services.history_of(action).first()
    assert (latest.from_value, latest.to_value, latest.reason) == ("558.00 t", "560 t", "Correctie")


def test_recording_the_same_result_again_changes_nothing(civil_servant):
    action = make_action(make_network())
    services.record_action_result(action, actor=civil_servant, year=2021, quantity="756")
    services.record_action_result(action, actor=civil_servant, year=2021, quantity="756")
    assert services.history_of(action).count() == 1


def test_the_label_goes_from_considered_to_proposed_to_adopted(civil_servant):
    label = make_label()
    services.change_label_status(label, Label.Status.PROPOSED, actor=civil_servant, reason="Notitie naar de raad")
    services.change_label_status(
        label,
        Label.Status.ADOPTED,
        actor=civil_servant,
        reason="Raad stemde in",
        council_decision="Raadsbesluit 2017/123",
        on=datetime.date(2017, 10, 5),
    )
    label.refresh_from_db()
    assert label.status == Label.Status.ADOPTED
    assert label.status_since == datetime.date(2017, 10, 5)
    assert label.council_decision == "Raadsbesluit 2017/123"
    latest = services.history_of(label).first()
    assert (latest.from_value, latest.to_value) == ("proposed", "adopted")
    assert str(latest.to_label) == str(Label.Status.ADOPTED.label)


def test_adoption_without_a_council_decision_is_refused(civil_servant):
    label = make_label(status=Label.Status.PROPOSED)
    with pytest.raises(services.TransitionError, match="raadsbesluit"):
        services.change_label_status(label, Label.Status.ADOPTED, actor=civil_servant, reason="Zomaar")
    label.refresh_from_db()
    assert label.status == Label.Status.PROPOSED


def test_an_illegal_label_transition_is_refused_and_audited(civil_servant):
    label = make_label()
    with pytest.raises(services.TransitionError):
        services.change_label_status(
            label, Label.Status.ADOPTED, actor=civil_servant, reason="Te vroeg", council_decision="x"
        )
    assert AuditEvent.objects.get(action="global_goals.label.status").result == "refused"
    assert not services.history_of(label).exists()


def test_a_status_change_needs_a_reason(civil_servant):
    with pytest.raises(services.TransitionError):
        services.change_label_status(make_label(), Label.Status.PROPOSED, actor=civil_servant, reason=" ")


def test_allowed_label_statuses_follow_the_rules():
    label = Label(status=Label.Status.ADOPTED)
    assert services.allowed_label_statuses(label) == [Label.Status.WITHDRAWN]


def test_counts_work_before_grants_defines_its_relation(db):
    """Grants will add Application.goals (related_name="grant_applications"); until then the count is 0."""
    assert services.reverse_relation("partnerships") is not None
    has_grants = services.reverse_relation(services.GRANTS_RELATION) is not None
    goals = list(services.goals_with_counts())
    assert len(goals) == 17 and goals[0].number == 14
    if not has_grants:
        assert all(goal.grant_count == 0 for goal in goals)
        assert services.serving(goals[0], services.GRANTS_RELATION) == []


def test_an_unknown_relation_counts_zero_and_serves_nothing(db):
    assert services.reverse_relation("no_such_thing") is None
    assert services.serving(Goal.objects.get(number=1), "no_such_thing") == []


def test_public_queryset_uses_the_models_public_method_when_it_has_one(db):
    class FakeQuerySet(list):
        def public(self):
            return ["only public"]

    class FakeManager:
        def all(self):
            return FakeQuerySet(["everything"])

    class WithPublic:
        _default_manager = FakeManager()

    assert services.public_queryset(WithPublic) == ["only public"]
