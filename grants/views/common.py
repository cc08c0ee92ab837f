"""Lookups shared by the views: one helper per kind of access that returns the object or raises 404."""

from django.db.models import Prefetch
from django.http import Http404

from grants.models import Application, ApplicationEvent, Status


def application_queryset():
    return Application.objects.select_related("partnership", "applicant", "decided_by").prefetch_related(
        "goals", "cost_lines", "attachments"
    )


def get_own_application(user, pk):
    """The user's own application; anyone else's is a 404, never a 403."""
    try:
        return application_queryset().get(pk=pk, applicant=user)
    except Application.DoesNotExist:
        raise Http404


def get_visible_application(user, pk):
    """For pages both the applicant and staff see (attachments, decision letters)."""
    try:
        application = application_queryset().get(pk=pk)
    except Application.DoesNotExist:
        raise Http404
    if application.applicant_id == user.pk:
        return application
    # Staff see what was sent to them; a draft is still the applicant's own (as in the queue).
    if user.is_civil_servant and application.status != Status.DRAFT:
        return application
    raise Http404


def public_events(application):
    return application.events.filter(visible_to_applicant=True).select_related("actor")


def events_prefetch(staff=False):
    qs = ApplicationEvent.objects.select_related("actor")
    if not staff:
        qs = qs.filter(visible_to_applicant=True)
    return Prefetch("events", queryset=qs)
