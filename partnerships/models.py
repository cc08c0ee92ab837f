from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from velsen_intl.pillars import Pillar


class Partner(models.Model):
    """A foreign city or region Velsen works with."""

    name = models.CharField(_("name"), max_length=150)
    country_code = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2)
    region = models.CharField(_("region"), max_length=150, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner city or region")
        verbose_name_plural = _("partner cities and regions")
        constraints = [models.UniqueConstraint(fields=["name", "country_code"], name="partner_unique_name_country")]

    def __str__(self):
        return f"{self.name} ({self.country_code})"


class Partnership(models.Model):
    """A symbolic city link (pillar B) or a project-based cooperation (pillars A and D)."""

    class Kind(models.TextChoices):
        CITY_LINK = "city_link", _("Symbolic city link")
        PROJECT = "project", _("Project-based cooperation")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        PHASING_OUT = "phasing_out", _("Being phased out")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    pillar = models.CharField(_("pillar"), max_length=1, choices=Pillar.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    partners = models.ManyToManyField(Partner, verbose_name=_("partners"), related_name="partnerships", blank=True)
    goals = models.ManyToManyField(
        "global_goals.Goal", verbose_name=_("Global Goals served"), related_name="partnerships", blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])
