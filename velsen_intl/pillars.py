"""The four pillars of "Velsen internationaal", shared by grants, partnerships and council."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.TextChoices):
    PROJECT_COOPERATION = "A", _("A. Project-based international cooperation")
    CITY_LINKS = "B", _("B. Symbolic city links")
    WORLD_AND_SOCIETY = "C", _("C. World and society")
    EUROPE = "D", _("D. Europe strategy")


PILLAR_SLUGS = {
    Pillar.PROJECT_COOPERATION: "project-cooperation",
    Pillar.CITY_LINKS: "city-links",
    Pillar.WORLD_AND_SOCIETY: "world-and-society",
    Pillar.EUROPE: "europe",
}
