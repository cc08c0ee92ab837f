"""Every state change of grants, written out one function per transition.

Each function locks the application row, checks the current state (raising `TransitionError` with a
translated reason when the state does not allow the change), writes, records an `ApplicationEvent`
(who, when, from, to, why) and one audit event, and queues e-mails for after the commit.
Services never take the request: views pass the actor and the client's IP address.

The budget rule (Awb 4:25): a grant is refused in so far as it would make the year's committed
amount exceed the ceiling. `grant` takes a row lock on the year's `Budget` (select_for_update),
re-reads the committed total under that lock and only then writes, all in one transaction, so two
civil servants granting at the same moment cannot both spend the last euros.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import record
from grants.models import (
    WITHDRAWABLE_STATES,
    ZERO,
    Application,
    ApplicationEvent,
    Attachment,
    Budget,
    CeilingChange,
    ConflictOfInterest,
    CostLine,
    InternalNote,
    Status,
    committed_sum,
    default_ceiling,
)
from grants.validators import validate_attachment
from velsen_intl.mail import send_mail_later
from velsen_intl.pillars import Pillar
from velsen_intl.templatetags.portal import format_money

DECISION_TERM = datetime.timedelta(weeks=8)  # Awb 4:13
ACCOUNT_TERM = datetime.timedelta(weeks=13)  # after the end date of the activity
Action = ApplicationEvent.Action


class TransitionError(Exception):
    """A change the current state (or the rules) does not allow; the message says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)

    def __str__(self):
        return self.message


class BudgetExceeded(TransitionError):
    def __init__(self, message, *, available):
        super().__init__(message)
        self.available = available


# ---------------------------------------------------------------------------------------------
# Budget
# ---------------------------------------------------------------------------------------------


def ensure_budget(year):
    """The budget of `year`, created with the default ceiling when it does not exist yet."""
    budget, _created = Budget.objects.get_or_create(year=year)
    return budget


def _lock_budget(year):
    """Create the year's budget when needed, then lock its row until the transaction ends."""
    ensure_budget(year)
    return Budget.objects.select_for_update().get(year=year)


def committed_for_year(year):
    return Application.objects.granted_in(year).committed_total()


def budget_figures(year):
    """The public figures of a year: ceiling, committed, available and committed per pillar."""
    budget = Budget.objects.filter(year=year).first()
    ceiling = budget.ceiling if budget else default_ceiling()
    per_pillar = dict.fromkeys(Pillar.values, ZERO)
    committed = ZERO
    rows = Application.objects.granted_in(year).values("pillar").annotate(amount=committed_sum()).order_by()
    for row in rows:
        committed += row["amount"]
        if row["pillar"] in per_pillar:
            per_pillar[row["pillar"]] += row["amount"]
    return {
        "year": year,
        "ceiling": ceiling,
        "committed": committed,
        "available": ceiling - committed,
        "by_pillar": [
            {"pillar": value, "label": label, "committed": per_pillar[value]} for value, label in Pillar.choices
        ],
    }


def set_budget_ceiling(*, year, ceiling, actor, reason, decided_by_question=None, ip=None):
    """Change the ceiling of `year` (Awb 4:25), by an administrator or through a council decision.

    The new ceiling may not fall below what is already committed: granted applications keep their
    money (Awb 4:27)."""
    ceiling = Decimal(ceiling)
    if not reason or not str(reason).strip():
        raise TransitionError(_("Give the reason for changing the ceiling."))
    if decided_by_question is None and (actor is None or not actor.is_administrator):
        raise TransitionError(_("Only an administrator or a council decision can change the ceiling."))
    if ceiling < 0:
        raise TransitionError(_("The ceiling cannot be negative."))
    with transaction.atomic():
        budget = _lock_budget(year)
        committed = committed_for_year(year)
        if ceiling < committed:
            raise TransitionError(
                _("The ceiling cannot be set below the %(committed)s already granted in %(year)s.")
                % {"committed": format_money(committed), "year": year}
            )
        old = budget.ceiling
        budget.ceiling = ceiling
        budget.save(update_fields=["ceiling"])
        change = CeilingChange.objects.create(
            budget=budget,
            old_ceiling=old,
            new_ceiling=ceiling,
            reason=reason,
            actor=actor,
            decided_by_question_id=getattr(decided_by_question, "pk", None),
            decided_by_label=str(decided_by_question)[:300] if decided_by_question is not None else "",
        )
        record(
            actor=actor,
            action="grants.ceiling_changed",
            obj=budget,
            ip=ip,
            data={"year": year, "old": str(old), "new": str(ceiling), "reason": reason},
        )
    return change


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _locked(application):
    return Application.objects.select_for_update().get(pk=application.pk)


