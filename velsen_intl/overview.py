"""Figures for the home page and the civil servant's work overview.

This module sits at the top of the dependency graph and may read every app; each app keeps
its own rules, so only named QuerySet methods and services are used here.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council import overview as council_overview
from global_goals import overview as goals_overview
from grants import overview as grants_overview
from grants.services import budget_figures
from partnerships import overview as partnerships_overview
from velsen_intl.pillars import PILLAR_SLUGS, Pillar


def pillar_cards():
    return [{"pillar": pillar, "slug": PILLAR_SLUGS[pillar]} for pillar in Pillar]


PILLAR_LINKS = {
    Pillar.PROJECT_COOPERATION: [(_("Project-based cooperations"), "partnerships:register", "?kind=project")],
    Pillar.CITY_LINKS: [(_("City links"), "partnerships:register", "?kind=city_link")],
    Pillar.WORLD_AND_SOCIETY: [
        (_("The 17 Global Goals"), "global_goals:dashboard", ""),
        (_("KIMO"), "global_goals:kimo", ""),
    ],
    Pillar.EUROPE: [(_("Partnerships"), "partnerships:register", "")],
}
COMMON_LINKS = [
    (_("Questions to the council"), "council:question_list", ""),
    (_("Apply for a grant"), "grants:apply", ""),
]


def pillar_links(pillar):
    """Links from a pillar page to the app pages about it."""
    return [(label, reverse(name) + query) for label, name, query in PILLAR_LINKS[pillar] + COMMON_LINKS]


def budget_summary(year=None):
    """Ceiling, committed and available for a year."""
    return budget_figures(year or timezone.localdate().year)


def work_overview():
    """Counts and links for the civil servant's start page; each app contributes its own section."""
    sections = [
        module.staff_overview() for module in (grants_overview, partnerships_overview, goals_overview, council_overview)
    ]
    return {"today": timezone.localdate(), "sections": sections}
