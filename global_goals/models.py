from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class GoalQuerySet(models.QuerySet):
    def focus(self):
        return self.filter(is_focus=True)


class Goal(models.Model):
    """One of the 17 UN Global Goals (Sustainable Development Goals). Reference data, loaded by a
    migration; the number is the primary key so other apps can refer to "goal 14" directly."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    colour = models.CharField(_("official colour"), max_length=7, help_text=_("Hex code, e.g. #0A97D9"))
    text_colour = models.CharField(
        _("text colour"), max_length=7, help_text=_("Black or white, whichever meets WCAG AA on the goal colour")
    )
    description_nl = models.TextField(_("short description (Dutch)"), blank=True)
    description_en = models.TextField(_("short description (English)"), blank=True)
    is_focus = models.BooleanField(_("focus goal"), default=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Global Goal")
        verbose_name_plural = _("Global Goals")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self):
        return self.name_en if translation.get_language() == "en" else self.name_nl

    @property
    def description(self):
        return self.description_en if translation.get_language() == "en" else self.description_nl

    def get_absolute_url(self):
        return reverse("global_goals:goal", args=[self.number])
