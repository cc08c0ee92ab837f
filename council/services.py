"""Every state change of a council question, the voting rules and the result rules.

Services never take the request: views pass the actor and the client's IP. A change the state
does not allow raises `TransitionError` (or `VotingError`) with a translated reason.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from council.models import (
    AppliedConsequence,
    Argument,
    Decision,
    FormalDecision,
    InterestDeclaration,
    Option,
    Question,
    QuestionStatusChange,
    Vote,
    VoteChange,
    VoteReminder,
    council_members,
)

logger = logging.getLogger(__name__)
Status = Question.Status


class TransitionError(Exception):
    """A state change the question's current state does not allow."""


class VotingError(TransitionError):
    """A vote, argument or declaration that the rules refuse."""


class ResultsHidden(Exception):
    """Tallies were asked for before voting closed."""


# --- helpers -------------------------------------------------------------------------------------


def _lock(question):
    """Re-read the question under a row lock: every transition and every vote on one question
    is serialised on this row (on SQLite the IMMEDIATE transaction serialises anyway)."""
    return Question.objects.select_for_update().get(pk=question.pk)


def _change_status(question, new_status, *, actor, reason="", ip=None, data=None):
    old_status = question.status
    question.status = new_status
    question.save()
    QuestionStatusChange.objects.create(
        question=question, actor=actor, from_status=old_status, to_status=new_status, reason=reason
    )
    record(
        actor=actor,
        action=f"council.question.{new_status}",
        obj=question,
        ip=ip,
        data={"from": old_status, "to": new_status, "reason": reason, **(data or {})},
    )
    return question


def _require(question, *allowed, action):
    if question.status not in allowed:
        raise TransitionError(
            _("%(action)s is not possible: the question is “%(status)s”.")
            % {"action": action, "status": question.get_status_display()}
        )


def _absolute(path, base_url=None):
    """An absolute link for e-mails: the request's base when a view passes it, otherwise the
    PORTAL_BASE_URL setting (for commands run by a scheduler)."""
    base = base_url if base_url is not None else getattr(settings, "PORTAL_BASE_URL", "")
    return f"{base.rstrip('/')}{path}"


# --- preparing a question ------------------------------------------------------------------------


def create_question(*, actor, ip=None, idempotency_key=None, documents=(), **fields):
    """Create a draft. A double submit with the same key returns the first question."""
    if idempotency_key is not None:
        existing = Question.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            question = Question.objects.create(
                created_by=actor, status=Status.DRAFT, idempotency_key=idempotency_key, **fields
            )
            for title, url in documents:
                question.documents.create(title=title, url=url)
            QuestionStatusChange.objects.create(question=question, actor=actor, to_status=Status.DRAFT)
            record(actor=actor, action="council.question.created", obj=question, ip=ip)
    except IntegrityError:
        if idempotency_key is None:
            raise
        return Question.objects.get(idempotency_key=idempotency_key)
    return question


def update_question(question, *, actor, ip=None, **fields):
    """Edit the text and rules while nobody has voted yet (draft or published)."""
    with transaction.atomic():
        question = _lock(question)
        _require(question, *Question.STATUSES_EDITABLE, action=_("Editing"))
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()
        record(actor=actor, action="council.question.updated", obj=question, ip=ip, data={"fields": sorted(fields)})
    return question


def add_document(question, *, actor, title, url, ip=None):
    with transaction.atomic():
        question = _lock(question)
        _require(question, *Question.STATUSES_EDITABLE, action=_("Adding a document"))
        document = question.documents.create(title=title, url=url)
        record(actor=actor, action="council.document.added", obj=question, ip=ip, data={"title": title})
    return document


def save_option(question, *, actor, option=None, partnerships=None, idempotency_key=None, ip=None, **fields):
    """Add an option (or change one) while the question is still being prepared or discussed."""
    with transaction.atomic():
        question = _lock(question)
        _require(question, *Question.STATUSES_EDITABLE, action=_("Changing the options"))
        if option is None:
            if idempotency_key is not None:
                existing = question.options.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    return existing
            fields.setdefault("position", question.options.count() + 1)
            option = Option(question=question, idempotency_key=idempotency_key)
        elif option.question_id != question.pk:
            raise TransitionError(_("This option belongs to another question."))
        for name, value in fields.items():
            setattr(option, name, value)
        option.save()
        if partnerships is not None:
            option.partnerships.set(partnerships)
        record(actor=actor, action="council.option.saved", obj=question, ip=ip, data={"option": option.pk})
    return option


