"""Small explicit factories for Global Goals tests."""

import datetime
from decimal import Decimal

from global_goals.models import (
    Action,
    ActionResult,
    Contribution,
    Goal,
    Indicator,
    IndicatorMeasurement,
    Label,
    Meeting,
    Network,
    NetworkRole,
)


def make_contribution(goal=14, *, title="Schone Noordzee", kind=Contribution.Kind.BASE_LEVEL, **extra):
    extra.setdefault("period_start", datetime.date(2020, 1, 1))
    extra.setdefault("department", "Duurzaamheid")
    return Contribution.objects.create(goal=Goal.objects.get(number=goal), title=title, kind=kind, **extra)


def make_indicator(contribution, *, name="Afval aangeland", unit="t", target="800", baseline="0", measurements=()):
    indicator = Indicator.objects.create(
        contribution=contribution, name=name, unit=unit, target=Decimal(target), baseline=Decimal(baseline)
    )
    for measured_on, value in measurements:
        IndicatorMeasurement.objects.create(indicator=indicator, measured_on=measured_on, value=Decimal(value))
    return indicator


def make_network(**extra):
    defaults = {"name": "Kommunenes Internasjonale Miljøorganisasjon", "short_name": "KIMO", "founded": 1990}
    defaults.update(extra)
    slug = defaults.pop("slug", "kimo")
    network, _ = Network.objects.get_or_create(slug=slug, defaults=defaults)
    return network


def make_role(
    network, *, kind=NetworkRole.Kind.CHAIR, since=datetime.date(2016, 1, 1), until=None, body="KIMO NL & BE"
):
    return NetworkRole.objects.create(
        network=network, kind=kind, body=body, holder="Wethouder van Velsen", since=since, until=until
    )


def make_meeting(network, *, date, topic="Ledenvergadering", hosted=True, **extra):
    extra.setdefault("place", "IJmuiden")
    return Meeting.objects.create(network=network, date=date, topic=topic, hosted_by_velsen=hosted, **extra)


def make_action(network, *, name="Fishing for Litter", slug="fishing-for-litter", results=()):
    action = Action.objects.create(
        network=network, name=name, slug=slug, goal_id=14, result_label="afval aangeland", participant_label="schepen"
    )
    for year, quantity, participants in results:
        ActionResult.objects.create(action=action, year=year, quantity=Decimal(quantity), participants=participants)
    return action


def make_label(status=Label.Status.CONSIDERED, **extra):
    return Label.objects.create(slug="global-goals-gemeente", name="Global Goals gemeente", status=status, **extra)


def make_partnership(title, *, goals=(), slug=None):
    from partnerships.models import Partnership  # tests may reach up; the app itself never does

    partnership = Partnership.objects.create(
        title=title, slug=slug or title.lower().replace(" ", "-"), kind="city_link", pillar="B", status="active"
    )
    partnership.goals.set(goals)
    return partnership
