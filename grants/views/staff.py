"""The civil servant's pages: the queue (with CSV export), one application with its actions and
notes, and the decision overview of a year."""

import csv
import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import client_ip
from grants import forms, services
from grants.models import Application, ApplicationEvent, Budget, Status
from grants.views.common import application_queryset

staff_required = role_required(Role.CIVIL_SERVANT, Role.ADMINISTRATOR)


def _queue_queryset(request):
    years = Application.objects.exclude(year=None).order_by().values_list("year", flat=True).distinct()
    form = forms.QueueFilterForm(request.GET or None, years=list(years))
    queryset = form.filter(Application.objects.submitted().select_related("applicant")).in_queue_order()
    return form, queryset


@staff_required
def queue(request):
    form, queryset = _queue_queryset(request)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(a, d, -d if d is not None and d < 0 else None) for a in page.object_list for d in [a.days_left(today)]]
    return render(
        request,
        "grants/staff/queue.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "csv_query": request.GET.urlencode(),
            "breadcrumbs": [(_("Application queue"), None)],
        },
    )


@staff_required
def queue_csv(request):
    """The filtered queue as CSV (same filters and order as the page, all rows)."""
    _form, queryset = _queue_queryset(request)
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="grant-queue-{today:%Y-%m-%d}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Reference"),
            _("Title"),
            _("Applicant"),
            _("Pillar"),
            _("Status"),
            _("Received"),
            _("Complete since"),
            _("Decision due"),
            _("Days left"),
            _("Requested"),
            _("Granted"),
        ]
    )
    for a in queryset:
        writer.writerow(
            [
                a.reference,
                _csv_safe(a.title),
                _csv_safe(a.applicant_display),
                a.pillar,
                a.get_status_display(),
                timezone.localdate(a.received_at).isoformat() if a.received_at else "",
                timezone.localdate(a.completed_at).isoformat() if a.completed_at else "",
                a.decision_due.isoformat() if a.decision_due else "",
                "" if a.days_left(today) is None else a.days_left(today),
                a.requested_amount or "",
                a.granted_amount or "",
            ]
        )
    return response


def _csv_safe(value):
    """Keep spreadsheet programs from running formulas typed by applicants."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


ACTIONS = {
    "start_review": forms.StartReviewForm,
    "request_information": forms.RequestInformationForm,
    "recommend": forms.RecommendForm,
    "extend": forms.ExtendForm,
    "grant": forms.GrantForm,
    "refuse": forms.RefuseForm,
    "set_aside": forms.SetAsideForm,
    "settle": forms.SettleForm,
    "note": forms.NoteForm,
    "conflict": forms.ConflictForm,
}

# Which actions the page offers in which state (the services check again).
ACTIONS_BY_STATE = {
    Status.SUBMITTED: ["start_review", "request_information", "extend"],
    Status.INFORMATION_REQUESTED: ["set_aside"],
    Status.IN_REVIEW: ["recommend", "grant", "refuse", "request_information", "extend"],
    Status.GRANTED: ["settle"],
    Status.ACCOUNT_SUBMITTED: ["settle"],
}
DECISIONS = {"grant", "refuse", "settle", "set_aside"}


def _get(pk):
    try:
        return application_queryset().get(pk=pk, status__in=[s for s in Status.values if s != Status.DRAFT])
    except Application.DoesNotExist:
        raise Http404


def _render_detail(request, application, bound=None, status=200):
    events = list(application.events.select_related("actor"))
    Action = ApplicationEvent.Action
    notes = [e for e in events if e.action == Action.NOTE_ADDED]
    conflicts = [e for e in events if e.action == Action.CONFLICT_DECLARED]
    my_conflict = any(c.actor_id == request.user.pk for c in conflicts)
    available = [
        name for name in ACTIONS_BY_STATE.get(application.status, []) if not (my_conflict and name in DECISIONS)
    ]
    action_forms = {}
    for name in [*available, "note", "conflict"]:
        if bound is not None and bound[0] == name:
            action_forms[name] = bound[1]
        else:
            action_forms[name] = ACTIONS[name](prefix=name, initial=_initial(application, name))
    position = None
    if application.year:
        position = (
            Budget.objects.with_position(completed_before=application.completed_at if application.is_open else None)
            .filter(year=application.year)
            .first()
        )
    return render(
        request,
        "grants/staff/detail.html",
        {
            "application": application,
            "events": [e for e in events if e.action != Action.NOTE_ADDED],
            "notes": notes,
            "conflicts": conflicts,
            "my_conflict": my_conflict,
            "action_names": available,
            "action_forms": action_forms,
            "position": position,
            "earlier_waiting": getattr(position, "earlier_waiting", 0),
            "breadcrumbs": [(_("Application queue"), reverse("grants:queue")), (application.reference, None)],
        },
        status=status,
    )


def _initial(application, name):
    if name == "grant":
        return {"amount": application.recommended_amount or application.requested_amount}
    if name == "settle":
        return {"amount": application.granted_amount}
    if name == "recommend":
        return {"recommendation": application.recommendation or None, "amount": application.recommended_amount}
    return None


@staff_required
def detail(request, pk):
    return _render_detail(request, _get(pk))


@staff_required
@require_POST
def action(request, pk, name):
    """Run one of the civil servant's actions through its service; errors are shown on the page."""
    application = _get(pk)
    if name not in ACTIONS:
        raise Http404
    form = ACTIONS[name](request.POST, prefix=name)
    if not form.is_valid():
        return _render_detail(request, application, bound=(name, form), status=400)
    data, actor, ip = form.cleaned_data, request.user, client_ip(request)
    try:
        if name == "start_review":
            services.start_review(application, actor=actor, ip=ip)
        elif name == "request_information":
            services.request_information(
                application,
                actor=actor,
                question=data["question"],
                answer_within=datetime.timedelta(weeks=data["answer_within"]),
                ip=ip,
            )
        elif name == "recommend":
            services.recommend(
                application,
                actor=actor,
                recommendation=data["recommendation"],
                amount=data["amount"],
                motivation=data["motivation"],
                ip=ip,
            )
        elif name == "extend":
            services.extend_deadline(application, actor=actor, weeks=data["weeks"], reason=data["reason"], ip=ip)
        elif name == "grant":
            services.grant(
                application,
                actor=actor,
                amount=data["amount"],
                motivation=data["motivation"],
                conditions=data["conditions"],
                out_of_order_reason=data["out_of_order_reason"],
                ip=ip,
            )
        elif name == "refuse":
            services.refuse(application, actor=actor, motivation=data["motivation"], ip=ip)
        elif name == "set_aside":
            services.set_aside(application, actor=actor, reason=data["reason"], ip=ip)
        elif name == "settle":
            services.settle(application, actor=actor, amount=data["amount"], motivation=data["motivation"], ip=ip)
        elif name == "note":
            services.add_note(application, actor=actor, text=data["text"], ip=ip)
        elif name == "conflict":
            services.declare_conflict(application, actor=actor, reason=data["reason"], ip=ip)
    except (services.TransitionError, ValidationError) as exc:
        form.add_error(None, exc.message if hasattr(exc, "message") else str(exc))
        return _render_detail(request, application, bound=(name, form), status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS.get(name, name)})
    return redirect("grants:staff_detail", pk=application.pk)


