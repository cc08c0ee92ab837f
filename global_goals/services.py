"""Every change to Global Goals data goes through here: contributions and their indicators, KIMO
meetings, actions and their results, and the status of the "Global Goals gemeente" label.

Each change writes one `HistoryEvent` (who, when, from, to, why) and one audit event. Services
never take the request: views pass the actor and the client's IP address.
"""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from global_goals.models import (
    Action,
    ActionResult,
    Contribution,
    Goal,
    HistoryEvent,
    Indicator,
    IndicatorMeasurement,
    Label,
    Meeting,
    Network,
    NetworkRole,
)


class TransitionError(Exception):
    """A state change the current state does not allow; the message is translated for the user."""


CONTRIBUTION_FIELDS = ("goal", "kind", "title", "description", "department", "period_start", "period_end", "budget")
INDICATOR_FIELDS = ("name", "unit", "baseline", "target")
MEETING_FIELDS = ("date", "place", "hosted_by_velsen", "topic", "attendees", "minutes", "minutes_url")
ACTION_FIELDS = (
    "name",
    "slug",
    "description",
    "goal",
    "since_year",
    "result_unit",
    "result_label",
    "participant_label",
)

# Which label status may follow which. Adoption and withdrawal are council matters.
LABEL_TRANSITIONS = {
    Label.Status.CONSIDERED: {Label.Status.PROPOSED, Label.Status.WITHDRAWN},
    Label.Status.PROPOSED: {Label.Status.ADOPTED, Label.Status.WITHDRAWN, Label.Status.CONSIDERED},
    Label.Status.ADOPTED: {Label.Status.WITHDRAWN},
    Label.Status.WITHDRAWN: {Label.Status.CONSIDERED},
}


# --- History -------------------------------------------------------------------------------------


def _history(obj, *, actor, action, reason="", from_value="", to_value="", changes=None, subject=None):
    """Write one history event about `subject` (defaults to `obj`)."""
    subject = subject or obj
    return HistoryEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=getattr(actor, "email", "") or "",
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        object_repr=str(subject)[:200],
        action=action,
        from_value=str(from_value)[:300],
        to_value=str(to_value)[:300],
        reason=reason or "",
        changes=changes or {},
    )


def history_of(obj):
    """The timeline of one object, newest first."""
    return HistoryEvent.objects.for_object(obj)


def _display(value):
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def _apply_changes(obj, fields, data):
    """Set the given fields on obj; return {field: [old, new]} for those that really changed."""
    changes = {}
    for field in fields:
        if field not in data:
            continue
        old, new = getattr(obj, field), data[field]
        if _display(old) != _display(new):
            changes[field] = [_display(old), _display(new)]
            setattr(obj, field, new)
    return changes


def _by_key(model, key):
    if key is None:
        return None
    return model.objects.filter(idempotency_key=key).first()


# --- Contributions and indicators ----------------------------------------------------------------


@transaction.atomic
def create_contribution(*, actor, ip=None, idempotency_key=None, reason="", **data):
    """Record a contribution to a goal. A second submit with the same key returns the first one."""
    existing = _by_key(Contribution, idempotency_key)
    if existing is not None:
        return existing
    contribution = Contribution(
        idempotency_key=idempotency_key, **{f: data[f] for f in CONTRIBUTION_FIELDS if f in data}
    )
    contribution.full_clean(exclude=["idempotency_key"])
    contribution.save()
    _history(contribution, actor=actor, action=HistoryEvent.Action.CREATED, reason=reason)
    record(
        actor=actor,
        action="global_goals.contribution.create",
        obj=contribution,
        ip=ip,
        data={"goal": contribution.goal_id},
    )
    return contribution


