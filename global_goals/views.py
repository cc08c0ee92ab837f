"""Public pages (the 17 goals, one goal, KIMO) and the civil servant's pages to keep them up to date.

Views are thin: check the role, validate a form, call a service, render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import client_ip
from global_goals import services
from global_goals.forms import (
    ActionChangeForm,
    ActionForm,
    ActionResultForm,
    ContributionChangeForm,
    ContributionForm,
    IndicatorChangeForm,
    IndicatorForm,
    LabelStatusForm,
    MeasurementForm,
    MeetingChangeForm,
    MeetingForm,
)
from global_goals.models import Action, ActionResult, Contribution, Goal, Indicator, Label, Meeting, NetworkRole

staff_only = role_required(Role.CIVIL_SERVANT, Role.ADMINISTRATOR)
PAGE_SIZE = 20
LABEL_SLUG = "global-goals-gemeente"


def _crumbs(*extra):
    return [(_("Global Goals"), reverse("global_goals:dashboard")), *extra]


def _manage_crumbs(*extra):
    return _crumbs((_("Manage"), reverse("global_goals:manage")), *extra)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _add_service_errors(form, error):
    """Put a model validation error from a service on the form (field-level where possible)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _form_data(form):
    data = dict(form.cleaned_data)
    data.pop("idempotency_key", None)
    data.pop("reason", None)
    return data


def _actions_with_results(queryset):
    return queryset.select_related("network", "goal").prefetch_related(
        Prefetch("results", queryset=ActionResult.objects.order_by("year"))
    )


# --- Public pages --------------------------------------------------------------------------------


@require_GET
def dashboard(request):
    goals = list(services.goals_with_counts())
    focus = [goal for goal in goals if goal.is_focus]
    others = [goal for goal in goals if not goal.is_focus]
    label = Label.objects.filter(slug=LABEL_SLUG).first()
    return render(
        request,
        "global_goals/dashboard.html",
        {
            "focus_goals": focus,
            "other_goals": others,
            "label": label,
            "network": services.kimo_network(),
            "breadcrumbs": [(_("Global Goals"), "")],
        },
    )


@require_GET
def goal(request, number):
    goal = get_object_or_404(Goal, number=number)
    contributions = list(
        Contribution.objects.filter(goal=goal).with_indicators().order_by("-kind", "-period_start", "title")
    )
    actions = list(_actions_with_results(Action.objects.filter(goal=goal)))
    return render(
        request,
        "global_goals/goal.html",
        {
            "goal": goal,
            "contribution_count": len(contributions),
            "focus_contributions": [c for c in contributions if c.kind == Contribution.Kind.FOCUS],
            "base_contributions": Paginator(
                [c for c in contributions if c.kind == Contribution.Kind.BASE_LEVEL], PAGE_SIZE
            ).get_page(request.GET.get("page")),
            "partnerships": services.serving(goal, services.PARTNERSHIPS_RELATION),
            "grants": services.serving(goal, services.GRANTS_RELATION),
            "actions": actions,
            "networks": list(goal.networks.all()),
            "previous_number": goal.number - 1 if goal.number > 1 else None,
            "next_number": goal.number + 1 if goal.number < 17 else None,
            "breadcrumbs": _crumbs((str(goal), "")),
        },
    )


@require_GET
def kimo(request):
    network = services.kimo_network()
    if network is None:
        raise Http404
    today = timezone.localdate()
    meetings = Meeting.objects.filter(network=network)
    return render(
        request,
        "global_goals/kimo.html",
        {
            "network": network,
            "current_roles": list(NetworkRole.objects.filter(network=network).current(today)),
            "earlier_roles": list(NetworkRole.objects.filter(network=network, until__lt=today)),
            "upcoming": list(meetings.upcoming(today)),
            "past": _page(request, meetings.past(today)),
            "actions": list(_actions_with_results(network.actions.all())),
            "breadcrumbs": _crumbs((network.short_name, "")),
        },
    )


# --- Civil servant: overview and contributions ---------------------------------------------------


