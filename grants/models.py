"""Grants (subsidies) under the Awb: yearly budgets with a ceiling, applications, their history.

Every state change lives in `grants/services.py`; the models hold data, named QuerySet methods and
small derived properties.
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velsen_intl.pillars import Pillar

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}


def default_ceiling():
    return Decimal(settings.GRANT_DEFAULT_CEILING)


class BudgetQuerySet(models.QuerySet):
    def with_position(self, *, completed_before=None):
        """Annotate `committed` and (optionally) `earlier_waiting`, the open applications of the
        year that became complete before a moment: what a civil servant sees beside one
        application, in one query."""
        money = models.DecimalField(**MONEY)
        per_year = Application.objects.filter(year=models.OuterRef("year")).order_by().values("year")
        committed = per_year.annotate(total=committed_sum()).values("total")[:1]
        queryset = self.annotate(
            committed=Coalesce(models.Subquery(committed, output_field=money), ZERO, output_field=money)
        )
        if completed_before is not None:
            waiting = (
                per_year.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW], completed_at__lt=completed_before)
                .annotate(n=models.Count("pk"))
                .values("n")[:1]
            )
            queryset = queryset.annotate(
                earlier_waiting=Coalesce(models.Subquery(waiting, output_field=models.IntegerField()), 0)
            )
        return queryset


class Budget(models.Model):
    """The grant budget of one calendar year. The ceiling (subsidieplafond, Awb 4:25) is changed only
    through `services.set_budget_ceiling`, which records the reason."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    ceiling = models.DecimalField(_("ceiling"), **MONEY, default=default_ceiling)
    objects = BudgetQuerySet.as_manager()
    division_method = models.TextField(
        _("division method"),
        default=_(
            "First come, first served: applications are decided in the order in which they became complete (Awb 4:26)."
        ),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [models.CheckConstraint(condition=Q(ceiling__gte=0), name="grants_budget_ceiling_not_negative")]

    def __str__(self):
        return f"{self.year}"

    @property
    def available(self):
        """Ceiling minus committed; needs the `committed` annotation of `with_position()`."""
        return self.ceiling - self.committed


class CeilingChange(models.Model):
    """One change of a year's ceiling: by an administrator or through a council decision."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), related_name="ceiling_changes", on_delete=models.PROTECT
    )
    old_ceiling = models.DecimalField(_("old ceiling"), **MONEY)
    new_ceiling = models.DecimalField(_("new ceiling"), **MONEY)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # The council app sits above grants and calls down; we store its decision by id and label only.
    decided_by_question_id = models.PositiveIntegerField(_("council question (id)"), null=True, blank=True)
    decided_by_label = models.CharField(_("council decision"), max_length=300, blank=True)
    at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("ceiling change")
        verbose_name_plural = _("ceiling changes")
        constraints = [
            models.CheckConstraint(condition=Q(new_ceiling__gte=0), name="grants_ceilingchange_not_negative")
        ]

    def __str__(self):
        return f"{self.budget.year}: {self.old_ceiling} → {self.new_ceiling}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    IN_REVIEW = "in_review", _("In review")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    ACCOUNT_SUBMITTED = "account_submitted", _("Account submitted")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SET_ASIDE = "set_aside", _("Set aside")


# States in which the municipality still has to decide (the decision term runs or is suspended).
OPEN_STATES = frozenset({Status.SUBMITTED, Status.INFORMATION_REQUESTED, Status.IN_REVIEW})
# States whose money counts against the year's ceiling.
COMMITTED_STATES = frozenset({Status.GRANTED, Status.ACCOUNT_SUBMITTED, Status.SETTLED})
# States in which the applicant may still withdraw (before a decision).
WITHDRAWABLE_STATES = frozenset({Status.DRAFT, *OPEN_STATES})
DECIDED_STATES = frozenset({Status.GRANTED, Status.REFUSED, Status.ACCOUNT_SUBMITTED, Status.SETTLED})


def committed_sum():
    """Sum of what counts against the ceiling: granted amounts, settled ones at their final amount."""
    money = models.DecimalField(**MONEY)
    amount = models.Case(
        models.When(status=Status.SETTLED, then="settled_amount"),
        models.When(status__in=[Status.GRANTED, Status.ACCOUNT_SUBMITTED], then="granted_amount"),
        default=models.Value(ZERO),
        output_field=money,
    )
    return Coalesce(Sum(amount), ZERO, output_field=money)


class ApplicationQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(applicant=user)

    def submitted(self):
        return self.exclude(status=Status.DRAFT)

    def in_year(self, year):
        return self.filter(year=year)

    def open(self):
        return self.filter(status__in=OPEN_STATES)

    def committed(self):
        return self.filter(status__in=COMMITTED_STATES)

    def granted_in(self, year):
        return self.committed().filter(year=year)

    def public(self):
        """What the public may see: awarded grants (never drafts or applications under review)."""
        return self.committed()

    def overdue(self, today=None):
        """Open applications whose decision term has passed (a suspended term is not overdue)."""
        today = today or timezone.localdate()
        return self.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW], decision_due__lt=today)

    def committed_total(self):
        """The sum that counts against the ceiling: granted amounts, settled ones at their final amount."""
        return self.aggregate(total=committed_sum())["total"]

    def in_queue_order(self):
        """First come, first served by the date the application became complete (Awb 4:26)."""
        return self.order_by(models.F("completed_at").asc(nulls_last=True), "received_at", "pk")


class Application(models.Model):
    """An application for a grant from the Velsen Internationaal budget."""

    class ApplicantKind(models.TextChoices):
        PERSON = "person", _("A private person")
        ORGANISATION = "organisation", _("An organisation")

    class Recommendation(models.TextChoices):
        NONE = "", _("No recommendation yet")
        GRANT = "grant", _("Grant")
        REFUSE = "refuse", _("Refuse")

    # System fields
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        related_name="grant_applications",
        on_delete=models.PROTECT,
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)
    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4, editable=False)
    year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True, db_index=True)
    sequence = models.PositiveIntegerField(_("sequence number"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    completed_at = models.DateTimeField(
        _("complete since"), null=True, blank=True, help_text=_("Decides the order of first come, first served.")
    )
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    deadline_extended = models.BooleanField(_("decision term extended"), default=False)
    information_requested_at = models.DateTimeField(_("information requested at"), null=True, blank=True)
    information_request = models.TextField(_("information requested"), blank=True)
    information_due = models.DateField(
        _("answer due"),
        null=True,
        blank=True,
        help_text=_("After this date the application may be set aside (Awb 4:5)."),
    )

    # The applicant
    applicant_kind = models.CharField(
        _("who applies"), max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    contact_name = models.CharField(_("name of the applicant or contact person"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)

    # The project
    title = models.CharField(_("title of the activity"), max_length=200, blank=True)
    pillar = models.CharField(_("pillar"), max_length=1, choices=Pillar.choices, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership served"),
        null=True,
        blank=True,
        related_name="grant_applications",
        on_delete=models.SET_NULL,
    )
    goals = models.ManyToManyField(
        "global_goals.Goal", verbose_name=_("Global Goals served"), blank=True, related_name="grant_applications"
    )
    activity_plan = models.TextField(_("activity plan"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    other_funding = models.DecimalField(_("other funding"), **MONEY, default=ZERO)
    other_funding_description = models.TextField(_("other funding: from whom"), blank=True)
    requested_amount = models.DecimalField(_("amount requested"), **MONEY, null=True, blank=True)

    # Review and decision
    recommendation = models.CharField(
        _("reviewer's recommendation"), max_length=10, choices=Recommendation.choices, default="", blank=True
    )
    recommended_amount = models.DecimalField(_("recommended amount"), **MONEY, null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    granted_amount = models.DecimalField(_("granted amount"), **MONEY, null=True, blank=True)
    decision_motivation = models.TextField(_("motivation"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    out_of_order_reason = models.TextField(_("reason for deciding out of order"), blank=True)
    decision_sent_at = models.DateTimeField(_("decision sent at"), null=True, blank=True)
    account_due = models.DateField(_("account due"), null=True, blank=True)

    # Account (verantwoording) and settlement (vaststelling)
    account_report = models.TextField(_("what was done"), blank=True)
    actual_costs = models.DecimalField(_("actual costs"), **MONEY, null=True, blank=True)
    account_submitted_at = models.DateTimeField(_("account submitted at"), null=True, blank=True)
    settled_amount = models.DecimalField(_("settled amount"), **MONEY, null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settlement_motivation = models.TextField(_("settlement motivation"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="grants_application_unique_sequence"),
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gt=0),
                name="grants_application_requested_positive",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gt=0),
                name="grants_application_granted_positive",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__lte=models.F("requested_amount")),
                name="grants_application_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=Q(settled_amount__isnull=True)
                | (Q(settled_amount__gte=0) & Q(settled_amount__lte=models.F("granted_amount"))),
                name="grants_application_settled_within_granted",
            ),
            models.CheckConstraint(condition=Q(other_funding__gte=0), name="grants_application_other_funding"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="grants_application_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('draft')}: {self.title or _('(untitled)')}"

    def get_absolute_url(self):
        return reverse("grants:detail", args=[self.pk])

    def get_staff_url(self):
        return reverse("grants:staff_detail", args=[self.pk])

    @property
    def applicant_display(self):
        if self.applicant_kind == self.ApplicantKind.ORGANISATION:
            return self.organisation_name
        return self.contact_name

    @property
    def public_recipient(self):
        """What may be published (Woo): an organisation's name, never a private person's."""
        if self.applicant_kind == self.ApplicantKind.ORGANISATION:
            return self.organisation_name
        return None

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def is_open(self):
        return self.status in OPEN_STATES

    @property
    def is_decided(self):
        return self.status in DECIDED_STATES

    @property
    def is_withdrawable(self):
        return self.status in WITHDRAWABLE_STATES

    @property
    def is_suspended(self):
        return self.status == Status.INFORMATION_REQUESTED

    @property
    def committed_amount(self):
        if self.status == Status.SETTLED:
            return self.settled_amount
        if self.status in COMMITTED_STATES:
            return self.granted_amount
        return ZERO

    def days_left(self, today=None):
        """Days until the decision is due; None when no term runs (draft, decided, suspended)."""
        if self.decision_due is None or self.status not in (Status.SUBMITTED, Status.IN_REVIEW):
            return None
        return (self.decision_due - (today or timezone.localdate())).days

    def is_overdue(self, today=None):
        days = self.days_left(today)
        return days is not None and days < 0

    def total_costs(self):
        """Sum of the cost lines (uses the prefetched lines when present)."""
        return sum((line.amount for line in self.cost_lines.all()), ZERO)

    def objection_deadline(self):
        """Objection within 6 weeks from the day after the decision was sent (Awb 6:7, 6:8)."""
        if self.decision_sent_at is None:
            return None
        return timezone.localdate(self.decision_sent_at) + datetime.timedelta(weeks=6)


class CostLine(models.Model):
    """One line of the budget of the activity."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), related_name="cost_lines", on_delete=models.PROTECT
    )
    description = models.CharField(_("cost item"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="grants_costline_amount_positive")]

    def __str__(self):
        return f"{self.description}: {self.amount}"


