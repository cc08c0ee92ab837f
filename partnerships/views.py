"""Thin views: check the role, validate the form, call a service, render."""

import mimetypes
from collections import defaultdict
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import client_ip
from partnerships import countries, services
from partnerships.forms import (
    ActivityForm,
    CompleteStepForm,
    DocumentForm,
    PartnerForm,
    PartnershipForm,
    PhaseOutStepForm,
    RegisterFilterForm,
    StatusChangeForm,
    TransformForm,
)
from partnerships.models import Activity, ActivityDocument, Partner, Partnership, PhaseOutStep, StatusChange, Theme
from velsen_intl.ratelimit import ratelimit

PAGE_SIZE = 20
upload_limit = ratelimit("partnerships_upload", rate=(60, 3600))
staff_only = role_required(Role.CIVIL_SERVANT, Role.ADMINISTRATOR)

# The template a higher app (grants) may provide to list a partnership's grants on its page.
GRANTS_SECTION_TEMPLATE = "grants/partnership_grants.html"

PUBLIC_EVENTS = {
    StatusChange.Event.CREATED,
    StatusChange.Event.STATUS,
    StatusChange.Event.TRANSFORMED,
    StatusChange.Event.TRANSFORMED_FROM,
    StatusChange.Event.STEP_DONE,
}


def _register_crumb():
    return (_("Partnerships"), reverse("partnerships:register"))


def _manage_crumb():
    return (_("Manage partnerships"), reverse("partnerships:manage"))


# Public pages -------------------------------------------------------------------------------------


@require_GET
def register(request):
    themes = list(Theme.objects.all())
    country_codes = Partner.objects.order_by().values_list("country_code", flat=True).distinct()
    form = RegisterFilterForm(request.GET or None, themes=themes, country_codes=list(country_codes))
    partnerships = Partnership.objects.public().with_register_details().order_by("title")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            partnerships = partnerships.filter(kind=data["kind"])
        if data["status"]:
            partnerships = partnerships.filter(status=data["status"])
        if data["theme"]:
            partnerships = partnerships.filter(themes__slug=data["theme"])
        if data["country"]:
            partnerships = partnerships.filter(partners__country_code=data["country"])
        if data["theme"] or data["country"]:
            partnerships = partnerships.distinct()
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/register.html",
        {"form": form, "page_obj": page, "breadcrumbs": [(_("Partnerships"), "")]},
    )


def public_story(partnership, history, activities):
    """The story over time for the public: status changes and activities, oldest first, no names of staff."""
    events = []
    if partnership.since:
        events.append({"date": partnership.since, "title": _("Partnership begins"), "kind": "since"})
    for entry in history:
        if entry.event not in PUBLIC_EVENTS:
            continue
        events.append(
            {
                "date": entry.at.date(),
                "title": entry.title,
                "from_label": entry.from_label,
                "to_label": entry.to_label,
                "reason": entry.reason,
                "decision_reference": entry.decision_reference,
                "decision_is_url": entry.decision_is_url,
                "kind": entry.event,
            }
        )
    for activity in activities:
        events.append(
            {
                "date": activity.date,
                "title": f"{activity.get_kind_display()}: {activity.title}",
                "reason": activity.description,
                "documents": list(activity.documents.all()),
                "kind": "activity",
            }
        )
    events.sort(key=lambda e: e["date"])
    return events


def _successors(partnership):
    """What a city link was transformed into; only an ended city link can have been."""
    if partnership.is_city_link and partnership.status == Partnership.Status.ENDED:
        return list(partnership.transformed_into.all())
    return []


def _grants_template():
    try:
        return select_template([GRANTS_SECTION_TEMPLATE])
    except TemplateDoesNotExist:
        return None


@require_GET
def detail(request, slug):
    partnership = get_object_or_404(
        Partnership.objects.public().with_register_details().select_related("transformed_from"), slug=slug
    )
    history = partnership.history.all()
    activities = partnership.activities.prefetch_related(
        Prefetch("documents", queryset=ActivityDocument.objects.filter(is_public=True))
    )
    steps = partnership.phase_out_steps.all() if partnership.is_city_link else []
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "successors": _successors(partnership),
            "story": public_story(partnership, history, activities),
            "steps": steps,
            "grants_template": _grants_template(),
            "breadcrumbs": [_register_crumb(), (partnership.title, "")],
        },
    )


@require_GET
def world(request):
    """Where the partners are, grouped by continent and country (no map tiles)."""
    partners = Partner.objects.prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("title"))
    )
    grouped = defaultdict(lambda: defaultdict(list))
    for partner in partners:
        grouped[partner.continent or "unknown"][partner.country_code].append(partner)
    continents = []
    for key, label in countries.CONTINENT_LABELS.items():
        if key not in grouped:
            continue
        by_country = sorted(
            ({"code": code, "name": countries.country_name(code), "partners": ps} for code, ps in grouped[key].items()),
            key=lambda c: str(c["name"]),
        )
        continents.append(
            {"key": key, "label": label, "countries": by_country, "count": sum(len(c["partners"]) for c in by_country)}
        )
    return render(
        request,
        "partnerships/world.html",
        {"continents": continents, "breadcrumbs": [_register_crumb(), (_("Partners in the world"), "")]},
    )


