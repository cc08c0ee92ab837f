from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
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


# --- What Velsen contributes to the goals -------------------------------------------------------


class ContributionQuerySet(models.QuerySet):
    def focus(self):
        return self.filter(kind=Contribution.Kind.FOCUS)

    def base_level(self):
        return self.filter(kind=Contribution.Kind.BASE_LEVEL)

    def current(self, on=None):
        """Contributions running on `on` (today by default): started and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(period_start__lte=on).filter(
            models.Q(period_end__isnull=True) | models.Q(period_end__gte=on)
        )

    def with_indicators(self):
        """Indicators and their measurements in two extra queries (newest measurement first)."""
        return self.prefetch_related(
            models.Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    models.Prefetch("measurements", queryset=IndicatorMeasurement.objects.order_by("-measured_on"))
                ),
            )
        )


class Contribution(models.Model):
    """Something the municipality does for one Global Goal: from regular policy (the base level)
    or as its active focus (goal 14, KIMO)."""

    class Kind(models.TextChoices):
        BASE_LEVEL = "base_level", _("Base level (regular policy)")
        FOCUS = "focus", _("Active focus")

    goal = models.ForeignKey(
        Goal, verbose_name=_("Global Goal"), on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BASE_LEVEL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.CharField(_("department"), max_length=150, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, help_text=_("Optional.")
    )
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["goal_id", "-kind", "title"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="contribution_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True) | models.Q(period_end__gte=models.F("period_start")),
                name="contribution_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("global_goals:manage_contribution", args=[self.pk])


class Indicator(models.Model):
    """A measurable result of a contribution: a number with a unit, a baseline and a target."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("What is counted, e.g. “schools reached”."))
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. “t”, “kg”, “schools”."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["contribution_id", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "name"], name="indicator_unique_name_per_contribution"),
            models.CheckConstraint(condition=models.Q(target__gt=0), name="indicator_target_positive"),
            models.CheckConstraint(condition=models.Q(baseline__gte=0), name="indicator_baseline_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    @property
    def latest_measurement(self):
        """The newest measurement; uses the prefetched list when there is one (no extra query)."""
        measurements = list(self.measurements.all())
        if not measurements:
            return None
        return max(measurements, key=lambda m: (m.measured_on, m.pk))

    @property
    def current_value(self):
        latest = self.latest_measurement
        return latest.value if latest is not None else self.baseline


class IndicatorMeasurement(models.Model):
    """The value of an indicator on a date (one per date; recording the date again corrects it)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator_id", "-measured_on"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="measurement_unique_per_date"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="measurement_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"


# --- KIMO and other networks ---------------------------------------------------------------------


class Network(models.Model):
    """An organisation or network Velsen is a member of, such as KIMO."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    founded = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    country_count = models.PositiveSmallIntegerField(_("number of countries"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    velsen_member_since = models.DateField(_("Velsen member since"), null=True, blank=True)
    velsen_membership = models.TextField(
        _("Velsen's membership and role"), blank=True, help_text=_("In words; dated roles are kept separately.")
    )
    goals = models.ManyToManyField(Goal, verbose_name=_("Global Goals served"), related_name="networks", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.short_name or self.name


class NetworkRoleQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(since__lte=on).filter(models.Q(until__isnull=True) | models.Q(until__gte=on))


class NetworkRole(models.Model):
    """A dated role Velsen (or one of its office holders) holds in a network: chairs and seats change."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        BOARD_MEMBER = "board_member", _("Board member")
        HOST = "host", _("Host")
        MEMBER = "member", _("Member")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    body = models.CharField(
        _("body"), max_length=200, blank=True, help_text=_("E.g. “KIMO Nederland & België” or “international board”.")
    )
    holder = models.CharField(_("held by"), max_length=200, help_text=_("E.g. “Alderman of Velsen”."))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    objects = NetworkRoleQuerySet.as_manager()

    class Meta:
        ordering = ["network_id", "since"]
        verbose_name = _("role in a network")
        verbose_name_plural = _("roles in networks")
        constraints = [
            models.UniqueConstraint(fields=["network", "kind", "body", "since"], name="networkrole_unique_start"),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="networkrole_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.body}".strip()


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date")

    def past(self, today=None):
        return self.filter(date__lt=today or timezone.localdate()).order_by("-date")


class Meeting(models.Model):
    """A meeting of a network: where and when, whether Velsen hosts it, topic, minutes, attendees."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    hosted_by_velsen = models.BooleanField(_("hosted by Velsen"), default=False)
    topic = models.CharField(_("topic"), max_length=300)
    attendees = models.TextField(_("attendees"), blank=True, help_text=_("Organisations or people present."))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_url = models.URLField(_("link to the minutes document"), blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["network", "date", "topic"], name="meeting_unique_date_topic"),
        ]

    def __str__(self):
        return f"{self.network} {self.date:%Y-%m-%d}: {self.topic}"


class Action(models.Model):
    """A running action of a network, such as Fishing for Litter, with results per year."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="actions")
    goal = models.ForeignKey(
        Goal, verbose_name=_("Global Goal"), on_delete=models.PROTECT, related_name="network_actions", default=14
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    since_year = models.PositiveSmallIntegerField(_("in the Netherlands since (year)"), null=True, blank=True)
    result_unit = models.CharField(_("unit of the result"), max_length=40, default="t", help_text=_("E.g. “t”."))
    result_label = models.CharField(
        _("what the result counts"), max_length=200, blank=True, help_text=_("E.g. “litter landed”.")
    )
    participant_label = models.CharField(
        _("what the participants are"), max_length=100, blank=True, help_text=_("E.g. “vessels”.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.name

    @property
    def max_quantity(self):
        """The best year's result (the scale of the bars); uses the prefetched results."""
        return max((result.quantity for result in self.results.all()), default=0) or 1


class ActionResult(models.Model):
    """The result of an action in one year (e.g. 558 t of litter landed by 137 vessels in 2019)."""

    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("year"))
    quantity = models.DecimalField(_("result"), max_digits=14, decimal_places=2)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["action_id", "year"]
        verbose_name = _("result per year")
        verbose_name_plural = _("results per year")
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="actionresult_unique_year"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="actionresult_quantity_not_negative"),
            models.CheckConstraint(condition=models.Q(year__gte=1900), name="actionresult_year_plausible"),
        ]

    def __str__(self):
        return f"{self.action} {self.year}: {self.quantity}"


