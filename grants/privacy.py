"""The grants app's part of the AVG rights and retention (called by velsen_intl.privacy).

Never-submitted drafts belong to the applicant alone and go with their files. Applications the
municipality received are administrative records (Archiefwet, fiscal retention): they stay, with
the contact details that are no longer needed removed.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from grants.models import (
    COMMITTED_STATES,
    OPEN_STATES,
    Application,
    ApplicationEvent,
    Attachment,
    ConflictOfInterest,
    CostLine,
    InternalNote,
    Status,
)


def _iso(value):
    return value.isoformat() if value else None


def _money(value):
    return str(value) if value is not None else None


def export(user):
    applications = (
        Application.objects.filter(applicant=user)
        .prefetch_related("cost_lines", "attachments", "events", "goals")
        .select_related("partnership")
        .order_by("created_at")
    )
    rows = []
    for app in applications:
        rows.append(
            {
                "reference": app.reference,
                "status": app.status,
                "title": app.title,
                "pillar": app.pillar,
                "partnership": app.partnership.title if app.partnership else None,
                "goals": [goal.number for goal in app.goals.all()],
                "applicant_kind": app.applicant_kind,
                "contact_name": app.contact_name,
                "organisation_name": app.organisation_name,
                "kvk_number": app.kvk_number,
                "address": app.address,
                "contact_email": app.contact_email,
                "phone": app.phone,
                "iban": app.iban,
                "account_holder": app.account_holder,
                "activity_plan": app.activity_plan,
                "start_date": _iso(app.start_date),
                "end_date": _iso(app.end_date),
                "cost_lines": [
                    {"description": c.description, "amount": _money(c.amount)} for c in app.cost_lines.all()
                ],
                "other_funding": _money(app.other_funding),
                "requested_amount": _money(app.requested_amount),
                "granted_amount": _money(app.granted_amount),
                "settled_amount": _money(app.settled_amount),
                "received_at": _iso(app.received_at),
                "decided_at": _iso(app.decided_at),
                "attachments": [a.original_name for a in app.attachments.all()],
                "history": [
                    {"at": _iso(e.at), "action": e.action, "from": e.from_status, "to": e.to_status, "why": e.reason}
                    for e in app.events.all()
                    if e.visible_to_applicant
                ],
            }
        )
    return {"grant_applications": rows}


def deletion_blockers(user):
    """Applications still being handled, or grants not yet settled, keep the account."""
    reasons = []
    for app in Application.objects.filter(applicant=user, status__in=OPEN_STATES | COMMITTED_STATES - {Status.SETTLED}):
        if app.status in OPEN_STATES:
            reasons.append(
                _("Application %(ref)s is still being handled: withdraw it or wait for the decision.")
                % {"ref": app.reference}
            )
        else:
            reasons.append(
                _("The grant %(ref)s is not settled yet: submit the account first.") % {"ref": app.reference}
            )
    return reasons


def _delete_with_files(applications):
    """Delete applications with everything hanging off them; the files go once the transaction commits."""
    applications = list(applications)
    if not applications:
        return 0
    attachments = Attachment.objects.filter(application__in=applications)
    files = [(a.file.storage, a.file.name) for a in attachments if a.file]
    ApplicationEvent.objects.filter(application__in=applications).delete()
    InternalNote.objects.filter(application__in=applications).delete()
    ConflictOfInterest.objects.filter(application__in=applications).delete()
    attachments.delete()
    CostLine.objects.filter(application__in=applications).delete()
    for app in applications:
        app.goals.clear()
    count = Application.objects.filter(pk__in=[a.pk for a in applications]).delete()[0]

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return count


def erase(user):
    _delete_with_files(Application.objects.filter(applicant=user, reference__isnull=True))
    kept = Application.objects.filter(applicant=user)
    # Contact details are no longer needed once the file is closed; payment data of a grant is kept.
    kept.update(contact_email="", phone="", address="")
    kept.exclude(status__in=COMMITTED_STATES).update(iban="", account_holder="")
    kept.filter(applicant_kind=Application.ApplicantKind.PERSON).exclude(status__in=COMMITTED_STATES).update(
        contact_name=""
    )


def purge(*, now, retention, dry_run):
    """Drafts untouched past their term; closed grant files past the fiscal retention term."""
    draft_cutoff = now - datetime.timedelta(days=retention["draft_applications_days"])
    file_cutoff = now - datetime.timedelta(days=365 * retention["settled_application_years"])
    old_drafts = Application.objects.filter(reference__isnull=True, updated_at__lt=draft_cutoff)
    closed = Application.objects.filter(
        status__in=[Status.SETTLED, Status.REFUSED, Status.WITHDRAWN, Status.SET_ASIDE], updated_at__lt=file_cutoff
    )
    lines = [f"draft application {pk}" for pk in old_drafts.values_list("pk", flat=True)]
    lines += [f"closed grant file {ref}" for ref in closed.values_list("reference", flat=True)]
    if not dry_run:
        _delete_with_files(old_drafts)
        _delete_with_files(closed)
    return lines