def _require_state(application, allowed, what):
    if application.status not in allowed:
        raise TransitionError(
            _("%(what)s is not possible while the application is “%(status)s”.")
            % {"what": what, "status": application.get_status_display()}
        )


def _require_applicant(application, actor):
    if actor is None or actor.pk != application.applicant_id:
        raise TransitionError(_("Only the applicant can do this."))


def _require_staff(actor):
    if actor is None or not actor.is_civil_servant:
        raise TransitionError(_("Only a civil servant can do this."))


def has_conflict(application, actor):
    return ConflictOfInterest.objects.filter(application=application, civil_servant=actor).exists()


def _require_decider(application, actor):
    _require_staff(actor)
    if has_conflict(application, actor):
        raise TransitionError(
            _("You declared a conflict of interest for this application, so a colleague has to decide it.")
        )


def _log(application, *, actor, action, from_status="", to_status="", reason="", ip=None, visible=True, data=None):
    event = ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        visible_to_applicant=visible,
    )
    audit_data = {"from": from_status, "to": to_status, "reason": reason}
    audit_data.update(data or {})
    record(actor=actor, action=f"grants.{action}", obj=application, ip=ip, data=audit_data)
    return event


def _move(application, to_status, *, actor, action, reason="", ip=None, data=None):
    from_status = application.status
    application.status = to_status
    application.save()
    return _log(
        application,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        ip=ip,
        data=data,
    )


def _mail(to, subject, body):
    """Send after the commit, so that a rolled-back change never sends an e-mail."""
    if not to:
        return
    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(lambda: send_mail_later(subject, body, recipients))


def _applicant_email(application):
    return application.contact_email or application.applicant.email


# ---------------------------------------------------------------------------------------------
# The applicant
# ---------------------------------------------------------------------------------------------


def save_draft(application, *, actor, cost_lines=None, goals=None, files=(), ip=None):
    """Save a new or changed draft with its cost lines, goals and new attachments.

    `application` comes unsaved from the form; a new draft whose idempotency key already exists (a
    double submit) returns the first one instead of creating a second.
    `cost_lines` is a list of (description, amount) replacing the current lines; None keeps them."""
    with transaction.atomic():
        if application.pk is None:
            existing = Application.objects.filter(idempotency_key=application.idempotency_key).first()
            if existing is not None:
                if existing.applicant_id != actor.pk:
                    raise TransitionError(_("This form was already used."))
                return existing
            application.applicant = actor
            application.status = Status.DRAFT
            try:
                with transaction.atomic():
                    application.save()
            except IntegrityError:
                return Application.objects.get(idempotency_key=application.idempotency_key)
            _log(application, actor=actor, action=Action.CREATED, to_status=Status.DRAFT, ip=ip)
        else:
            _require_applicant(application, actor)
            current = _locked(application)
            _require_state(current, {Status.DRAFT}, _("Changing the application"))
            application.status = Status.DRAFT
            application.save()
            # Not in the applicant's timeline (a draft is saved often), but in the audit log.
            record(actor=actor, action="grants.draft_changed", obj=application, ip=ip)
        if cost_lines is not None:
            application.cost_lines.all().delete()
            CostLine.objects.bulk_create(
                [CostLine(application=application, description=d, amount=a) for d, a in cost_lines]
            )
        if goals is not None:
            application.goals.set(goals)
        add_attachments(application, files, kind=Attachment.Kind.APPLICATION, actor=actor)
    return application