@require_GET
def document(request, pk):
    """Download a document: public ones to anyone, the others to civil servants only (404 otherwise)."""
    doc = get_object_or_404(ActivityDocument, pk=pk)
    user = request.user
    if not doc.is_public and not (user.is_authenticated and user.is_civil_servant):
        raise Http404
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404
    content_type = mimetypes.guess_type(doc.filename)[0] or "application/octet-stream"
    name = f"document-{doc.pk}{Path(doc.filename).suffix}"  # server-made, whatever the upload was called
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Civil servants' pages ----------------------------------------------------------------------------


def _staff_partnership(slug):
    return get_object_or_404(Partnership, slug=slug)


@staff_only
@require_GET
def manage_list(request):
    partnerships = Partnership.objects.annotate(
        activity_count=Count("activities", distinct=True),
        open_steps=Count("phase_out_steps", filter=Q(phase_out_steps__done_on__isnull=True), distinct=True),
    ).prefetch_related("partners")
    status = request.GET.get("status", "")
    if status in Partnership.Status.values:
        partnerships = partnerships.filter(status=status)
    page = Paginator(partnerships.order_by("title"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/manage_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Partnership.Status.choices,
            "breadcrumbs": [(_("Manage partnerships"), "")],
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def create(request):
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partnership = services.create_partnership(
            actor=request.user,
            fields=form.service_fields(),
            partners=form.chosen_partners(actor=request.user, ip=client_ip(request)),
            themes=form.cleaned_data["themes"],
            goals=form.cleaned_data["goals"],
            idempotency_key=form.cleaned_data["idempotency_key"],
            ip=client_ip(request),
        )
        messages.success(request, _("The partnership has been registered."))
        return redirect("partnerships:manage_detail", slug=partnership.slug)
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "heading": _("Register a partnership"),
            "submit_label": _("Register"),
            "cancel_url": reverse("partnerships:manage"),
            "breadcrumbs": [_manage_crumb(), (_("Register a partnership"), "")],
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    partnership = _staff_partnership(slug)
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.update_partnership(
            partnership,
            actor=request.user,
            fields=form.service_fields(),
            partners=form.chosen_partners(actor=request.user, ip=client_ip(request)),
            themes=list(form.cleaned_data["themes"]),
            goals=list(form.cleaned_data["goals"]),
            ip=client_ip(request),
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("partnerships:manage_detail", slug=partnership.slug)
    if request.method == "POST":
        # ModelForm validation writes the typed values onto the instance; show the saved title.
        partnership.refresh_from_db(fields=["title"])
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "heading": _("Edit %(title)s") % {"title": partnership.title},
            "submit_label": _("Save"),
            "cancel_url": reverse("partnerships:manage_detail", args=[partnership.slug]),
            "breadcrumbs": [
                _manage_crumb(),
                (partnership.title, reverse("partnerships:manage_detail", args=[partnership.slug])),
                (_("Edit"), ""),
            ],
        },
    )


@staff_only
@require_GET
def manage_detail(request, slug):
    # Staff pages carry the session and role queries of the foundation; keep this page's own few.
    partnership = get_object_or_404(
        Partnership.objects.select_related("transformed_from")
        .prefetch_related("partners", "themes")
        .annotate(
            steps_total=Count("phase_out_steps"),
            steps_done=Count("phase_out_steps", filter=Q(phase_out_steps__done_on__isnull=False)),
        ),
        slug=slug,
    )
    return render(
        request,
        "partnerships/manage_detail.html",
        {
            "partnership": partnership,
            "successors": _successors(partnership),
            "history": partnership.history.select_related("actor").order_by("-at", "-id"),
            "activities": partnership.activities.with_documents(),
            "next_statuses": services.allowed_next_statuses(partnership),
            "can_transform": partnership.is_city_link and partnership.status in services.TRANSFORMABLE,
            "breadcrumbs": [_manage_crumb(), (partnership.title, "")],
        },
    )


def _staff_crumbs(partnership, label):
    return [
        _manage_crumb(),
        (partnership.title, reverse("partnerships:manage_detail", args=[partnership.slug])),
        (label, ""),
    ]


@staff_only
@require_http_methods(["GET", "POST"])
def change_status(request, slug):
    partnership = _staff_partnership(slug)
    choices = [(s.value, s.label) for s in services.allowed_next_statuses(partnership)]
    form = StatusChangeForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                partnership,
                form.cleaned_data["new_status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                decided_by_question=form.cleaned_data["decision_reference"] or None,
                ip=client_ip(request),
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("partnerships:manage_detail", slug=partnership.slug)
    return render(
        request,
        "partnerships/change_status.html",
        {
            "form": form,
            "partnership": partnership,
            "ended": not choices,
            "breadcrumbs": _staff_crumbs(partnership, _("Change status")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def transform(request, slug):
    partnership = _staff_partnership(slug)
    form = TransformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.transform_to_project(
                partnership,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                decided_by_question=form.cleaned_data["decision_reference"] or None,
                title=form.cleaned_data["title"],
                ip=client_ip(request),
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The city link has been transformed into a project-based cooperation."))
            return redirect("partnerships:manage_detail", slug=project.slug)
    return render(
        request,
        "partnerships/transform.html",
        {"form": form, "partnership": partnership, "breadcrumbs": _staff_crumbs(partnership, _("Transform"))},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def phase_out(request, slug):
    partnership = _staff_partnership(slug)
    if not partnership.is_city_link:
        raise Http404
    form = PhaseOutStepForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "standard":
                services.add_standard_phase_out_plan(partnership, actor=request.user, ip=client_ip(request))
                messages.success(request, _("The standard steps have been added to the plan."))
                return redirect("partnerships:phase_out", slug=partnership.slug)
            if form.is_valid():
                services.add_phase_out_step(
                    partnership,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    due_on=form.cleaned_data["due_on"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    ip=client_ip(request),
                )
                messages.success(request, _("The step has been added to the plan."))
                return redirect("partnerships:phase_out", slug=partnership.slug)
        except services.TransitionError as error:
            form.add_error(None, str(error))
    steps = partnership.phase_out_steps.select_related("done_by")
    return render(
        request,
        "partnerships/phase_out.html",
        {
            "form": form,
            "partnership": partnership,
            "steps": steps,
            "can_tick": partnership.status == Partnership.Status.PHASING_OUT,
            "plan_open": partnership.status != Partnership.Status.ENDED,
            "breadcrumbs": _staff_crumbs(partnership, _("Phase-out plan")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def complete_step(request, slug, step_pk):
    partnership = _staff_partnership(slug)
    step = get_object_or_404(PhaseOutStep, pk=step_pk, partnership=partnership)
    form = CompleteStepForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_phase_out_step(
                step, actor=request.user, done_on=form.cleaned_data["done_on"], ip=client_ip(request)
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The step has been ticked off."))
            return redirect("partnerships:phase_out", slug=partnership.slug)
    return render(
        request,
        "partnerships/complete_step.html",
        {
            "form": form,
            "partnership": partnership,
            "step": step,
            "breadcrumbs": _staff_crumbs(partnership, _("Tick off a step")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
@upload_limit
def log_activity(request, slug):
    partnership = _staff_partnership(slug)
    form = ActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.log_activity(
                partnership,
                actor=request.user,
                kind=data["kind"],
                date=data["date"],
                title=data["title"],
                participants=data["participants"],
                costs=data["costs"],
                description=data["description"],
                documents=form.documents(),
                idempotency_key=data["idempotency_key"],
                ip=client_ip(request),
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The activity has been logged."))
            return redirect("partnerships:manage_detail", slug=partnership.slug)
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "heading": _("Log an activity"),
            "intro": partnership.title,
            "submit_label": _("Log activity"),
            "cancel_url": reverse("partnerships:manage_detail", args=[partnership.slug]),
            "breadcrumbs": _staff_crumbs(partnership, _("Log an activity")),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
@upload_limit
def add_document(request, slug, pk):
    partnership = _staff_partnership(slug)
    activity = get_object_or_404(Activity, pk=pk, partnership=partnership)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.documents()[0]
        services.add_document(activity, actor=request.user, ip=client_ip(request), **document)
        messages.success(request, _("The document has been added."))
        return redirect("partnerships:manage_detail", slug=partnership.slug)
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "heading": _("Add a document"),
            "intro": str(activity),
            "submit_label": _("Add document"),
            "cancel_url": reverse("partnerships:manage_detail", args=[partnership.slug]),
            "breadcrumbs": _staff_crumbs(partnership, _("Add a document")),
        },
    )


@staff_only
@require_GET
def partner_list(request):
    partners = Partner.objects.annotate(partnership_count=Count("partnerships")).order_by("name")
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/partner_list.html",
        {"page_obj": page, "breadcrumbs": [_manage_crumb(), (_("Partner cities and regions"), "")]},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk=None):
    partner = get_object_or_404(Partner, pk=pk) if pk is not None else None
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        services.save_partner(partner, actor=request.user, fields=form.service_fields(), ip=client_ip(request))
        messages.success(request, _("The partner has been saved."))
        return redirect("partnerships:partners")
    heading = _("Edit %(title)s") % {"title": partner.name} if partner else _("Add a partner city or region")
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "heading": heading,
            "submit_label": _("Save"),
            "cancel_url": reverse("partnerships:partners"),
            "breadcrumbs": [
                _manage_crumb(),
                (_("Partner cities and regions"), reverse("partnerships:partners")),
                (heading, ""),
            ],
        },
    )
