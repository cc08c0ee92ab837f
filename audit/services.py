"""Write the audit log. Every state-changing service calls `record`."""

from audit.models import AuditEvent


def client_ip(request):
    """The client's address as the app server sees it (REMOTE_ADDR; a proxy must set it)."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(*, actor, action, obj=None, result=AuditEvent.Result.OK, ip=None, data=None):
    """Append one audit event. `actor` may be None (anonymous or the system)."""
    if actor is not None and (not getattr(actor, "is_authenticated", False) or actor.pk is None):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=(actor.email if actor is not None else ""),
        action=action,
        object_type=(obj._meta.label_lower if obj is not None else ""),
        object_id=(str(obj.pk) if obj is not None and obj.pk is not None else ""),
        object_repr=(str(obj)[:200] if obj is not None else ""),
        result=result,
        ip=ip,
        data=data or {},
    )