def add_attachments(application, files, *, kind, actor):
    """Store uploaded files after checking their content type and size."""
    stored = []
    for uploaded in files or ():
        mime = validate_attachment(uploaded)
        attachment = Attachment(
            application=application,
            kind=kind,
            original_name=uploaded.name[:200],
            content_type=mime,
            size=uploaded.size,
            uploaded_by=actor,
        )
        attachment.file.save(uploaded.name, uploaded, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def remove_attachment(attachment, *, actor, ip=None):
    """Remove a file from a draft (once submitted, what was sent stays part of the record)."""
    with transaction.atomic():
        current = _locked(attachment.application)
        _require_applicant(current, actor)
        _require_state(current, {Status.DRAFT}, _("Removing an attachment"))
        name = attachment.original_name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.delete(save=False))
        record(actor=actor, action="grants.attachment_removed", obj=current, ip=ip, data={"file": name})


def missing_for_submission(application):
    """What still has to be filled in before the application is complete (Awb 4:2)."""
    missing = []
    required = [
        "contact_name",
        "address",
        "contact_email",
        "iban",
        "account_holder",
        "title",
        "pillar",
        "activity_plan",
        "start_date",
        "end_date",
        "requested_amount",
    ]
    if application.applicant_kind == Application.ApplicantKind.ORGANISATION:
        required[1:1] = ["organisation_name", "kvk_number"]
    for name in required:
        if getattr(application, name) in (None, ""):
            missing.append(str(Application._meta.get_field(name).verbose_name))
    total = application.total_costs()
    if total <= 0:
        missing.append(_("at least one cost line"))
    elif application.requested_amount and application.requested_amount > total:
        missing.append(_("an amount requested no higher than the total costs"))
    return missing


