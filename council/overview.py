"""The civil servant's start page: what needs doing on council questions."""

from django.urls import reverse
from django.utils.translation import gettext as _

from council.models import Question


def staff_overview():
    counts = {row["status"]: row["n"] for row in _counts()}
    base = reverse("council:manage")
    S = Question.Status
    return {
        "title": _("Council questions"),
        "items": [
            {"label": _("Drafts to publish"), "count": counts.get(S.DRAFT, 0), "url": f"{base}?status={S.DRAFT}"},
            {
                "label": _("Open for voting"),
                "count": counts.get(S.VOTING_OPEN, 0),
                "url": f"{base}?status={S.VOTING_OPEN}",
            },
            {
                "label": _("Voting closed, decision to record"),
                "count": counts.get(S.VOTING_CLOSED, 0),
                "url": f"{base}?status={S.VOTING_CLOSED}",
            },
        ],
    }


def _counts():
    from django.db.models import Count

    return Question.objects.values("status").annotate(n=Count("id"))
