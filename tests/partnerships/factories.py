"""Small explicit factories for partnership tests."""

import datetime
import itertools

from partnerships.models import Activity, Partner, Partnership, PhaseOutStep, Theme

_counter = itertools.count(1)


def make_partner(name=None, country_code="DE", **extra):
    return Partner.objects.create(name=name or f"Partnerstad {next(_counter)}", country_code=country_code, **extra)


def make_partnership(
    title=None,
    *,
    kind=Partnership.Kind.CITY_LINK,
    status=Partnership.Status.ACTIVE,
    pillar="B",
    partners=(),
    themes=(),
    goals=(),
    **extra,
):
    n = next(_counter)
    title = title or f"Stedenband {n}"
    partnership = Partnership.objects.create(
        title=title, slug=extra.pop("slug", f"partnership-{n}"), kind=kind, status=status, pillar=pillar, **extra
    )
    if partners:
        partnership.partners.set(partners)
    if themes:
        partnership.themes.set(themes)
    if goals:
        partnership.goals.set(goals)
    return partnership


def make_project(title=None, **extra):
    extra.setdefault("pillar", "A")
    return make_partnership(title, kind=Partnership.Kind.PROJECT, **extra)


def make_step(partnership, title=None, **extra):
    return PhaseOutStep.objects.create(partnership=partnership, title=title or f"Stap {next(_counter)}", **extra)


def make_activity(partnership, title=None, **extra):
    extra.setdefault("kind", Activity.Kind.MEETING)
    extra.setdefault("date", datetime.date(2024, 7, 3))
    return Activity.objects.create(partnership=partnership, title=title or f"Activiteit {next(_counter)}", **extra)


def theme(slug):
    return Theme.objects.get(slug=slug)