def submit(application, *, actor, ip=None, now=None):
    """draft → submitted: the application is received (Awb 4:3a) and gets its reference number.

    The reference VI-YYYY-NNNN is numbered per year without gaps: the next number is taken while
    the year's budget row is locked, in the same transaction as the status change, and a unique
    constraint on (year, sequence) backs it up."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(application)
        _require_applicant(current, actor)
        _require_state(current, {Status.DRAFT}, _("Submitting"))
        missing = missing_for_submission(current)
        if missing:
            raise TransitionError(_("The application is not complete yet. Missing: %s.") % ", ".join(missing))
        year = timezone.localdate(now).year
        _lock_budget(year)
        last = Application.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0
        current.year = year
        current.sequence = last + 1
        current.reference = f"VI-{year}-{current.sequence:04d}"
        current.received_at = now
        current.completed_at = now
        current.decision_due = timezone.localdate(now) + DECISION_TERM
        _move(current, Status.SUBMITTED, actor=actor, action=Action.SUBMITTED, ip=ip)
        _mail(
            _applicant_email(current),
            _("Received: your grant application %(reference)s") % {"reference": current.reference},
            _(
                "We received your application “%(title)s” on %(received)s.\n"
                "Reference: %(reference)s\n"
                "We decide by %(due)s at the latest (8 weeks, Awb 4:13); a request for more information "
                "suspends this term.\n\nMunicipality of Velsen"
            )
            % {
                "title": current.title,
                "received": timezone.localdate(now).isoformat(),
                "reference": current.reference,
                "due": current.decision_due.isoformat(),
            },
        )
        _mail(
            settings.STAFF_NOTIFICATION_EMAIL,
            _("New grant application %(reference)s") % {"reference": current.reference},
            _("A new application was submitted: %(reference)s “%(title)s”, %(amount)s requested.")
            % {
                "reference": current.reference,
                "title": current.title,
                "amount": format_money(current.requested_amount),
            },
        )
    return current


def answer_information_request(application, *, actor, answer, files=(), ip=None, now=None):
    """information_requested → submitted: the application is complete again; the decision term
    resumes, extended by the days it was suspended (Awb 4:15)."""
    now = now or timezone.now()
    if not answer or not answer.strip():
        raise TransitionError(_("Write your answer."))
    with transaction.atomic():
        current = _locked(application)
        _require_applicant(current, actor)
        _require_state(current, {Status.INFORMATION_REQUESTED}, _("Answering a request for information"))
        add_attachments(current, files, kind=Attachment.Kind.INFORMATION, actor=actor)
        suspended = (timezone.localdate(now) - timezone.localdate(current.information_requested_at)).days
        current.decision_due = current.decision_due + datetime.timedelta(days=max(suspended, 0))
        current.completed_at = now
        _move(current, Status.SUBMITTED, actor=actor, action=Action.INFORMATION_PROVIDED, reason=answer, ip=ip)
    return current


def withdraw(application, *, actor, reason="", ip=None):
    """Draft or open application → withdrawn, by the applicant, before a decision."""
    with transaction.atomic():
        current = _locked(application)
        _require_applicant(current, actor)
        _require_state(current, WITHDRAWABLE_STATES, _("Withdrawing"))
        _move(current, Status.WITHDRAWN, actor=actor, action=Action.WITHDRAWN, reason=reason, ip=ip)
    return current


def submit_account(application, *, actor, report, actual_costs, files=(), ip=None):
    """granted → account_submitted: the applicant reports what was done and what it cost (Awb 4:44)."""
    actual_costs = Decimal(actual_costs)
    if not report or not report.strip():
        raise TransitionError(_("Describe what was done."))
    if actual_costs < 0:
        raise TransitionError(_("The actual costs cannot be negative."))
    with transaction.atomic():
        current = _locked(application)
        _require_applicant(current, actor)
        _require_state(current, {Status.GRANTED}, _("Submitting the account"))
        add_attachments(current, files, kind=Attachment.Kind.ACCOUNT, actor=actor)
        current.account_report = report
        current.actual_costs = actual_costs
        current.account_submitted_at = timezone.now()
        _move(current, Status.ACCOUNT_SUBMITTED, actor=actor, action=Action.ACCOUNT_SUBMITTED, reason=report, ip=ip)
        _mail(
            settings.STAFF_NOTIFICATION_EMAIL,
            _("Account submitted for %(reference)s") % {"reference": current.reference},
            _("The applicant submitted the account of %(reference)s; actual costs %(costs)s.")
            % {"reference": current.reference, "costs": format_money(actual_costs)},
        )
    return current


# ---------------------------------------------------------------------------------------------
# The civil servant
# ---------------------------------------------------------------------------------------------


INFORMATION_TERM = datetime.timedelta(weeks=2)


def request_information(application, *, actor, question, ip=None, now=None, answer_within=INFORMATION_TERM):
    """submitted/in_review → information_requested: the decision term is suspended (Awb 4:15) and
    the applicant gets a term to complete the application (Awb 4:5)."""
    _require_staff(actor)
    if not question or not question.strip():
        raise TransitionError(_("Write what information you need."))
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.SUBMITTED, Status.IN_REVIEW}, _("Asking for information"))
        current.information_requested_at = now or timezone.now()
        current.information_request = question
        current.information_due = timezone.localdate(current.information_requested_at) + answer_within
        _move(
            current,
            Status.INFORMATION_REQUESTED,
            actor=actor,
            action=Action.INFORMATION_REQUESTED,
            reason=question,
            ip=ip,
        )
        _mail(
            _applicant_email(current),
            _("More information needed for %(reference)s") % {"reference": current.reference},
            _(
                "To decide on your application “%(title)s” we need more information:\n\n%(question)s\n\n"
                "Answer under “My applications” by %(due)s. The decision term is suspended until we have your "
                "answer (Awb 4:15); without an answer the application may be set aside (Awb 4:5).\n\n"
                "Municipality of Velsen"
            )
            % {"title": current.title, "question": question, "due": current.information_due.isoformat()},
        )
    return current


def start_review(application, *, actor, ip=None):
    """submitted → in_review."""
    _require_staff(actor)
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.SUBMITTED}, _("Starting the review"))
        _move(current, Status.IN_REVIEW, actor=actor, action=Action.REVIEW_STARTED, ip=ip)
    return current


def recommend(application, *, actor, recommendation, amount=None, motivation="", ip=None):
    """Record the reviewer's recommendation (shown in the decision overview); no state change."""
    _require_staff(actor)
    if recommendation not in Application.Recommendation.values or not recommendation:
        raise TransitionError(_("Choose a recommendation."))
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.IN_REVIEW}, _("Recording a recommendation"))
        if amount is not None and (amount <= 0 or amount > current.requested_amount):
            raise TransitionError(_("The recommended amount must be above zero and at most the amount requested."))
        current.recommendation = recommendation
        current.recommended_amount = amount if recommendation == Application.Recommendation.GRANT else None
        current.save(update_fields=["recommendation", "recommended_amount", "updated_at"])
        _log(current, actor=actor, action=Action.RECOMMENDED, reason=motivation, ip=ip, visible=False)
    return current