@transaction.atomic
def update_contribution(contribution, *, actor, reason, ip=None, **data):
    """Change a contribution; records which fields changed from what to what, and why."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    changes = _apply_changes(contribution, CONTRIBUTION_FIELDS, data)
    if not changes:
        return contribution
    contribution.full_clean(exclude=["idempotency_key"])
    contribution.save()
    _history(contribution, actor=actor, action=HistoryEvent.Action.CHANGED, reason=reason, changes=changes)
    record(actor=actor, action="global_goals.contribution.update", obj=contribution, ip=ip, data={"changes": changes})
    return contribution


@transaction.atomic
def add_indicator(contribution, *, actor, ip=None, idempotency_key=None, reason="", **data):
    """Give a contribution a measurable result (name, unit, baseline, target)."""
    existing = _by_key(Indicator, idempotency_key)
    if existing is not None:
        return existing
    indicator = Indicator(
        contribution=contribution,
        idempotency_key=idempotency_key,
        **{f: data[f] for f in INDICATOR_FIELDS if f in data},
    )
    indicator.full_clean(exclude=["idempotency_key"])
    indicator.save()
    detail = f"{indicator.name} ({indicator.unit})"
    _history(
        indicator,
        subject=contribution,
        actor=actor,
        action=HistoryEvent.Action.INDICATOR_ADDED,
        reason=reason,
        changes={"detail": detail},
    )
    record(
        actor=actor,
        action="global_goals.indicator.create",
        obj=indicator,
        ip=ip,
        data={"contribution": contribution.pk},
    )
    return indicator


@transaction.atomic
def update_indicator(indicator, *, actor, reason, ip=None, **data):
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    changes = _apply_changes(indicator, INDICATOR_FIELDS, data)
    if not changes:
        return indicator
    indicator.full_clean(exclude=["idempotency_key"])
    indicator.save()
    changes = {f"{indicator.name}: {field}": values for field, values in changes.items()}
    _history(
        indicator,
        subject=indicator.contribution,
        actor=actor,
        action=HistoryEvent.Action.CHANGED,
        reason=reason,
        changes=changes,
    )
    record(actor=actor, action="global_goals.indicator.update", obj=indicator, ip=ip, data={"changes": changes})
    return indicator


@transaction.atomic
def record_measurement(indicator, *, actor, measured_on, value, note="", reason="", ip=None):
    """Record the indicator's value on a date; the same date again corrects the earlier value."""
    value = Decimal(value)
    if value < 0:
        raise ValueError(_("A measured value cannot be negative."))
    previous = (
        IndicatorMeasurement.objects.select_for_update().filter(indicator=indicator, measured_on=measured_on).first()
    )
    old_value = previous.value if previous is not None else ""
    if previous is not None and previous.value == value and previous.note == note:
        return previous
    measurement, _created = IndicatorMeasurement.objects.update_or_create(
        indicator=indicator, measured_on=measured_on, defaults={"value": value, "note": note}
    )
    _history(
        measurement,
        subject=indicator.contribution,
        actor=actor,
        action=HistoryEvent.Action.MEASURED,
        reason=reason or note,
        from_value=old_value,
        to_value=value,
        changes={"detail": f"{indicator.name} {measured_on:%Y-%m-%d}"},
    )
    record(
        actor=actor,
        action="global_goals.indicator.measure",
        obj=indicator,
        ip=ip,
        data={"date": measured_on.isoformat(), "from": str(old_value), "to": str(value)},
    )
    return measurement


# --- KIMO: meetings, roles, actions and results --------------------------------------------------


@transaction.atomic
def record_meeting(network, *, actor, ip=None, idempotency_key=None, reason="", **data):
    """Record a (past or planned) meeting of a network."""
    existing = _by_key(Meeting, idempotency_key)
    if existing is not None:
        return existing
    meeting = Meeting(
        network=network, idempotency_key=idempotency_key, **{f: data[f] for f in MEETING_FIELDS if f in data}
    )
    meeting.full_clean(exclude=["idempotency_key"])
    meeting.save()
    _history(meeting, actor=actor, action=HistoryEvent.Action.CREATED, reason=reason)
    record(actor=actor, action="global_goals.meeting.create", obj=meeting, ip=ip)
    return meeting


