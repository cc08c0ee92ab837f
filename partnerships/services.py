"""Every change to a partnership goes through here: it checks the current state, writes the
change, one history entry and one audit record. Services never see the request (pass actor and ip)."""

import contextlib
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import services as audit
from partnerships.models import Activity, ActivityDocument, Partner, Partnership, PhaseOutStep, StatusChange

Status = Partnership.Status


class TransitionError(Exception):
    """A change the partnership's state does not allow; the message says why (translated)."""


# Every allowed status change, written out. Anything not listed is refused.
ALLOWED_TRANSITIONS = {
    Status.PROPOSED: {Status.ACTIVE, Status.ENDED},
    Status.ACTIVE: {Status.DORMANT, Status.PHASING_OUT, Status.ENDED},
    Status.DORMANT: {Status.ACTIVE, Status.PHASING_OUT},
    # A phase-out can be called off (e.g. the council chooses to keep the link).
    Status.PHASING_OUT: {Status.ENDED, Status.ACTIVE},
    Status.ENDED: set(),
}

# Statuses from which a city link may be transformed into a project-based cooperation.
TRANSFORMABLE = {Status.PROPOSED, Status.ACTIVE, Status.DORMANT}

STANDARD_PHASE_OUT_STEPS = [
    (gettext_lazy("Inform the partner city"), 30),
    (gettext_lazy("Closing event or farewell"), 120),
    (gettext_lazy("Hand over to the community"), 180),
]

EDITABLE_FIELDS = [
    "title",
    "kind",
    "pillar",
    "summary",
    "since",
    "until",
    "lead",
    "lead_name",
    "lead_portfolio",
    "official_contact",
    "official_contact_email",
    "origin",
    "business_partners",
    "community_partners",
]
M2M_FIELDS = ["partners", "themes", "goals"]


def _actor_label(actor):
    return getattr(actor, "email", "") if actor is not None else ""


def _history(partnership, event, *, actor, reason="", detail="", from_status="", to_status="", decision=""):
    return StatusChange.objects.create(
        partnership=partnership,
        event=event,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        reason=reason,
        detail=str(detail)[:300],
        from_status=from_status,
        to_status=to_status,
        decision_reference=decision,
    )


def decision_reference(decided_by_question):
    """A plain reference to a decision: text or a URL as given, or `str(obj) url` for an object
    (the council app passes its question; this app does not import council)."""
    if decided_by_question is None:
        return ""
    if isinstance(decided_by_question, str):
        return decided_by_question.strip()[:500]
    reference = str(decided_by_question)
    get_url = getattr(decided_by_question, "get_absolute_url", None)
    if callable(get_url):
        # A reference without a URL is still a reference.
        with contextlib.suppress(Exception):
            reference = f"{reference} {get_url()}"
    return reference[:500]


# Path segments of the app's own pages, never used as a partnership's slug.
RESERVED_SLUGS = {"manage", "world", "documents", "new", "partners"}


def unique_slug(title, *, exclude_pk=None):
    base = slugify(title)[:180] or "partnership"
    if base in RESERVED_SLUGS:
        base = f"{base}-partnership"
    slug, n = base, 2
    qs = Partnership.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def check_transition(partnership, new_status):
    """Return (allowed, reason) for moving `partnership` to `new_status`."""
    current = Status(partnership.status)
    try:
        new_status = Status(new_status)
    except ValueError:
        return False, _("“%(status)s” is not a status a partnership can have.") % {"status": new_status}
    if current == Status.ENDED:
        return False, _(
            "This partnership has ended; an ended partnership cannot change status. Register a new one instead."
        )
    if new_status == current:
        return False, _("The partnership already has the status “%(status)s”.") % {"status": current.label}
    if new_status not in ALLOWED_TRANSITIONS[current]:
        return False, _("A partnership cannot go from “%(from)s” to “%(to)s”.") % {
            "from": current.label,
            "to": new_status.label,
        }
    if current == Status.PHASING_OUT and new_status == Status.ENDED:
        open_steps = partnership.phase_out_steps.filter(done_on__isnull=True).count()
        if open_steps:
            return False, _(
                "The phase-out plan still has %(count)d open step(s); tick them off before ending the partnership."
            ) % {"count": open_steps}
    return True, ""


def allowed_next_statuses(partnership):
    return [s for s in Status if s in ALLOWED_TRANSITIONS[Status(partnership.status)]]


