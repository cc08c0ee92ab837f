"""What the civil servant's start page shows for grants: the work waiting, with links."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from grants.models import Application, Status


def staff_overview():
    queue = reverse("grants:queue")
    counts = dict(
        Application.objects.filter(
            status__in=[Status.SUBMITTED, Status.INFORMATION_REQUESTED, Status.IN_REVIEW, Status.ACCOUNT_SUBMITTED]
        )
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "title": _("Grant applications"),
        "items": [
            {
                "label": _("New, to be reviewed"),
                "count": counts.get(Status.SUBMITTED, 0),
                "url": f"{queue}?status=submitted",
            },
            {"label": _("In review"), "count": counts.get(Status.IN_REVIEW, 0), "url": f"{queue}?status=in_review"},
            {
                "label": _("Waiting for information"),
                "count": counts.get(Status.INFORMATION_REQUESTED, 0),
                "url": f"{queue}?status=information_requested",
            },
            {"label": _("Overdue"), "count": Application.objects.overdue().count(), "url": f"{queue}?overdue=on"},
            {
                "label": _("Accounts to settle"),
                "count": counts.get(Status.ACCOUNT_SUBMITTED, 0),
                "url": f"{queue}?status=account_submitted",
            },
        ],
    }