@transaction.atomic
def update_meeting(meeting, *, actor, reason, ip=None, **data):
    """Change a meeting (e.g. add the minutes afterwards)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changes = _apply_changes(meeting, MEETING_FIELDS, data)
    if not changes:
        return meeting
    meeting.full_clean(exclude=["idempotency_key"])
    meeting.save()
    # Minutes can be long: the timeline names the field, the audit log keeps a short trace.
    short = {f: [v[:60] for v in values] for f, values in changes.items()}
    _history(meeting, actor=actor, action=HistoryEvent.Action.CHANGED, reason=reason, changes=short)
    record(actor=actor, action="global_goals.meeting.update", obj=meeting, ip=ip, data={"changes": short})
    return meeting


@transaction.atomic
def assign_role(network, *, actor, kind, holder, since, body="", until=None, reason="", ip=None):
    """Record a dated role in a network (e.g. Velsen's alderman chairs KIMO Nederland & België)."""
    role, created = NetworkRole.objects.get_or_create(
        network=network, kind=kind, body=body, since=since, defaults={"holder": holder, "until": until}
    )
    if created:
        _history(
            role, subject=network, actor=actor, action=HistoryEvent.Action.CREATED, reason=reason, to_value=str(role)
        )
        record(actor=actor, action="global_goals.role.create", obj=role, ip=ip)
    return role


@transaction.atomic
def create_action(network, *, actor, ip=None, reason="", **data):
    action = Action(network=network, **{f: data[f] for f in ACTION_FIELDS if f in data})
    action.full_clean()
    try:
        with transaction.atomic():
            action.save()
    except IntegrityError:
        return Action.objects.get(slug=action.slug)
    _history(action, actor=actor, action=HistoryEvent.Action.CREATED, reason=reason)
    record(actor=actor, action="global_goals.action.create", obj=action, ip=ip)
    return action


@transaction.atomic
def update_action(action, *, actor, reason, ip=None, **data):
    action = Action.objects.select_for_update().get(pk=action.pk)
    changes = _apply_changes(action, ACTION_FIELDS, data)
    if not changes:
        return action
    action.full_clean()
    action.save()
    short = {f: [v[:60] for v in values] for f, values in changes.items()}
    _history(action, actor=actor, action=HistoryEvent.Action.CHANGED, reason=reason, changes=short)
    record(actor=actor, action="global_goals.action.update", obj=action, ip=ip, data={"changes": short})
    return action


@transaction.atomic
def record_action_result(action, *, actor, year, quantity, participants=None, source="", reason="", ip=None):
    """Record (or correct) the result of an action in a year."""
    quantity = Decimal(quantity)
    if quantity < 0:
        raise ValueError(_("A result cannot be negative."))
    previous = ActionResult.objects.select_for_update().filter(action=action, year=year).first()
    old = f"{previous.quantity} {action.result_unit}" if previous is not None else ""
    result, _created = ActionResult.objects.update_or_create(
        action=action, year=year, defaults={"quantity": quantity, "participants": participants, "source": source}
    )
    new = f"{quantity} {action.result_unit}"
    if (
        previous is not None
        and previous.quantity == quantity
        and previous.participants == participants
        and previous.source == source
    ):
        return result
    _history(
        result,
        subject=action,
        actor=actor,
        action=HistoryEvent.Action.RESULT_RECORDED,
        reason=reason,
        from_value=old,
        to_value=new,
        changes={"detail": str(year)},
    )
    record(
        actor=actor,
        action="global_goals.action.result",
        obj=action,
        ip=ip,
        data={"year": year, "from": old, "to": new, "participants": participants},
    )
    return result


# --- The "Global Goals gemeente" label -----------------------------------------------------------


@transaction.atomic
def create_label(*, actor, slug, name, description="", campaign_url="", since=None, reason="", ip=None):
    """Start tracking a label (status "being considered"); returns the existing one for a known slug."""
    label, created = Label.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "description": description,
            "campaign_url": campaign_url,
            "status_since": since or timezone.localdate(),
        },
    )
    if created:
        _history(label, actor=actor, action=HistoryEvent.Action.CREATED, reason=reason, to_value=label.status)
        record(actor=actor, action="global_goals.label.create", obj=label, ip=ip)
    return label


def allowed_label_statuses(label):
    return [status for status in Label.Status if status in LABEL_TRANSITIONS[Label.Status(label.status)]]