# --- The "Global Goals gemeente" label -----------------------------------------------------------


class Label(models.Model):
    """A label the municipality may carry, such as "Global Goals gemeente" (VNG campaign), and where
    its adoption stands. Changed only through `services.change_label_status`."""

    class Status(models.TextChoices):
        CONSIDERED = "considered", _("Being considered")
        PROPOSED = "proposed", _("Proposed to the council")
        ADOPTED = "adopted", _("Adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    campaign_url = models.URLField(_("campaign website"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONSIDERED)
    status_since = models.DateField(_("status since"), default=timezone.localdate)
    # The council app sits above this one, so the decision is kept as a reference, not a key.
    council_decision = models.CharField(_("council decision"), max_length=300, blank=True)
    council_decision_url = models.URLField(_("link to the council decision"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")

    def __str__(self):
        return self.name


# --- History -------------------------------------------------------------------------------------


class HistoryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).select_related(
            "actor"
        )


class HistoryEvent(models.Model):
    """Who changed what in this app, when, from what to what, and why (shown as a timeline)."""

    class Action(models.TextChoices):
        CREATED = "created", _("Recorded")
        CHANGED = "changed", _("Changed")
        STATUS_CHANGED = "status_changed", _("Status changed")
        MEASURED = "measured", _("Measurement recorded")
        RESULT_RECORDED = "result_recorded", _("Result recorded")
        INDICATOR_ADDED = "indicator_added", _("Indicator added")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("what happened"), max_length=30, choices=Action.choices)
    from_value = models.CharField(_("from"), max_length=300, blank=True)
    to_value = models.CharField(_("to"), max_length=300, blank=True)
    reason = models.TextField(_("why"), blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("history event")
        verbose_name_plural = _("history events")
        indexes = [models.Index(fields=["content_type", "object_id"], name="goals_history_object_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"

    # What includes/timeline.html reads.
    @property
    def actor_display(self):
        if self.actor is not None:
            return str(self.actor)
        return self.actor_label

    @property
    def title(self):
        label = self.get_action_display()
        if self.action == self.Action.CHANGED and self.changes:
            return f"{label} ({', '.join(self._field_label(name) for name in sorted(self.changes))})"
        if self.action in (self.Action.MEASURED, self.Action.RESULT_RECORDED, self.Action.INDICATOR_ADDED):
            detail = self.changes.get("detail", "")
            return f"{label}: {detail}" if detail else label
        return label

    @property
    def from_label(self):
        return self._status_label(self.from_value)

    @property
    def to_label(self):
        return self._status_label(self.to_value)

    def _field_label(self, name):
        """The changed field's verbose name in the current language (`prefix: field` for indicators)."""
        prefix, _sep, field_name = name.rpartition(": ")
        model = Indicator if prefix else ContentType.objects.get_for_id(self.content_type_id).model_class()
        try:
            verbose = str(model._meta.get_field(field_name).verbose_name)
        except (FieldDoesNotExist, AttributeError):  # a field or model that no longer exists keeps its name
            verbose = field_name
        return f"{prefix}: {verbose}" if prefix else verbose

    def _status_label(self, value):
        if self.action == self.Action.STATUS_CHANGED and value in Label.Status.values:
            return Label.Status(value).label
        return value