# --- the lifecycle -------------------------------------------------------------------------------


def publish(question, *, actor, reason="", ip=None):
    """Draft → published: council members and the public can read and discuss it."""
    with transaction.atomic():
        question = _lock(question)
        _require(question, Status.DRAFT, action=_("Publishing"))
        if not question.options.exists():
            raise TransitionError(_("Add at least one option before publishing the question."))
        question.published_at = timezone.now()
        return _change_status(question, Status.PUBLISHED, actor=actor, reason=reason, ip=ip)


def open_voting(question, *, actor, ends_at, starts_at=None, reason="", ip=None, notify=True, base_url=None):
    """Published → voting open between `starts_at` (default now) and `ends_at`; mails the council
    (unless `notify` is false, as for demo data)."""
    starts_at = starts_at or timezone.now()
    with transaction.atomic():
        question = _lock(question)
        _require(question, Status.PUBLISHED, action=_("Opening voting"))
        if question.options.count() < 2:
            raise TransitionError(_("A vote needs at least two options."))
        if ends_at <= timezone.now():
            raise TransitionError(_("The closing time must lie in the future."))
        if ends_at <= starts_at:
            raise TransitionError(_("Voting must close after it opens."))
        question.voting_starts_at = starts_at
        question.voting_ends_at = ends_at
        _change_status(
            question,
            Status.VOTING_OPEN,
            actor=actor,
            reason=reason,
            ip=ip,
            data={"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
        )
        if notify:
            transaction.on_commit(lambda: notify_voting_opened(question, base_url=base_url))
    return question


def close_voting(question, *, actor=None, reason="", ip=None):
    """Voting open → closed; fixes the council size the quorum is measured against.

    A civil servant may close early (e.g. everyone has voted); `close_due_votes` closes the
    questions whose end time has passed, with no actor."""
    with transaction.atomic():
        question = _lock(question)
        _require(question, Status.VOTING_OPEN, action=_("Closing voting"))
        now = timezone.now()
        if question.voting_ends_at and question.voting_ends_at > now:
            question.voting_ends_at = max(now, question.voting_starts_at or now)
            if question.voting_starts_at and question.voting_ends_at <= question.voting_starts_at:
                question.voting_starts_at = question.voting_ends_at - timezone.timedelta(seconds=1)
        question.council_size_at_close = effective_council_size(question)
        return _change_status(question, Status.VOTING_CLOSED, actor=actor, reason=reason, ip=ip)


def close_due_votes(*, now=None, dry_run=False):
    """Close every question whose voting window has ended. Returns the questions (to be) closed."""
    due = list(Question.objects.voting_due_to_close(now))
    if dry_run:
        return due
    closed = []
    for question in due:
        try:
            closed.append(close_voting(question, actor=None, reason=_("The voting period ended.")))
        except TransitionError:
            continue  # closed by someone else in the meantime
    return closed


def withdraw(question, *, actor, reason, ip=None):
    """Any state before the decision → withdrawn. A reason is required."""
    if not reason.strip():
        raise TransitionError(_("Give the reason for withdrawing the question."))
    with transaction.atomic():
        question = _lock(question)
        _require(
            question, Status.DRAFT, Status.PUBLISHED, Status.VOTING_OPEN, Status.VOTING_CLOSED, action=_("Withdrawing")
        )
        return _change_status(question, Status.WITHDRAWN, actor=actor, reason=reason, ip=ip)


def decide(question, *, actor, chosen_options, text, decided_on=None, ip=None):
    """Voting closed → decided: record the chosen option(s) and apply their consequences.

    A new yearly grant ceiling goes to the grants app, an ended or transformed city link to the
    partnerships app, each with the decision as its reason. All or nothing: if one consequence
    is refused, the decision is not recorded."""
    decided_on = decided_on or timezone.localdate()
    chosen_options = list(chosen_options)
    if not chosen_options:
        raise TransitionError(_("Choose at least one option."))
    if not text.strip():
        raise TransitionError(_("Write the decision text."))
    with transaction.atomic():
        question = _lock(question)
        _require(question, Status.VOTING_CLOSED, action=_("Deciding"))
        if any(option.question_id != question.pk for option in chosen_options):
            raise TransitionError(_("The chosen options must belong to this question."))
        ceilings = {o.new_grant_ceiling for o in chosen_options if o.new_grant_ceiling is not None}
        if len(ceilings) > 1:
            raise TransitionError(_("The chosen options set different grant ceilings; choose one of them."))
        if ceilings and question.budget_year is None:
            raise TransitionError(_("Set the question's budget year before deciding on a new grant ceiling."))
        decision = Decision.objects.create(question=question, text=text, decided_on=decided_on, recorded_by=actor)
        decision.chosen_options.set(chosen_options)
        reason = _("Council question “%(title)s”, decided on %(date)s: %(text)s") % {
            "title": question.title,
            "date": decided_on.isoformat(),
            "text": text,
        }
        for option in chosen_options:
            _apply_consequences(question, decision, option, actor=actor, reason=reason)
        _change_status(
            question,
            Status.DECIDED,
            actor=actor,
            reason=text,
            ip=ip,
            data={"options": [o.pk for o in chosen_options], "decided_on": decided_on.isoformat()},
        )
    return decision


def _apply_consequences(question, decision, option, *, actor, reason):
    if option.new_grant_ceiling is not None:
        _apply_ceiling(
            year=question.budget_year, ceiling=option.new_grant_ceiling, actor=actor, reason=reason, question=question
        )
        AppliedConsequence.objects.create(
            decision=decision,
            option=option,
            kind=AppliedConsequence.Kind.GRANT_CEILING,
            year=question.budget_year,
            ceiling=option.new_grant_ceiling,
        )
    if option.partnership_effect == Option.PartnershipEffect.NONE:
        return
    for partnership in option.partnerships.all():
        if option.partnership_effect == Option.PartnershipEffect.END:
            to_status = _end_link(partnership, actor=actor, reason=reason, question=question)
            kind = AppliedConsequence.Kind.END_LINK
        else:
            _transform_link(partnership, actor=actor, reason=reason, question=question)
            to_status, kind = "", AppliedConsequence.Kind.TRANSFORM_LINK
        AppliedConsequence.objects.create(
            decision=decision, option=option, kind=kind, partnership=partnership, partnership_status=to_status or ""
        )


# Adapters to the lower apps. They import at call time so that council works (and its tests run)
# while grants and partnerships are still gaining these services; tests patch these three names.
# A refusal by the lower app (its own TransitionError) becomes council's, with the same reason, so
# the decision page shows it and the whole decision is rolled back.


def _lower_errors(module):
    error = getattr(module, "TransitionError", None)
    return error if isinstance(error, type) and issubclass(error, Exception) else ()


def _apply_ceiling(*, year, ceiling, actor, reason, question):
    from grants import services as grants_services

    if not hasattr(grants_services, "set_budget_ceiling"):
        raise TransitionError(_("The grants budget cannot be changed from here yet."))
    try:
        grants_services.set_budget_ceiling(
            year=year, ceiling=ceiling, actor=actor, reason=reason, decided_by_question=question
        )
    except _lower_errors(grants_services) as error:
        raise TransitionError(str(error)) from error


def _end_link(partnership, *, actor, reason, question):
    """A decision to end a city link starts its phase-out (the farewell; the partnerships app ends
    it when the phase-out plan is done). A link that was only proposed ends at once. Returns the
    status the link moved to."""
    from partnerships import services as partnership_services
    from partnerships.models import Partnership

    if not hasattr(partnership_services, "change_status"):
        raise TransitionError(_("City links cannot be changed from here yet."))
    status = Partnership.Status
    if partnership.status in (status.PHASING_OUT, status.ENDED):
        return partnership.status  # already on its way out: nothing left to change
    target = status.ENDED if partnership.status == status.PROPOSED else status.PHASING_OUT
    try:
        partnership_services.change_status(
            partnership, target, actor=actor, reason=reason, decided_by_question=question
        )
    except _lower_errors(partnership_services) as error:
        raise TransitionError(f"{partnership}: {error}") from error
    return target


def _transform_link(partnership, *, actor, reason, question):
    from partnerships import services as partnership_services

    if not hasattr(partnership_services, "transform_to_project"):
        raise TransitionError(_("City links cannot be changed from here yet."))
    try:
        partnership_services.transform_to_project(partnership, actor=actor, reason=reason, decided_by_question=question)
    except _lower_errors(partnership_services) as error:
        raise TransitionError(f"{partnership}: {error}") from error


def record_formal_decision(question, *, actor, meeting_date, minutes_url, summary="", ip=None):
    """The council meeting's formal decision, after the members' vote was decided."""
    with transaction.atomic():
        question = _lock(question)
        _require(question, Status.DECIDED, action=_("Recording the formal decision"))
        if FormalDecision.objects.filter(question=question).exists():
            raise TransitionError(_("The formal decision has already been recorded."))
        formal = FormalDecision.objects.create(
            question=question, meeting_date=meeting_date, minutes_url=minutes_url, summary=summary, recorded_by=actor
        )
        record(
            actor=actor,
            action="council.formal_decision.recorded",
            obj=question,
            ip=ip,
            data={"meeting_date": meeting_date.isoformat(), "minutes_url": minutes_url},
        )
    return formal


# --- council members: voting, arguments, interest ------------------------------------------------


def effective_council_size(question):
    if question.council_size_at_close is not None:
        return question.council_size_at_close
    if question.council_size is not None:
        return question.council_size
    return council_members().count()


def _require_member(member):
    if member is None or not member.is_authenticated or not member.is_council_member:
        raise VotingError(_("Only council members can do this."))


def cast_vote(question, *, member, option=None, ip=None):
    """Cast or change a member's vote. `option=None` is an abstention.

    One vote per member per question: the question row is locked while the vote is read and
    written, and the unique constraint (member, question) is the final guard."""
    _require_member(member)
    with transaction.atomic():
        question = _lock(question)
        if question.status != Status.VOTING_OPEN:
            raise VotingError(_("Voting on this question is not open."))
        if not question.voting_window_contains(timezone.now()):
            raise VotingError(_("You can only vote between the opening and closing time."))
        if option is not None and option.question_id != question.pk:
            raise VotingError(_("This option belongs to another question."))
        if InterestDeclaration.objects.filter(question=question, member=member).exists():
            raise VotingError(_("You declared a personal interest in this question, so you do not vote on it."))
        now = timezone.now()
        vote, created = Vote.objects.get_or_create(
            question=question, member=member, defaults={"option": option, "cast_at": now, "changed_at": now}
        )
        if created:
            VoteChange.objects.create(vote=vote, kind=VoteChange.Kind.CAST, to_option=option, at=now)
            action = "council.vote.cast"
        elif vote.option_id == (option.pk if option else None):
            return vote  # the same choice again (double submit): nothing changes
        else:
            VoteChange.objects.create(
                vote=vote, kind=VoteChange.Kind.CHANGE, from_option=vote.option, to_option=option, at=now
            )
            vote.option = option
            vote.changed_at = now
            vote.save(update_fields=["option", "changed_at"])
            action = "council.vote.changed"
        record(actor=member, action=action, obj=question, ip=ip, data={"option": option.pk if option else None})
    return vote


def declare_interest(question, *, member, reason, ip=None):
    """A member with a personal interest declares it and does not vote. Before voting only."""
    _require_member(member)
    if not reason.strip():
        raise VotingError(_("Describe the interest."))
    with transaction.atomic():
        question = _lock(question)
        if question.status not in (Status.PUBLISHED, Status.VOTING_OPEN):
            raise VotingError(_("Interest can only be declared before voting closes."))
        if Vote.objects.filter(question=question, member=member).exists():
            raise VotingError(_("You have already voted on this question; declare an interest before voting."))
        declaration, created = InterestDeclaration.objects.get_or_create(
            question=question, member=member, defaults={"reason": reason}
        )
        if created:
            record(actor=member, action="council.interest.declared", obj=question, ip=ip, data={"reason": reason})
    return declaration


def post_argument(question, *, member, option, stance, text, idempotency_key=None, ip=None):
    """A member argues for or against an option while the question is under discussion."""
    _require_member(member)
    if not text.strip():
        raise VotingError(_("Write the argument."))
    if idempotency_key is not None:
        existing = Argument.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        question = _lock(question)
        if question.status not in Question.STATUSES_FOR_DELIBERATION:
            raise VotingError(_("Arguments can be posted while the question is under discussion."))
        if option.question_id != question.pk:
            raise VotingError(_("This option belongs to another question."))
        argument = Argument.objects.create(
            question=question, option=option, member=member, stance=stance, text=text, idempotency_key=idempotency_key
        )
        record(actor=member, action="council.argument.posted", obj=question, ip=ip, data={"option": option.pk})
    return argument


# --- what people may see -------------------------------------------------------------------------


def arguments_visible_to(question, user):
    """Council members and civil servants read arguments while the question is discussed;
    everyone once it is decided."""
    if question.status == Status.DECIDED:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user.is_council_member or user.is_civil_servant


@dataclass
class OptionResult:
    option: Option
    votes: int
    voters: list = field(default_factory=list)
    is_winner: bool = False


@dataclass
class Results:
    council_size: int
    ballots: int  # votes cast, abstentions included
    abstentions: int
    votes_for_options: int
    quorum_percent: int
    quorum_needed: int
    quorum_met: bool
    majority_percent: int
    majority_needed: int
    per_option: list
    outcome: str  # one of OUTCOMES
    winner: Option | None
    roll_call: list  # [(member, choice label)] sorted by name
    abstainers: list
    interests: list

    ADOPTED = "adopted"
    TIE = "tie"
    NO_MAJORITY = "no_majority"
    NO_QUORUM = "no_quorum"

    @property
    def turnout_percent(self):
        return round(self.ballots * 100 / self.council_size) if self.council_size else 0

    @property
    def outcome_label(self):
        return {
            self.ADOPTED: _("Adopted: %(option)s") % {"option": self.winner} if self.winner else "",
            self.TIE: _("Tie: no option has a majority"),
            self.NO_MAJORITY: _("No majority: no option received the required majority"),
            self.NO_QUORUM: _("No quorum: too few council members voted"),
        }[self.outcome]


def more_than(percent, total):
    """The smallest whole number that is more than `percent`% of `total`."""
    return (percent * total) // 100 + 1


def results(question, options=None):
    """Count the votes. Refuses (ResultsHidden) while voting has not closed, so no page can show
    a running tally, whatever its template does. `options`: the question's options, if already loaded."""
    if question.status not in Question.STATUSES_WITH_RESULTS:
        raise ResultsHidden(_("The results are published when voting closes."))
    options = list(question.options.all()) if options is None else list(options)
    votes = list(question.votes.select_related("member", "option").order_by("member__full_name", "member__email"))
    interests = list(question.interest_declarations.select_related("member"))
    size = effective_council_size(question)
    per_option = {o.pk: OptionResult(option=o, votes=0) for o in options}
    abstainers = []
    for vote in votes:
        if vote.option_id is None:
            abstainers.append(vote.member)
        else:
            per_option[vote.option_id].votes += 1
            per_option[vote.option_id].voters.append(vote.member)
    ballots = len(votes)
    for_options = ballots - len(abstainers)
    quorum_needed = more_than(question.quorum_percent, size)
    majority_needed = more_than(question.majority_percent, for_options) if for_options else 1
    quorum_met = ballots >= quorum_needed
    ranked = sorted(per_option.values(), key=lambda r: -r.votes)
    winner = None
    if not quorum_met:
        outcome = Results.NO_QUORUM
    elif not ranked or ranked[0].votes == 0:
        outcome = Results.NO_MAJORITY
    elif len(ranked) > 1 and ranked[0].votes == ranked[1].votes:
        # Two options share the top: shown as a tie, never settled by order or chance.
        outcome = Results.TIE
    elif ranked[0].votes >= majority_needed:
        outcome = Results.ADOPTED
        winner = ranked[0].option
        ranked[0].is_winner = True
    else:
        outcome = Results.NO_MAJORITY
    return Results(
        council_size=size,
        ballots=ballots,
        abstentions=len(abstainers),
        votes_for_options=for_options,
        quorum_percent=question.quorum_percent,
        quorum_needed=quorum_needed,
        quorum_met=quorum_met,
        majority_percent=question.majority_percent,
        majority_needed=majority_needed,
        per_option=[per_option[o.pk] for o in options],
        outcome=outcome,
        winner=winner,
        roll_call=[(vote.member, vote.choice_label) for vote in votes],
        abstainers=abstainers,
        interests=interests,
    )


def public_results(question, options=None):
    """The results if they may be shown, otherwise None."""
    try:
        return results(question, options=options)
    except ResultsHidden:
        return None


def voted_count(question):
    """How many members have voted so far: a turnout figure without the tally, for staff."""
    return question.votes.count()


# --- notifications -------------------------------------------------------------------------------


def _mail_members(members, subject, body):
    sent = 0
    for member in members:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email], fail_silently=False)
        sent += 1
    return sent


