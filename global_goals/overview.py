"""What the civil servant's start page shows about Global Goals and KIMO."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from global_goals.models import Contribution, Label, Meeting


def staff_overview():
    today = timezone.localdate()
    label = Label.objects.filter(slug="global-goals-gemeente").first()
    items = [
        {
            "label": _("Contributions to the Global Goals"),
            "count": Contribution.objects.count(),
            "url": reverse("global_goals:manage"),
        },
        {
            "label": _("Upcoming KIMO meetings"),
            "count": Meeting.objects.upcoming(today).count(),
            "url": reverse("global_goals:manage_meetings"),
        },
        {
            "label": _("Past meetings without minutes"),
            "count": Meeting.objects.past(today).filter(minutes="", minutes_url="").count(),
            "url": reverse("global_goals:manage_meetings"),
        },
    ]
    if label is not None:
        items.append(
            {
                "label": _("Label “%(name)s” awaiting a council decision") % {"name": label.name},
                "count": 1 if label.status == Label.Status.PROPOSED else 0,
                "url": reverse("global_goals:manage_label"),
            }
        )
    return {"title": _("Global Goals and KIMO"), "items": items}
