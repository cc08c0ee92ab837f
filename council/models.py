"""Council questions: the college puts a dilemma and options to the council, members deliberate and vote.

States live in `Question.Status`; every change goes through `council.services`, which records a
`QuestionStatusChange` and an audit event. Tallies are computed by `council.services.results`,
which refuses to count before voting has closed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class Topic(models.TextChoices):
    """The pillar a question belongs to, or the finances."""

    PILLAR_A = "A", _("A. Project-based international cooperation")
    PILLAR_B = "B", _("B. Symbolic city links")
    PILLAR_C = "C", _("C. World and society")
    PILLAR_D = "D", _("D. Europe strategy")
    FINANCES = "finances", _("Finances")


class QuestionQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: everything but drafts."""
        return self.exclude(status=Question.Status.DRAFT)

    def listed_publicly(self):
        return self.exclude(status__in=[Question.Status.DRAFT, Question.Status.WITHDRAWN])

    def open_for_voting(self):
        return self.filter(status=Question.Status.VOTING_OPEN)

    def voting_due_to_close(self, now=None):
        return self.open_for_voting().filter(voting_ends_at__lte=now or timezone.now())

    def closing_within(self, hours, now=None):
        now = now or timezone.now()
        return self.open_for_voting().filter(
            voting_ends_at__gt=now, voting_ends_at__lte=now + timezone.timedelta(hours=hours)
        )