def _require_reason(reason):
    if not (reason or "").strip():
        raise TransitionError(_("Give a reason for this change."))
    return reason.strip()


def _set_m2m(partnership, m2m):
    for name in M2M_FIELDS:
        if name in m2m and m2m[name] is not None:
            getattr(partnership, name).set(m2m[name])


@transaction.atomic
def create_partnership(*, actor, fields, partners=(), themes=(), goals=(), idempotency_key=None, ip=None):
    """Register a partnership (status proposed unless given). A repeated submit with the same
    idempotency key returns the partnership created the first time."""
    if idempotency_key is not None:
        existing = Partnership.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    for text_field in ("business_partners", "community_partners", "summary"):
        values.setdefault(text_field, "")
    partnership = Partnership(
        **values,
        status=fields.get("status", Status.PROPOSED),
        slug=fields.get("slug") or unique_slug(values["title"]),
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            partnership.save()
    except IntegrityError:
        if idempotency_key is not None:
            existing = Partnership.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        raise
    _set_m2m(partnership, {"partners": partners, "themes": themes, "goals": goals})
    _history(partnership, StatusChange.Event.CREATED, actor=actor, to_status=partnership.status)
    audit.record(actor=actor, action="partnerships.create", obj=partnership, ip=ip, data={"status": partnership.status})
    return partnership


@transaction.atomic
def update_partnership(partnership, *, actor, fields, partners=None, themes=None, goals=None, ip=None):
    """Change the details (not the status: that goes through change_status)."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    changed = []
    for name in EDITABLE_FIELDS:
        if name in fields and getattr(partnership, name) != fields[name]:
            setattr(partnership, name, fields[name])
            changed.append(name)
    if changed:
        partnership.save()
    for name, values in (("partners", partners), ("themes", themes), ("goals", goals)):
        if values is None:
            continue
        before = set(getattr(partnership, name).values_list("pk", flat=True))
        after = {getattr(v, "pk", v) for v in values}
        if before != after:
            getattr(partnership, name).set(values)
            changed.append(name)
    if changed:
        labels = ", ".join(str(Partnership._meta.get_field(n).verbose_name) for n in changed)
        _history(partnership, StatusChange.Event.UPDATED, actor=actor, detail=labels)
        audit.record(actor=actor, action="partnerships.update", obj=partnership, ip=ip, data={"changed": changed})
    return partnership


def change_status(partnership, new_status, *, actor, reason, decided_by_question=None, ip=None):
    """Move a partnership to `new_status` if ALLOWED_TRANSITIONS permits it; record who, when, from,
    to, why (and the decision it rests on, if any). Raises TransitionError with the reason otherwise
    (and records the refusal in the audit log)."""
    try:
        return _change_status(
            partnership, new_status, actor=actor, reason=reason, decided_by_question=decided_by_question, ip=ip
        )
    except TransitionError as error:
        audit.record(
            actor=actor,
            action="partnerships.change_status",
            obj=partnership,
            ip=ip,
            result="refused",
            data={"from": partnership.status, "to": str(new_status), "reason": str(error)},
        )
        raise


@transaction.atomic
def _change_status(partnership, new_status, *, actor, reason, decided_by_question, ip):
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    allowed, why_not = check_transition(locked, new_status)
    if not allowed:
        raise TransitionError(why_not)
    reason = _require_reason(reason)
    old = locked.status
    locked.status = Status(new_status)
    today = timezone.localdate()
    if locked.status == Status.ACTIVE and locked.since is None:
        locked.since = today
    if locked.status == Status.ENDED:
        locked.until = max(today, locked.since) if locked.since else today
    if old == Status.PHASING_OUT and locked.status == Status.ACTIVE:
        locked.until = None
    locked.save(update_fields=["status", "since", "until", "updated_at"])
    decision = decision_reference(decided_by_question)
    _history(
        locked,
        StatusChange.Event.STATUS,
        actor=actor,
        reason=reason,
        from_status=old,
        to_status=locked.status,
        decision=decision,
    )
    audit.record(
        actor=actor,
        action="partnerships.change_status",
        obj=locked,
        ip=ip,
        data={"from": old, "to": locked.status, "reason": reason, "decision": decision},
    )
    partnership.status, partnership.since, partnership.until = locked.status, locked.since, locked.until
    return locked


def transform_to_project(partnership, *, actor, reason, decided_by_question=None, ip=None, title=None):
    """Turn a symbolic city link into a project-based cooperation (pillar A). The new cooperation
    keeps the partners, themes and goals and points back to the link (`transformed_from`); the
    link itself ends. Both record the step in their history. Returns the new cooperation."""
    try:
        return _transform_to_project(
            partnership, actor=actor, reason=reason, decided_by_question=decided_by_question, ip=ip, title=title
        )
    except TransitionError as error:
        audit.record(
            actor=actor,
            action="partnerships.transform",
            obj=partnership,
            ip=ip,
            result="refused",
            data={"from": partnership.status, "reason": str(error)},
        )
        raise


@transaction.atomic
def _transform_to_project(partnership, *, actor, reason, decided_by_question, ip, title):
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    why_not = ""
    if locked.kind != Partnership.Kind.CITY_LINK:
        why_not = _("Only a symbolic city link can be transformed into a project-based cooperation.")
    elif locked.status not in TRANSFORMABLE:
        why_not = _("A city link that is “%(status)s” cannot be transformed.") % {"status": Status(locked.status).label}
    elif locked.transformed_into.exists():
        why_not = _("This city link has already been transformed.")
    if why_not:
        raise TransitionError(why_not)
    reason = _require_reason(reason)
    decision = decision_reference(decided_by_question)
    today = timezone.localdate()
    project_title = (title or "").strip() or _("%(title)s: project-based cooperation") % {"title": locked.title}
    project = Partnership.objects.create(
        title=project_title[:200],
        slug=unique_slug(project_title),
        kind=Partnership.Kind.PROJECT,
        pillar="A",
        status=Status.ACTIVE,
        summary=locked.summary,
        since=today,
        lead=locked.lead,
        lead_name=locked.lead_name,
        lead_portfolio=locked.lead_portfolio,
        official_contact=locked.official_contact,
        official_contact_email=locked.official_contact_email,
        origin=locked.origin,
        business_partners=locked.business_partners,
        community_partners=locked.community_partners,
        transformed_from=locked,
    )
    project.partners.set(locked.partners.all())
    project.themes.set(locked.themes.all())
    project.goals.set(locked.goals.all())

    old = locked.status
    locked.status = Status.ENDED
    locked.until = max(today, locked.since) if locked.since else today
    locked.save(update_fields=["status", "until", "updated_at"])

    _history(
        locked,
        StatusChange.Event.TRANSFORMED,
        actor=actor,
        reason=reason,
        detail=project.title,
        from_status=old,
        to_status=Status.ENDED,
        decision=decision,
    )
    _history(
        project,
        StatusChange.Event.TRANSFORMED_FROM,
        actor=actor,
        reason=reason,
        detail=locked.title,
        to_status=Status.ACTIVE,
        decision=decision,
    )
    audit.record(
        actor=actor,
        action="partnerships.transform",
        obj=locked,
        ip=ip,
        data={"from": old, "project_id": project.pk, "reason": reason, "decision": decision},
    )
    partnership.status, partnership.until = locked.status, locked.until
    return project


def _check_plan_open(partnership):
    if partnership.status == Status.ENDED:
        raise TransitionError(_("This partnership has ended; its phase-out plan can no longer change."))
    if partnership.kind != Partnership.Kind.CITY_LINK:
        raise TransitionError(_("Only a symbolic city link has a phase-out plan."))


@transaction.atomic
def add_phase_out_step(partnership, *, actor, title, due_on=None, idempotency_key=None, ip=None):
    """Add a step to the phase-out plan of a city link (it may be drafted while the link is dormant)."""
    if idempotency_key is not None:
        existing = PhaseOutStep.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    _check_plan_open(partnership)
    title = (title or "").strip()
    if partnership.phase_out_steps.filter(title__iexact=title).exists():
        raise TransitionError(_("The plan already has a step with this name."))
    position = partnership.phase_out_steps.count() + 1
    step = PhaseOutStep.objects.create(
        partnership=partnership, title=title, due_on=due_on, position=position, idempotency_key=idempotency_key
    )
    _history(partnership, StatusChange.Event.STEP_ADDED, actor=actor, detail=title)
    audit.record(actor=actor, action="partnerships.phase_out_step_add", obj=step, ip=ip, data={"title": title})
    return step


def add_standard_phase_out_plan(partnership, *, actor, start=None, ip=None):
    """The usual three steps (inform the partner city, a closing event, hand over to the community),
    skipping those already in the plan."""
    start = start or timezone.localdate()
    steps = []
    existing = {t.lower() for t in partnership.phase_out_steps.values_list("title", flat=True)}
    for title, days in STANDARD_PHASE_OUT_STEPS:
        if str(title).lower() in existing:
            continue
        steps.append(
            add_phase_out_step(
                partnership, actor=actor, title=str(title), due_on=start + datetime.timedelta(days=days), ip=ip
            )
        )
    return steps


@transaction.atomic
def complete_phase_out_step(step, *, actor, done_on=None, ip=None):
    """Tick off a step of the plan, with the date it was done (today unless given; never in the future)."""
    step = PhaseOutStep.objects.select_for_update().select_related("partnership").get(pk=step.pk)
    partnership = step.partnership
    _check_plan_open(partnership)
    if partnership.status != Status.PHASING_OUT:
        raise TransitionError(_("Steps can be ticked off once the partnership is being phased out."))
    if step.done_on is not None:
        raise TransitionError(_("This step was already ticked off."))
    today = timezone.localdate()
    done_on = done_on or today
    if done_on > today:
        raise TransitionError(_("A step cannot be ticked off with a date in the future."))
    step.done_on = done_on
    step.done_by = actor if getattr(actor, "is_authenticated", False) else None
    step.save(update_fields=["done_on", "done_by"])
    _history(partnership, StatusChange.Event.STEP_DONE, actor=actor, detail=step.title)
    audit.record(
        actor=actor, action="partnerships.phase_out_step_done", obj=step, ip=ip, data={"done_on": done_on.isoformat()}
    )
    return step


@transaction.atomic
def log_activity(
    partnership,
    *,
    actor,
    kind,
    date,
    title,
    participants="",
    costs=0,
    description="",
    documents=(),
    idempotency_key=None,
    ip=None,
):
    """Log an activity with its documents (each a dict with title, file, is_public). A repeated
    submit with the same idempotency key returns the first activity."""
    if idempotency_key is not None:
        existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if partnership.status == Status.ENDED and date > (partnership.until or date):
        raise TransitionError(_("This partnership has ended; only activities from before its end can be logged."))
    activity = Activity.objects.create(
        partnership=partnership,
        kind=kind,
        date=date,
        title=title,
        participants=participants or "",
        costs=costs or 0,
        description=description or "",
        logged_by=actor if getattr(actor, "is_authenticated", False) else None,
        idempotency_key=idempotency_key,
    )
    for document in documents:
        ActivityDocument.objects.create(
            activity=activity,
            title=document["title"],
            file=document["file"],
            is_public=document.get("is_public", False),
            uploaded_by=activity.logged_by,
        )
    _history(partnership, StatusChange.Event.ACTIVITY, actor=actor, detail=title)
    audit.record(
        actor=actor,
        action="partnerships.log_activity",
        obj=activity,
        ip=ip,
        data={"kind": kind, "costs": str(activity.costs), "documents": len(documents)},
    )
    return activity


@transaction.atomic
def add_document(activity, *, actor, title, file, is_public=False, ip=None):
    document = ActivityDocument.objects.create(
        activity=activity,
        title=title,
        file=file,
        is_public=is_public,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _history(activity.partnership, StatusChange.Event.DOCUMENT, actor=actor, detail=title)
    audit.record(actor=actor, action="partnerships.add_document", obj=document, ip=ip, data={"public": is_public})
    return document


PARTNER_FIELDS = ["name", "country_code", "region", "population", "website", "description"]


@transaction.atomic
def save_partner(partner, *, actor, fields, ip=None):
    """Create (partner=None) or change a partner city or region; one audit record per save."""
    creating = partner is None
    # Re-read the row: a ModelForm's validation has already copied the new values onto the instance.
    partner = Partner() if creating else Partner.objects.select_for_update().get(pk=partner.pk)
    changed = [name for name in PARTNER_FIELDS if name in fields and getattr(partner, name) != fields[name]]
    for name in changed:
        setattr(partner, name, fields[name])
    if creating or changed:
        partner.save()
        audit.record(
            actor=actor,
            action="partnerships.partner_create" if creating else "partnerships.partner_update",
            obj=partner,
            ip=ip,
            data={"changed": changed},
        )
    return partner