def extend_deadline(application, *, actor, weeks, reason, ip=None):
    """Extend the decision term once, with notice to the applicant within the term (Awb 4:14)."""
    _require_staff(actor)
    if not reason or not reason.strip():
        raise TransitionError(_("Give the reason for the extension."))
    if not 1 <= int(weeks) <= 8:
        raise TransitionError(_("Extend by 1 to 8 weeks."))
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.SUBMITTED, Status.IN_REVIEW}, _("Extending the decision term"))
        if current.deadline_extended:
            raise TransitionError(_("The decision term can be extended only once."))
        if current.is_overdue():
            raise TransitionError(_("The decision term has already passed; it can no longer be extended."))
        current.decision_due += datetime.timedelta(weeks=int(weeks))
        current.deadline_extended = True
        current.save(update_fields=["decision_due", "deadline_extended", "updated_at"])
        _log(current, actor=actor, action=Action.DEADLINE_EXTENDED, reason=reason, ip=ip)
        _mail(
            _applicant_email(current),
            _("Decision term extended for %(reference)s") % {"reference": current.reference},
            _("We need more time to decide. New date: %(due)s.\n\n%(reason)s")
            % {"due": current.decision_due.isoformat(), "reason": reason},
        )
    return current


def earlier_waiting(application):
    """Applications of the same year that became complete earlier and still wait for a decision."""
    return (
        Application.objects.in_year(application.year)
        .filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW], completed_at__lt=application.completed_at)
        .exclude(pk=application.pk)
    )


def grant(application, *, actor, amount, motivation, conditions="", out_of_order_reason="", ip=None):
    """in_review → granted, within the year's ceiling, in one transaction under the budget's row lock.

    Refused with the available amount when it would make committed exceed the ceiling (Awb 4:25);
    deciding before an application that became complete earlier needs a recorded reason (Awb 4:26)."""
    amount = Decimal(amount)
    _require_decider(application, actor)
    if not motivation or not motivation.strip():
        raise TransitionError(_("Write the motivation of the decision."))
    try:
        with transaction.atomic():
            budget = _lock_budget(application.year)
            current = _locked(application)
            _require_state(current, {Status.IN_REVIEW}, _("Granting"))
            if amount <= 0 or amount > current.requested_amount:
                raise TransitionError(
                    _("The amount granted must be above zero and at most the %(requested)s requested.")
                    % {"requested": format_money(current.requested_amount)}
                )
            if earlier_waiting(current).exists() and not out_of_order_reason.strip():
                raise TransitionError(
                    _(
                        "Applications that became complete earlier are still waiting (first come, first served). "
                        "Give the reason for deciding this one first."
                    )
                )
            committed = committed_for_year(current.year)
            available = budget.ceiling - committed
            if amount > available:
                raise BudgetExceeded(
                    _(
                        "This grant would exceed the %(year)s ceiling of %(ceiling)s: only %(available)s is still "
                        "available."
                    )
                    % {
                        "year": current.year,
                        "ceiling": format_money(budget.ceiling),
                        "available": format_money(available),
                    },
                    available=available,
                )
            now = timezone.now()
            current.granted_amount = amount
            current.decision_motivation = motivation
            current.conditions = conditions
            current.out_of_order_reason = out_of_order_reason
            current.decided_at = now
            current.decision_sent_at = now
            current.decided_by = actor
            if current.end_date:
                current.account_due = current.end_date + ACCOUNT_TERM
            _move(
                current,
                Status.GRANTED,
                actor=actor,
                action=Action.GRANTED,
                reason=motivation,
                ip=ip,
                data={"amount": str(amount), "out_of_order_reason": out_of_order_reason},
            )
            _mail_decision(current)
    except BudgetExceeded as exc:
        record(
            actor=actor,
            action="grants.granted",
            obj=application,
            result=AuditEvent.Result.REFUSED,
            ip=ip,
            data={"amount": str(amount), "available": str(exc.available)},
        )
        raise
    return current