def _check_label_transition(label, new_status, *, reason, council_decision, council_decision_url):
    old_status = Label.Status(label.status)
    if new_status not in LABEL_TRANSITIONS[old_status]:
        raise TransitionError(
            _("The label cannot go from “%(from)s” to “%(to)s”.") % {"from": old_status.label, "to": new_status.label}
        )
    if not (reason or "").strip():
        raise TransitionError(_("Give the reason for this change."))
    if new_status == Label.Status.ADOPTED and not (council_decision or council_decision_url or label.council_decision):
        raise TransitionError(_("Adoption rests on a council decision: give its reference or a link to it."))


def change_label_status(
    label,
    new_status,
    *,
    actor,
    reason,
    on=None,
    council_decision="",
    council_decision_url="",
    ip=None,
):
    """Move the label to a new status. Adoption needs the council decision it rests on (a reference
    or a link); the council app may call this and pass its own reference.

    A refused change is audited (outside the transaction, so the record survives) and raised."""
    new_status = Label.Status(new_status)
    try:
        with transaction.atomic():
            label = Label.objects.select_for_update().get(pk=label.pk)
            old_status = Label.Status(label.status)
            _check_label_transition(
                label,
                new_status,
                reason=reason,
                council_decision=council_decision,
                council_decision_url=council_decision_url,
            )
            label.status = new_status
            label.status_since = on or timezone.localdate()
            if council_decision:
                label.council_decision = council_decision
            if council_decision_url:
                label.council_decision_url = council_decision_url
            label.save()
            _history(
                label,
                actor=actor,
                action=HistoryEvent.Action.STATUS_CHANGED,
                reason=reason,
                from_value=old_status.value,
                to_value=new_status.value,
                changes={"on": label.status_since.isoformat(), "council_decision": council_decision or ""},
            )
            record(
                actor=actor,
                action="global_goals.label.status",
                obj=label,
                ip=ip,
                data={"from": old_status.value, "to": new_status.value, "council_decision": council_decision},
            )
    except TransitionError as error:
        record(
            actor=actor,
            action="global_goals.label.status",
            obj=label,
            ip=ip,
            result="refused",
            data={"from": label.status, "to": new_status.value, "reason": str(error)},
        )
        raise
    return label


# --- Reading: goals with what serves them --------------------------------------------------------

# Apps above this one link their records to goals; their reverse relation names on Goal.
PARTNERSHIPS_RELATION = "partnerships"
GRANTS_RELATION = "grant_applications"


def reverse_relation(name):
    """The (model, field name) of a reverse relation on Goal, or None when that app has none (yet).

    Looked up at run time so that this app never imports the apps above it."""
    for rel in Goal._meta.related_objects:
        if rel.get_accessor_name() == name:
            return rel.related_model, rel.field.name
    return None


def public_queryset(model):
    """What the public may see of a higher app's model: its `public()` QuerySet method if it has
    one (e.g. only granted grants to organisations), otherwise everything."""
    queryset = model._default_manager.all()
    if hasattr(queryset, "public"):
        queryset = queryset.public()
    return queryset


def _count_subquery(model, field_name, queryset=None):
    queryset = queryset if queryset is not None else model._default_manager.all()
    counted = (
        queryset.filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))


def goals_with_counts():
    """The 17 goals, focus first, each with `contribution_count`, `partnership_count` and
    `grant_count` (0 while the app that links them has no relation yet). One query."""
    annotations = {"contribution_count": _count_subquery(Contribution, "goal")}
    for attr, relation in (("partnership_count", PARTNERSHIPS_RELATION), ("grant_count", GRANTS_RELATION)):
        found = reverse_relation(relation)
        if found is None:
            annotations[attr] = Value(0)
        else:
            model, field_name = found
            annotations[attr] = _count_subquery(model, field_name, public_queryset(model))
    return Goal.objects.annotate(**annotations).order_by(F("is_focus").desc(), "number")


def serving(goal, relation):
    """The public records of a higher app that serve `goal` (empty list when there are none)."""
    found = reverse_relation(relation)
    if found is None:
        return []
    model, field_name = found
    return list(public_queryset(model).filter(**{field_name: goal}).distinct())


def kimo_network():
    return Network.objects.filter(slug="kimo").first()
