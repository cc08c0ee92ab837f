"""The partnerships section of the civil servant's start page."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.models import Partnership, PhaseOutStep

Status = Partnership.Status


def staff_overview():
    counts = Partnership.objects.aggregate(
        active=Count("pk", filter=Q(status=Status.ACTIVE)),
        proposed=Count("pk", filter=Q(status=Status.PROPOSED)),
        dormant=Count("pk", filter=Q(status=Status.DORMANT)),
        phasing_out=Count("pk", filter=Q(status=Status.PHASING_OUT)),
    )
    open_steps = PhaseOutStep.objects.filter(done_on__isnull=True, partnership__status=Status.PHASING_OUT).count()
    manage = reverse("partnerships:manage")
    return {
        "title": _("Partnerships"),
        "items": [
            {"label": _("Active partnerships"), "count": counts["active"], "url": f"{manage}?status=active"},
            {"label": _("Proposed partnerships"), "count": counts["proposed"], "url": f"{manage}?status=proposed"},
            {"label": _("Dormant partnerships"), "count": counts["dormant"], "url": f"{manage}?status=dormant"},
            {
                "label": _("Partnerships being phased out"),
                "count": counts["phasing_out"],
                "url": f"{manage}?status=phasing_out",
            },
            {"label": _("Open phase-out steps"), "count": open_steps, "url": f"{manage}?status=phasing_out"},
        ],
    }