ACTION_LABELS = {
    "start_review": gettext_lazy("review started"),
    "request_information": gettext_lazy("information requested"),
    "recommend": gettext_lazy("recommendation recorded"),
    "extend": gettext_lazy("decision term extended"),
    "grant": gettext_lazy("grant awarded"),
    "refuse": gettext_lazy("grant refused"),
    "set_aside": gettext_lazy("application set aside"),
    "settle": gettext_lazy("grant settled"),
    "note": gettext_lazy("note added"),
    "conflict": gettext_lazy("conflict of interest declared"),
}


@staff_required
def decision_overview(request):
    """Every application in review of a year, in queue order, with what granting would leave."""
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    figures = services.budget_figures(year)
    applications = (
        Application.objects.in_year(year).filter(status=Status.IN_REVIEW).select_related("applicant").in_queue_order()
    )
    rows = []
    remaining = figures["available"]
    for application in applications:
        proposed = application.recommended_amount or application.requested_amount or Decimal("0")
        if application.recommendation != Application.Recommendation.REFUSE:
            remaining -= proposed
        rows.append(
            {
                "application": application,
                "proposed": proposed,
                "alone": figures["available"] - proposed,
                "cumulative": remaining,
            }
        )
    return render(
        request,
        "grants/staff/decision_overview.html",
        {
            "year": year,
            "figures": figures,
            "rows": rows,
            "breadcrumbs": [(_("Application queue"), reverse("grants:queue")), (_("Decision overview"), None)],
        },
    )


@role_required(Role.ADMINISTRATOR)
def ceiling(request):
    """An administrator changes a year's ceiling, with the reason recorded."""
    form = forms.CeilingForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_budget_ceiling(
                year=form.cleaned_data["year"],
                ceiling=form.cleaned_data["ceiling"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
            )
        except services.TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The ceiling was changed."))
            return redirect(reverse("grants:budget") + f"?year={form.cleaned_data['year']}")
    return render(
        request,
        "grants/staff/ceiling.html",
        {
            "form": form,
            "breadcrumbs": [(_("Grants and budget"), reverse("grants:budget")), (_("Change the ceiling"), None)],
        },
    )
