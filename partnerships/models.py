import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from partnerships import countries
from velsen_intl.pillars import Pillar


class Theme(models.Model):
    """A theme partnerships work on (offshore wind, port and maritime, clean seas, ...): a managed list."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_nl"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if translation.get_language() == "en" else self.name_nl


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

    @property
    def country_name(self):
        return countries.country_name(self.country_code)

    @property
    def continent(self):
        return countries.continent_of(self.country_code)


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        """Everything in the register is public (other apps list it with its partner cities)."""
        return self.prefetch_related("partners")

    def with_register_details(self):
        """What the register and detail pages show, fetched in a fixed number of queries."""
        return self.prefetch_related("partners", "themes", "goals")

    def city_links(self):
        return self.filter(kind=Partnership.Kind.CITY_LINK)

    def projects(self):
        return self.filter(kind=Partnership.Kind.PROJECT)

    def current(self):
        return self.exclude(status=Partnership.Status.ENDED)

    def phasing_out(self):
        return self.filter(status=Partnership.Status.PHASING_OUT)


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

    class Lead(models.TextChoices):
        NONE = "", _("Not set")
        MAYOR = "mayor", _("Mayor")
        ALDERMAN = "alderman", _("Alderman")
        MAYOR_AND_ALDERMAN = "mayor_and_alderman", _("Mayor with the alderman most concerned")

    class Origin(models.TextChoices):
        UNKNOWN = "", _("Not known")
        PROVINCE = "province", _("Province")
        MRA = "mra", _("Metropolitan Region Amsterdam (MRA)")
        BUSINESS = "business", _("Business")
        COMMUNITY = "community", _("Community")
        SCHOOL = "school", _("School")
        MUNICIPALITY = "municipality", _("Municipality")

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

    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="partnerships", blank=True)
    lead = models.CharField(_("administrative lead"), max_length=20, choices=Lead.choices, blank=True)
    lead_name = models.CharField(_("name of the administrative lead"), max_length=150, blank=True)
    lead_portfolio = models.CharField(
        _("portfolio of the alderman"), max_length=200, blank=True, help_text=_("For example: economy and port.")
    )
    official_contact = models.CharField(_("official contact"), max_length=150, blank=True)
    official_contact_email = models.EmailField(_("e-mail of the official contact"), blank=True)
    origin = models.CharField(_("where the tie came from"), max_length=20, choices=Origin.choices, blank=True)
    business_partners = models.TextField(_("business partners involved"), blank=True, help_text=_("One per line."))
    community_partners = models.TextField(
        _("community partners involved"), blank=True, help_text=_("Foundations, schools, associations; one per line.")
    )
    transformed_from = models.ForeignKey(
        "self",
        verbose_name=_("transformed from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transformed_into",
        help_text=_("The city link this project-based cooperation grew out of."),
    )
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, null=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="partnership_until_after_since",
            ),
            models.CheckConstraint(
                condition=~Q(transformed_from=models.F("id")), name="partnership_not_transformed_from_itself"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def is_city_link(self):
        return self.kind == self.Kind.CITY_LINK

    @property
    def business_partner_list(self):
        return [line.strip() for line in self.business_partners.splitlines() if line.strip()]

    @property
    def community_partner_list(self):
        return [line.strip() for line in self.community_partners.splitlines() if line.strip()]

    @property
    def lead_display(self):
        parts = [str(self.get_lead_display())] if self.lead else []
        if self.lead_name:
            parts.append(self.lead_name)
        if self.lead_portfolio:
            parts.append(f"({self.lead_portfolio})")
        return " ".join(parts)


class StatusChange(models.Model):
    """The history of a partnership: each status change (who, when, from, to, why) and the other
    recorded changes (created, edited, transformed, phase-out plan, activities)."""

    class Event(models.TextChoices):
        CREATED = "created", _("Partnership registered")
        UPDATED = "updated", _("Details changed")
        STATUS = "status", _("Status changed")
        TRANSFORMED = "transformed", _("Transformed into a project-based cooperation")
        TRANSFORMED_FROM = "transformed_from", _("Started as the continuation of a city link")
        STEP_ADDED = "step_added", _("Phase-out step planned")
        STEP_DONE = "step_done", _("Phase-out step done")
        ACTIVITY = "activity", _("Activity logged")
        DOCUMENT = "document", _("Document added")

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="history"
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices, default=Event.STATUS)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Partnership.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Partnership.Status.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=500,
        blank=True,
        help_text=_("The council decision or college decision this rests on: a reference or a web address."),
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.partnership}: {self.get_event_display()}"

    # The timeline include expects these names.
    @property
    def actor_display(self):
        if self.actor is not None:
            return self.actor.get_full_name() or self.actor_label
        return self.actor_label

    @property
    def title(self):
        label = self.get_event_display()
        return f"{label}: {self.detail}" if self.detail else label

    @property
    def from_label(self):
        return self.get_from_status_display() if self.from_status else ""

    @property
    def to_label(self):
        return self.get_to_status_display() if self.to_status else ""

    @property
    def decision_is_url(self):
        return self.decision_reference.startswith(("https://", "http://"))


class PhaseOutStep(models.Model):
    """One step of the plan to phase out a city link (inform the partner city, a closing event, ...)."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="phase_out_steps"
    )
    title = models.CharField(_("step"), max_length=200)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ticked off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["position", "due_on", "id"]
        verbose_name = _("phase-out step")
        verbose_name_plural = _("phase-out steps")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="phase_out_step_unique_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.done_on is not None


class ActivityQuerySet(models.QuerySet):
    def with_documents(self):
        return self.prefetch_related("documents")


class Activity(models.Model):
    """Something that happened within a partnership: a visit, a meeting, a school exchange, ..."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        SCHOOL_EXCHANGE = "school_exchange", _("School exchange")
        TRADE_MISSION = "trade_mission", _("Trade mission")
        LETTER = "letter", _("Letter")

    # PROTECT: an activity may carry costs (and later a grant), so it never disappears with its partnership.
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    costs = models.DecimalField(_("costs (euro)"), max_digits=12, decimal_places=2, default=0)
    description = models.TextField(_("description"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(costs__gte=0), name="activity_costs_not_negative"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


def activity_document_path(instance, filename):
    # A name the server makes; the uploader's file name only lends its (validated) extension.
    suffix = Path(filename).suffix.lower()
    return f"partnerships/activities/{instance.activity_id}/{uuid.uuid4().hex}{suffix if suffix.isascii() else ''}"


class ActivityDocument(models.Model):
    """A file attached to an activity (minutes, letter, report). Stored under MEDIA_ROOT and served
    only through a view: to everyone when marked public, otherwise to civil servants only."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=activity_document_path, max_length=300)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public documents can be downloaded by anyone from the public page.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("activity document")
        verbose_name_plural = _("activity documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:document", args=[self.pk])

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]