class Question(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        VOTING_OPEN = "voting_open", _("Voting open")
        VOTING_CLOSED = "voting_closed", _("Voting closed")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Council members may read, discuss and declare interest from publication until the decision.
    STATUSES_FOR_DELIBERATION = (Status.PUBLISHED, Status.VOTING_OPEN, Status.VOTING_CLOSED)
    # Counting is only done, and only shown, once the ballot box is shut.
    STATUSES_WITH_RESULTS = (Status.VOTING_CLOSED, Status.DECIDED)
    STATUSES_EDITABLE = (Status.DRAFT, Status.PUBLISHED)

    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("pillar or topic"), max_length=10, choices=Topic.choices)
    context = models.TextField(_("context"), help_text=_("Background the council needs to answer the question."))
    dilemma = models.TextField(_("dilemma"))
    question_text = models.TextField(_("question to the council"))
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_questions",
    )
    goal = models.ForeignKey(
        "global_goals.Goal",
        verbose_name=_("Global Goal concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_questions",
    )
    budget_year = models.PositiveSmallIntegerField(
        _("budget year concerned"),
        null=True,
        blank=True,
        help_text=_("The calendar year whose grant ceiling an option may change."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    voting_starts_at = models.DateTimeField(_("voting opens at"), null=True, blank=True)
    voting_ends_at = models.DateTimeField(_("voting closes at"), null=True, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum: more than this percentage of the council must vote"),
        default=50,
        help_text=_("Default 50: more than half of the council members must cast a vote (abstaining counts)."),
    )
    majority_percent = models.PositiveSmallIntegerField(
        _("majority: an option needs more than this percentage of the votes for options"),
        default=50,
        help_text=_("Default 50: more than half of the votes cast for options; abstentions are not counted."),
    )
    council_size = models.PositiveSmallIntegerField(
        _("number of council members"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the number of active council members in the portal."),
    )
    council_size_at_close = models.PositiveSmallIntegerField(
        _("council size when voting closed"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    idempotency_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("council question")
        verbose_name_plural = _("council questions")
        constraints = [
            models.CheckConstraint(condition=Q(quorum_percent__lt=100), name="council_question_quorum_below_100"),
            models.CheckConstraint(condition=Q(majority_percent__lt=100), name="council_question_majority_below_100"),
            models.CheckConstraint(
                condition=Q(voting_ends_at__isnull=True)
                | Q(voting_starts_at__isnull=True)
                | Q(voting_ends_at__gt=models.F("voting_starts_at")),
                name="council_question_window_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("council:question_detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def results_available(self):
        return self.status in self.STATUSES_WITH_RESULTS

    @property
    def is_editable(self):
        return self.status in self.STATUSES_EDITABLE

    def voting_window_contains(self, moment=None):
        moment = moment or timezone.now()
        return (
            self.status == self.Status.VOTING_OPEN
            and self.voting_starts_at is not None
            and self.voting_ends_at is not None
            and self.voting_starts_at <= moment < self.voting_ends_at
        )

    @property
    def is_accepting_votes(self):
        return self.voting_window_contains()


class QuestionDocument(models.Model):
    """A document the council can read with the question (a link to the published file)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)

    class Meta:
        ordering = ["id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class Option(models.Model):
    class PartnershipEffect(models.TextChoices):
        NONE = "none", _("No effect on a city link")
        END = "end", _("Phases out and ends the city link(s)")
        TRANSFORM = "transform", _("Transforms the city link(s) into project-based cooperation")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    pros = models.TextField(_("pros"), blank=True)
    cons = models.TextField(_("cons"), blank=True)
    money_per_year = models.DecimalField(
        _("money per year (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("What the option costs a year."),
    )
    fte = models.DecimalField(_("staff capacity (FTE)"), max_digits=5, decimal_places=2, default=0)
    new_grant_ceiling = models.DecimalField(
        _("new yearly grant ceiling (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only when the option sets the grant budget of the question's budget year."),
    )
    partnership_effect = models.CharField(
        _("effect on city links"), max_length=10, choices=PartnershipEffect.choices, default=PartnershipEffect.NONE
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("city links affected"),
        blank=True,
        related_name="council_options",
    )
    idempotency_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.CheckConstraint(condition=Q(money_per_year__gte=0), name="council_option_money_not_negative"),
            models.CheckConstraint(condition=Q(fte__gte=0), name="council_option_fte_not_negative"),
            models.CheckConstraint(
                condition=Q(new_grant_ceiling__isnull=True) | Q(new_grant_ceiling__gte=0),
                name="council_option_ceiling_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def has_effects(self):
        return bool(
            self.money_per_year
            or self.fte
            or self.new_grant_ceiling is not None
            or self.partnership_effect != self.PartnershipEffect.NONE
        )


class Argument(models.Model):
    class Stance(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="arguments")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="arguments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("council member"), on_delete=models.PROTECT, related_name="+"
    )
    stance = models.CharField(_("for or against"), max_length=10, choices=Stance.choices)
    text = models.TextField(_("argument"))
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    idempotency_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")

    def __str__(self):
        return f"{self.member} ({self.get_stance_display()}): {self.text[:50]}"


class VoteQuerySet(models.QuerySet):
    def countable(self):
        """Votes whose question has closed: the only ones any listing may show or count by option."""
        return self.filter(question__status__in=Question.STATUSES_WITH_RESULTS)


class Vote(models.Model):
    """One council member's current vote on one question. `option` empty means abstain."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("council member"), on_delete=models.PROTECT, related_name="+"
    )
    option = models.ForeignKey(
        Option, verbose_name=_("option"), null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    cast_at = models.DateTimeField(_("first cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed at"), default=timezone.now)

    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["question", "member__full_name", "member__email"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["member", "question"], name="council_vote_one_per_member")]

    def __str__(self):
        return f"{self.member}: {self.choice_label}"

    @property
    def is_abstention(self):
        return self.option_id is None

    @property
    def choice_label(self):
        return self.option.title if self.option_id else str(_("Abstain"))


class VoteChange(models.Model):
    """Every cast and every change of a vote, in order."""

    class Kind(models.TextChoices):
        CAST = "cast", _("Vote cast")
        CHANGE = "change", _("Vote changed")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    from_option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("vote change")
        verbose_name_plural = _("vote changes")

    def __str__(self):
        return f"{self.vote.member} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class InterestDeclaration(models.Model):
    """A council member with a personal interest in the question; they do not vote on it."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="interest_declarations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("council member"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("the interest"))
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["declared_at", "id"]
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        constraints = [models.UniqueConstraint(fields=["member", "question"], name="council_interest_one_per_member")]

    def __str__(self):
        return f"{self.member}: {self.question}"


class QuestionStatusChange(models.Model):
    """The question's history: who moved it from which state to which, when and why."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=Question.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Question.Status.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.question}: {self.from_status} → {self.to_status}"

    # The shape includes/timeline.html expects.
    @property
    def actor_display(self):
        return str(self.actor) if self.actor_id else _("the portal (automatic)")

    @property
    def title(self):
        return _("Status changed") if self.from_status else _("Created")

    @property
    def from_label(self):
        return self.get_from_status_display() if self.from_status else ""

    @property
    def to_label(self):
        return self.get_to_status_display()


class Decision(models.Model):
    """The outcome recorded after voting: the chosen option(s) and the decision text."""

    question = models.OneToOneField(Question, on_delete=models.PROTECT, related_name="decision")
    chosen_options = models.ManyToManyField(Option, verbose_name=_("chosen options"), related_name="decisions")
    text = models.TextField(_("decision"))
    decided_on = models.DateField(_("date of the decision"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.question}: {self.decided_on}"


class AppliedConsequence(models.Model):
    """What a decision changed elsewhere (a grant ceiling, a city link), kept on the council side
    so the question can show it and the lower apps need not know about council."""

    class Kind(models.TextChoices):
        GRANT_CEILING = "grant_ceiling", _("New yearly grant ceiling")
        END_LINK = "end_link", _("City link phased out and ended")
        TRANSFORM_LINK = "transform_link", _("City link transformed into project-based cooperation")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="consequences")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    ceiling = models.DecimalField(_("ceiling (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partnership_status = models.CharField(_("the link's new status"), max_length=20, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("applied consequence")
        verbose_name_plural = _("applied consequences")
        constraints = [
            models.CheckConstraint(
                condition=Q(ceiling__isnull=True) | Q(ceiling__gte=0), name="council_consequence_ceiling_not_negative"
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def partnership_status_label(self):
        from partnerships.models import Partnership

        try:
            return Partnership.Status(self.partnership_status).label
        except ValueError:
            return self.partnership_status


class FormalDecision(models.Model):
    """The council meeting's formal decision, recorded by a civil servant, with the minutes."""

    question = models.OneToOneField(Question, on_delete=models.PROTECT, related_name="formal_decision")
    meeting_date = models.DateField(_("date of the council meeting"))
    minutes_url = models.URLField(_("link to the minutes"), max_length=500)
    summary = models.TextField(_("what the council decided"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("formal decision")
        verbose_name_plural = _("formal decisions")

    def __str__(self):
        return f"{self.question}: {self.meeting_date}"


class VoteReminder(models.Model):
    """One reminder per member per question; the unique constraint makes the command idempotent."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reminders")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote reminder")
        verbose_name_plural = _("vote reminders")
        constraints = [models.UniqueConstraint(fields=["member", "question"], name="council_reminder_once")]

    def __str__(self):
        return f"{self.member}: {self.question}"


def council_members():
    """Active users in the council member group."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.with_role(Role.COUNCIL_MEMBER).order_by("full_name", "email")