def refuse(application, *, actor, motivation, ip=None):
    """in_review → refused, with the motivation (Awb 3:46, 4:35)."""
    _require_decider(application, actor)
    if not motivation or not motivation.strip():
        raise TransitionError(_("Write the motivation of the decision."))
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.IN_REVIEW}, _("Refusing"))
        now = timezone.now()
        current.decision_motivation = motivation
        current.decided_at = now
        current.decision_sent_at = now
        current.decided_by = actor
        _move(current, Status.REFUSED, actor=actor, action=Action.REFUSED, reason=motivation, ip=ip)
        _mail_decision(current)
    return current


def _mail_decision(application):
    _mail(
        _applicant_email(application),
        _("Decision on your grant application %(reference)s") % {"reference": application.reference},
        _(
            "The municipality decided on your application “%(title)s”: %(decision)s.\n"
            "Read the decision letter under “My applications”. You may object within 6 weeks to the "
            "college of burgemeester en wethouders of Velsen (Awb 6:7).\n\nMunicipality of Velsen"
        )
        % {"title": application.title, "decision": application.get_status_display()},
    )


def set_aside(application, *, actor, reason, ip=None, today=None):
    """information_requested → set_aside: not completed in the term given (Awb 4:5)."""
    _require_staff(actor)
    if not reason or not reason.strip():
        raise TransitionError(_("Give the reason for setting the application aside."))
    with transaction.atomic():
        current = _locked(application)
        _require_state(current, {Status.INFORMATION_REQUESTED}, _("Setting aside"))
        if current.information_due and (today or timezone.localdate()) <= current.information_due:
            raise TransitionError(
                _("The applicant has until %(due)s to answer; only after that can the application be set aside.")
                % {"due": current.information_due.isoformat()}
            )
        current.decided_at = timezone.now()
        current.decided_by = actor
        _move(current, Status.SET_ASIDE, actor=actor, action=Action.SET_ASIDE, reason=reason, ip=ip)
        _mail(
            _applicant_email(current),
            _("Your application %(reference)s was set aside") % {"reference": current.reference},
            reason,
        )
    return current


def settle(application, *, actor, amount, motivation, ip=None):
    """account_submitted (or granted, ex officio, Awb 4:47) → settled at a final amount at most the
    granted one; the difference returns to the year's budget."""
    amount = Decimal(amount)
    _require_decider(application, actor)
    if not motivation or not motivation.strip():
        raise TransitionError(_("Write the motivation of the settlement."))
    with transaction.atomic():
        _lock_budget(application.year)
        current = _locked(application)
        _require_state(current, {Status.ACCOUNT_SUBMITTED, Status.GRANTED}, _("Settling"))
        if amount < 0 or amount > current.granted_amount:
            raise TransitionError(
                _("The final amount must be between zero and the %(granted)s granted.")
                % {"granted": format_money(current.granted_amount)}
            )
        current.settled_amount = amount
        current.settled_at = timezone.now()
        current.settlement_motivation = motivation
        _move(
            current,
            Status.SETTLED,
            actor=actor,
            action=Action.SETTLED,
            reason=motivation,
            ip=ip,
            data={"amount": str(amount)},
        )
        _mail(
            _applicant_email(current),
            _("Grant %(reference)s settled") % {"reference": current.reference},
            _("The grant for “%(title)s” was settled at %(amount)s.\n\n%(motivation)s")
            % {"title": current.title, "amount": format_money(amount), "motivation": motivation},
        )
    return current


def add_note(application, *, actor, text, ip=None):
    """An internal note; never shown to the applicant."""
    _require_staff(actor)
    if not text or not text.strip():
        raise TransitionError(_("Write the note."))
    with transaction.atomic():
        note = InternalNote.objects.create(application=application, author=actor, text=text)
        # Also in the (staff-only) history, so the page shows notes without another query.
        _log(application, actor=actor, action=Action.NOTE_ADDED, reason=text, ip=ip, visible=False)
    return note


def declare_conflict(application, *, actor, reason, ip=None):
    """Record that `actor` has an interest in this application: from now on they cannot decide it."""
    _require_staff(actor)
    if not reason or not reason.strip():
        raise TransitionError(_("Describe the interest."))
    with transaction.atomic():
        conflict, created = ConflictOfInterest.objects.get_or_create(
            application=application, civil_servant=actor, defaults={"reason": reason}
        )
        if created:
            _log(application, actor=actor, action=Action.CONFLICT_DECLARED, reason=reason, ip=ip, visible=False)
    return conflict
