"""The citizen's rights under the AVG (GDPR): download your data, delete your account; and the
retention purge. Each app that holds personal data offers a `<app>/privacy.py` with:

- `export(user) -> dict`: the person's data in that app;
- `deletion_blockers(user) -> list[str]`: reasons the account cannot be deleted now;
- `erase(user) -> None`: delete what may go, minimise what the law makes us keep;
- `purge(now, retention, dry_run) -> list[str]`: remove what passed its retention term.

This module sits at the top of the dependency graph and calls them in order.
"""

import importlib
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit.services import record

PROVIDERS = ["grants.privacy"]


def _providers():
    return [importlib.import_module(name) for name in PROVIDERS]


def export_data(user):
    """Everything the portal holds about a person, as one JSON-serialisable dict."""
    data = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "roles": sorted(user.role_names),
            "date_joined": user.date_joined.isoformat(),
            "email_verified_at": user.email_verified_at.isoformat() if user.email_verified_at else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "exported_at": timezone.now().isoformat(),
    }
    for module in _providers():
        data.update(module.export(user))
    return data


def deletion_blockers(user):
    reasons = []
    if user.is_staff or user.is_superuser or user.has_role("civil_servant", "council_member", "administrator"):
        reasons.append("staff")
    for module in _providers():
        reasons.extend(module.deletion_blockers(user))
    return reasons


@transaction.atomic
def delete_account(user, *, ip=None):
    """Delete a citizen's account. Records the law makes us keep stay, minimised, linked to an
    anonymous placeholder; everything else goes, uploaded files included."""
    blockers = deletion_blockers(user)
    if blockers:
        raise ValueError(blockers)
    for module in _providers():
        module.erase(user)
    record(actor=None, action="account.deleted", obj=user, ip=ip, data={"user_id": user.pk})
    if _still_referenced(user):
        user.email = f"deleted-{uuid.uuid4().hex}@invalid.example"
        user.full_name = "—"
        user.phone = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
    else:
        user.delete()


def _still_referenced(user):
    for relation in user._meta.related_objects:
        if relation.on_delete.__name__ != "PROTECT":
            continue
        accessor = relation.get_accessor_name()
        manager = getattr(user, accessor, None)
        if manager is not None and hasattr(manager, "exists") and manager.exists():
            return True
    return False


def retention():
    return settings.RETENTION


def purge(*, dry_run=False, now=None):
    """Remove what has passed its retention term (settings.RETENTION); return what was (or would be) removed."""
    now = now or timezone.now()
    lines = []
    User = get_user_model()
    unverified = User.objects.filter(
        is_active=False,
        email_verified_at__isnull=True,
        date_joined__lt=now - timezone.timedelta(days=settings.RETENTION["unverified_accounts_days"]),
    )
    lines += [f"unverified account {u.pk}" for u in unverified]
    for module in _providers():
        lines += module.purge(now=now, retention=settings.RETENTION, dry_run=dry_run)
    if not dry_run:
        unverified.delete()
        from audit.models import AuditEvent

        old = now - timezone.timedelta(days=settings.RETENTION["audit_events_days"])
        count = AuditEvent.objects.purge_before(old)
        lines.append(f"{count} audit events older than {old:%Y-%m-%d}")
    return lines