def attachment_path(instance, filename):
    # Random names: the original name is kept in the database only, never in the path.
    return f"grants/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file sent with an application, stored under MEDIA_ROOT and served only through the
    permission-checked download view."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("With the application")
        INFORMATION = "information", _("Additional information")
        ACCOUNT = "account", _("With the account")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), related_name="attachments", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.APPLICATION)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("grants:attachment", args=[self.application_id, self.pk])


class ApplicationEvent(models.Model):
    """The history of an application: who did what, when, from which state to which, and why."""

    class Action(models.TextChoices):
        CREATED = "created", _("Draft saved")
        SUBMITTED = "submitted", _("Application submitted")
        INFORMATION_REQUESTED = "information_requested", _("More information requested")
        INFORMATION_PROVIDED = "information_provided", _("Information provided")
        REVIEW_STARTED = "review_started", _("Review started")
        RECOMMENDED = "recommended", _("Recommendation recorded")
        DEADLINE_EXTENDED = "deadline_extended", _("Decision term extended")
        GRANTED = "granted", _("Grant awarded")
        REFUSED = "refused", _("Grant refused")
        WITHDRAWN = "withdrawn", _("Application withdrawn")
        SET_ASIDE = "set_aside", _("Application set aside")
        ACCOUNT_SUBMITTED = "account_submitted", _("Account submitted")
        SETTLED = "settled", _("Grant settled")
        CONFLICT_DECLARED = "conflict_declared", _("Conflict of interest declared")
        NOTE_ADDED = "note_added", _("Internal note")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), related_name="events", on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=Status.choices, blank=True)
    reason = models.TextField(_("why"), blank=True)
    visible_to_applicant = models.BooleanField(_("shown to the applicant"), default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    @property
    def title(self):
        return self.get_action_display()

    @property
    def from_label(self):
        return self.get_from_status_display() if self.from_status else ""

    @property
    def to_label(self):
        return self.get_to_status_display() if self.to_status else ""

    @property
    def actor_display(self):
        if self.actor is None:
            return ""
        return str(self.actor)


class InternalNote(models.Model):
    """A note by staff on an application; never shown to the applicant."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), related_name="notes", on_delete=models.PROTECT
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class ConflictOfInterest(models.Model):
    """A civil servant's declaration that they have an interest in an application: they may not decide it."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), related_name="conflicts", on_delete=models.PROTECT
    )
    civil_servant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("civil servant"), related_name="+", on_delete=models.PROTECT
    )
    reason = models.TextField(_("nature of the interest"))
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        ordering = ["declared_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["application", "civil_servant"], name="grants_conflict_once_per_servant")
        ]

    def __str__(self):
        return f"{self.civil_servant} – {self.application}"