@staff_only
@require_GET
def manage(request):
    contributions = (
        Contribution.objects.select_related("goal")
        .annotate(indicator_count=Count("indicators"))
        .order_by("goal", "title")
    )
    goal_filter = request.GET.get("goal", "")
    if goal_filter.isdigit():
        contributions = contributions.filter(goal_id=int(goal_filter))
    network = services.kimo_network()
    return render(
        request,
        "global_goals/manage/index.html",
        {
            "page": _page(request, contributions),
            "goals": Goal.objects.all(),
            "goal_filter": goal_filter,
            "network": network,
            "actions": list(Action.objects.all()),
            "label": Label.objects.filter(slug=LABEL_SLUG).first(),
            "breadcrumbs": _crumbs((_("Manage"), "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def contribution_create(request):
    form = ContributionForm(request.POST or None, initial={"goal": request.GET.get("goal")})
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.create_contribution(
                actor=request.user,
                ip=client_ip(request),
                idempotency_key=form.cleaned_data["idempotency_key"],
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The contribution has been recorded."))
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Record a contribution"),
            "submit_label": _("Record the contribution"),
            "cancel_url": reverse("global_goals:manage"),
            "breadcrumbs": _manage_crumbs((_("Record a contribution"), "")),
        },
    )


def _contribution(pk):
    return get_object_or_404(Contribution.objects.select_related("goal"), pk=pk)


@staff_only
@require_GET
def contribution_detail(request, pk):
    contribution = get_object_or_404(Contribution.objects.select_related("goal").with_indicators(), pk=pk)
    return render(
        request,
        "global_goals/manage/contribution.html",
        {
            "contribution": contribution,
            "events": services.history_of(contribution),
            "breadcrumbs": _manage_crumbs((contribution.title, "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def contribution_edit(request, pk):
    contribution = _contribution(pk)
    form = ContributionChangeForm(request.POST or None, instance=Contribution.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contribution(
                contribution,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The contribution has been changed."))
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Change the contribution"),
            "submit_label": _("Save the changes"),
            "cancel_url": contribution.get_absolute_url(),
            "breadcrumbs": _manage_crumbs((contribution.title, contribution.get_absolute_url()), (_("Change"), "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk):
    contribution = _contribution(pk)
    form = IndicatorForm(request.POST or None, instance=Indicator(contribution=contribution))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_indicator(
                contribution,
                actor=request.user,
                ip=client_ip(request),
                idempotency_key=form.cleaned_data["idempotency_key"],
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added."))
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Add an indicator"),
            "intro": contribution.title,
            "submit_label": _("Add the indicator"),
            "cancel_url": contribution.get_absolute_url(),
            "breadcrumbs": _manage_crumbs(
                (contribution.title, contribution.get_absolute_url()), (_("Add an indicator"), "")
            ),
        },
    )


def _indicator(pk):
    return get_object_or_404(Indicator.objects.select_related("contribution", "contribution__goal"), pk=pk)


@staff_only
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = _indicator(pk)
    contribution = indicator.contribution
    form = IndicatorChangeForm(request.POST or None, instance=Indicator.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(
                indicator,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been changed."))
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Change the indicator"),
            "intro": f"{contribution.title}: {indicator.name}",
            "submit_label": _("Save the changes"),
            "cancel_url": contribution.get_absolute_url(),
            "breadcrumbs": _manage_crumbs(
                (contribution.title, contribution.get_absolute_url()), (_("Change the indicator"), "")
            ),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def measurement_create(request, pk):
    indicator = _indicator(pk)
    contribution = indicator.contribution
    form = MeasurementForm(request.POST or None, initial={"measured_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.record_measurement(
            indicator,
            actor=request.user,
            ip=client_ip(request),
            measured_on=form.cleaned_data["measured_on"],
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The measurement has been recorded."))
        return redirect(contribution.get_absolute_url())
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Record a measurement"),
            "intro": f"{indicator.name} ({indicator.unit})",
            "submit_label": _("Record the measurement"),
            "cancel_url": contribution.get_absolute_url(),
            "breadcrumbs": _manage_crumbs(
                (contribution.title, contribution.get_absolute_url()), (_("Record a measurement"), "")
            ),
        },
    )


# --- Civil servant: KIMO meetings and actions ----------------------------------------------------


def _network_or_404():
    network = services.kimo_network()
    if network is None:
        raise Http404
    return network


@staff_only
@require_GET
def meeting_list(request):
    network = _network_or_404()
    return render(
        request,
        "global_goals/manage/meetings.html",
        {
            "network": network,
            "page": _page(request, Meeting.objects.filter(network=network).order_by("-date")),
            "breadcrumbs": _manage_crumbs((_("Meetings"), "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    network = _network_or_404()
    form = MeetingForm(request.POST or None, initial={"hosted_by_velsen": True})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.record_meeting(
                network,
                actor=request.user,
                ip=client_ip(request),
                idempotency_key=form.cleaned_data["idempotency_key"],
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been recorded."))
            return redirect("global_goals:manage_meeting", pk=meeting.pk)
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Record a meeting"),
            "intro": network.name,
            "submit_label": _("Record the meeting"),
            "cancel_url": reverse("global_goals:manage_meetings"),
            "breadcrumbs": _manage_crumbs(
                (_("Meetings"), reverse("global_goals:manage_meetings")), (_("Record a meeting"), "")
            ),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("network"), pk=pk)
    form = MeetingChangeForm(request.POST or None, instance=Meeting.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                meeting,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been changed."))
            return redirect("global_goals:manage_meeting", pk=meeting.pk)
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Meeting of %(date)s") % {"date": date_format(meeting.date, "DATE_FORMAT")},
            "intro": meeting.topic,
            "submit_label": _("Save the changes"),
            "cancel_url": reverse("global_goals:manage_meetings"),
            "events": services.history_of(meeting),
            "breadcrumbs": _manage_crumbs(
                (_("Meetings"), reverse("global_goals:manage_meetings")), (meeting.topic, "")
            ),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def action_create(request):
    network = _network_or_404()
    form = ActionForm(request.POST or None, initial={"goal": 14})
    if request.method == "POST" and form.is_valid():
        try:
            action = services.create_action(network, actor=request.user, ip=client_ip(request), **_form_data(form))
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The action has been recorded."))
            return redirect("global_goals:manage_action", pk=action.pk)
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Record an action"),
            "intro": network.name,
            "submit_label": _("Record the action"),
            "cancel_url": reverse("global_goals:manage"),
            "breadcrumbs": _manage_crumbs((_("Record an action"), "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    """An action with its results per year; the form records (or corrects) a year's result."""
    action = get_object_or_404(_actions_with_results(Action.objects.all()), pk=pk)
    form = ActionResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_action_result(
            action,
            actor=request.user,
            ip=client_ip(request),
            year=form.cleaned_data["year"],
            quantity=form.cleaned_data["quantity"],
            participants=form.cleaned_data["participants"],
            source=form.cleaned_data["source"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The result has been recorded."))
        return redirect("global_goals:manage_action", pk=action.pk)
    return render(
        request,
        "global_goals/manage/action.html",
        {
            "action": action,
            "form": form,
            "events": services.history_of(action),
            "breadcrumbs": _manage_crumbs((action.name, "")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = get_object_or_404(Action, pk=pk)
    form = ActionChangeForm(request.POST or None, instance=Action.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(
                action,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
                **_form_data(form),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The action has been changed."))
            return redirect("global_goals:manage_action", pk=action.pk)
    return render(
        request,
        "global_goals/manage/form.html",
        {
            "form": form,
            "title": _("Change the action"),
            "intro": action.name,
            "submit_label": _("Save the changes"),
            "cancel_url": reverse("global_goals:manage_action", args=[action.pk]),
            "breadcrumbs": _manage_crumbs(
                (action.name, reverse("global_goals:manage_action", args=[action.pk])), (_("Change"), "")
            ),
        },
    )


# --- Civil servant: the label --------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def label_status(request):
    label = get_object_or_404(Label, slug=LABEL_SLUG)
    form = LabelStatusForm(request.POST or None, allowed=services.allowed_label_statuses(label))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_label_status(
                label,
                form.cleaned_data["status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                council_decision=form.cleaned_data["council_decision"],
                council_decision_url=form.cleaned_data["council_decision_url"],
                ip=client_ip(request),
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status of the label has been changed."))
            return redirect("global_goals:manage_label")
    return render(
        request,
        "global_goals/manage/label.html",
        {
            "label": label,
            "form": form,
            "events": services.history_of(label),
            "breadcrumbs": _manage_crumbs((label.name, "")),
        },
    )