def notify_voting_opened(question, base_url=None):
    """E-mail every council member that voting on the question is open."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Voting open: %(title)s") % {"title": question.title}
        body = _(
            "Dear council member,\n\nVoting is open on the council question “%(title)s” until %(ends)s.\n"
            "Read the options and cast your vote: %(url)s\n\nMunicipality of Velsen"
        ) % {
            "title": question.title,
            "ends": timezone.localtime(question.voting_ends_at).strftime("%d-%m-%Y %H:%M"),
            "url": _absolute(reverse("council:question_detail", args=[question.pk]), base_url),
        }
    try:
        return _mail_members(council_members(), subject, body)
    except Exception:  # a mail server hiccup must not undo an opened vote
        logger.exception("Could not send the voting-open e-mail for question %s", question.pk)
        return 0


def members_to_remind(question):
    """Council members who have not voted, not declared an interest and not been reminded."""
    return (
        council_members()
        .exclude(pk__in=question.votes.values("member"))
        .exclude(pk__in=question.interest_declarations.values("member"))
        .exclude(pk__in=question.reminders.values("member"))
    )


def send_vote_reminders(*, now=None, hours=24, dry_run=False):
    """Remind members who have not voted on a question closing within `hours`. Idempotent: the
    reminder row is written first (unique per member and question) and mailed only if new.
    Returns a list of (question, member)."""
    reminded = []
    for question in Question.objects.closing_within(hours, now):
        for member in members_to_remind(question):
            if dry_run:
                reminded.append((question, member))
                continue
            with transaction.atomic():
                # The row first (unique per member and question), then the mail: a second run, or
                # a run at the same moment, finds the row and sends nothing; a failed mail rolls
                # the row back so the next run tries again.
                _reminder, created = VoteReminder.objects.get_or_create(question=question, member=member)
                if created:
                    _send_reminder(question, member)
                    reminded.append((question, member))
    return reminded


def _send_reminder(question, member):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: voting closes soon on %(title)s") % {"title": question.title}
        body = _(
            "Dear council member,\n\nVoting on “%(title)s” closes at %(ends)s and you have not voted yet.\n"
            "%(url)s\n\nMunicipality of Velsen"
        ) % {
            "title": question.title,
            "ends": timezone.localtime(question.voting_ends_at).strftime("%d-%m-%Y %H:%M"),
            "url": _absolute(reverse("council:question_detail", args=[question.pk])),
        }
    _mail_members([member], subject, body)
    record(actor=None, action="council.vote.reminded", obj=question, data={"member": member.email})
