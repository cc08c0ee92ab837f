"""The applicant's pages: apply, drafts, submit, my applications, answer, withdraw, account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import client_ip
from grants import services
from grants.forms import AccountForm, AnswerForm, ApplicationForm, CostLineFormSet, WithdrawForm, cost_lines_from
from grants.models import Application, Attachment, Status
from grants.validators import EXTENSIONS
from grants.views.common import get_own_application, get_visible_application, public_events
from velsen_intl.ratelimit import ratelimit

citizen_required = role_required(Role.CITIZEN)
# Applying (saving and submitting) and uploading: plenty for a person, a wall for a script.
apply_limit = ratelimit("grants_apply", rate=(30, 3600))
upload_limit = ratelimit("grants_upload", rate=(20, 3600))


def _crumbs(*extra):
    return [
        (_("Grants and budget"), reverse("grants:budget")),
        (_("My applications"), reverse("grants:my_applications")),
        *extra,
    ]


@citizen_required
def my_applications(request):
    applications = Application.objects.of(request.user).select_related("partnership").order_by("-created_at", "-pk")
    page = Paginator(applications, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/my_applications.html",
        {"page_obj": page, "breadcrumbs": _crumbs()[:-1] + [(_("My applications"), None)]},
    )


@citizen_required
@apply_limit
def apply(request):
    return _edit(request, Application(applicant=request.user))


@citizen_required
@apply_limit
def edit(request, pk):
    application = get_own_application(request.user, pk)
    if application.status != Status.DRAFT:
        if request.method == "POST" and request.POST.get("action") == "submit" and application.reference:
            # A second click on "submit": the first one went through, show its confirmation.
            return redirect("grants:submitted", pk=application.pk)
        messages.error(request, _("Only a draft can be changed."))
        return redirect(application)
    return _edit(request, application)


def _edit(request, application):
    """One form for a new application and a draft: 'save' keeps a draft, 'submit' sends it."""
    is_new = application.pk is None
    if request.method == "POST":
        submitting = request.POST.get("action") == "submit"
        form = ApplicationForm(request.POST, request.FILES, instance=application, complete=submitting)
        formset = CostLineFormSet(request.POST, instance=application, prefix="costs")
        if form.is_valid() and formset.is_valid():
            lines = cost_lines_from(formset)
            form.check_costs(sum((amount for _d, amount in lines), 0))
            if submitting and not lines:
                form.add_error(None, _("Add at least one cost line to the budget."))
        if form.is_valid() and formset.is_valid() and not form.errors:
            draft = form.save(commit=False)
            if is_new:
                draft.idempotency_key = form.cleaned_data["idempotency_key"]
            try:
                draft = services.save_draft(
                    draft,
                    actor=request.user,
                    cost_lines=lines,
                    goals=form.cleaned_data["goals"],
                    files=form.cleaned_data["attachments"],
                    ip=client_ip(request),
                )
                if submitting:
                    if draft.status == Status.DRAFT:
                        draft = services.submit(draft, actor=request.user, ip=client_ip(request))
                    # else: a double click on a new form; the first request already submitted it.
                    return redirect("grants:submitted", pk=draft.pk)
            except (services.TransitionError, ValidationError) as exc:
                messages.error(request, exc.message if hasattr(exc, "message") else str(exc))
                if draft.pk:
                    return redirect("grants:edit", pk=draft.pk)
            else:
                messages.success(request, _("Your draft was saved. You can come back to it later."))
                return redirect("grants:edit", pk=draft.pk)
    else:
        form = ApplicationForm(instance=application, initial=_initial(request.user) if is_new else None)
        formset = CostLineFormSet(instance=application, prefix="costs")
    title = _("Apply for a grant") if is_new else _("Change draft application")
    crumbs = _crumbs((title, None))
    return render(
        request,
        "grants/apply.html",
        {
            "form": form,
            "formset": formset,
            "application": application,
            "attachments": list(application.attachments.all()) if application.pk else [],
            "title": title,
            "breadcrumbs": crumbs,
        },
    )


def _initial(user):
    return {"contact_name": user.full_name, "contact_email": user.email, "phone": user.phone}


@citizen_required
def submitted(request, pk):
    application = get_own_application(request.user, pk)
    if application.status == Status.DRAFT:
        raise Http404
    return render(
        request,
        "grants/submitted.html",
        {"application": application, "breadcrumbs": _crumbs((_("Application received"), None))},
    )


@citizen_required
def detail(request, pk):
    application = get_own_application(request.user, pk)
    return render(
        request,
        "grants/detail.html",
        {
            "application": application,
            "events": public_events(application),
            "withdraw_form": WithdrawForm(prefix="withdraw"),
            "breadcrumbs": _crumbs((application.reference or _("Draft"), None)),
        },
    )


@citizen_required
@require_POST
def withdraw(request, pk):
    application = get_own_application(request.user, pk)
    form = WithdrawForm(request.POST, prefix="withdraw")
    form.is_valid()
    try:
        services.withdraw(
            application, actor=request.user, reason=form.cleaned_data.get("reason", ""), ip=client_ip(request)
        )
        messages.success(request, _("Your application was withdrawn."))
    except services.TransitionError as exc:
        messages.error(request, exc.message)
    return redirect(application)


@citizen_required
@upload_limit
def answer(request, pk):
    application = get_own_application(request.user, pk)
    if application.status != Status.INFORMATION_REQUESTED:
        messages.error(request, _("No information has been requested for this application."))
        return redirect(application)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_information_request(
                application,
                actor=request.user,
                answer=form.cleaned_data["answer"],
                files=form.cleaned_data["attachments"],
                ip=client_ip(request),
            )
        except services.TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you: your answer was sent and the application is complete again."))
        return redirect(application)
    return render(
        request,
        "grants/answer.html",
        {
            "application": application,
            "form": form,
            "breadcrumbs": _crumbs((application.reference, application.get_absolute_url()), (_("Answer"), None)),
        },
    )


@citizen_required
@upload_limit
def account(request, pk):
    application = get_own_application(request.user, pk)
    if application.status != Status.GRANTED:
        messages.error(request, _("An account can be submitted only for a granted application."))
        return redirect(application)
    form = AccountForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_account(
                application,
                actor=request.user,
                report=form.cleaned_data["report"],
                actual_costs=form.cleaned_data["actual_costs"],
                files=form.cleaned_data["attachments"],
                ip=client_ip(request),
            )
        except services.TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your account was submitted. We will settle the grant."))
        return redirect(application)
    return render(
        request,
        "grants/account.html",
        {
            "application": application,
            "form": form,
            "breadcrumbs": _crumbs(
                (application.reference, application.get_absolute_url()), (_("Submit the account"), None)
            ),
        },
    )


@login_required
def attachment(request, pk, attachment_pk):
    """Download an attachment: only for the applicant and staff; always as a download."""
    application = get_visible_application(request.user, pk)
    try:
        file = Attachment.objects.get(pk=attachment_pk, application=application)
    except Attachment.DoesNotExist:
        raise Http404
    # A name the server makes: the applicant's own file name never reaches the header.
    name = f"{application.reference or 'draft'}-{file.pk}{EXTENSIONS.get(file.content_type, '')}"
    response = FileResponse(file.file.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = file.content_type
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@require_POST
def remove_attachment(request, pk, attachment_pk):
    application = get_own_application(request.user, pk)
    try:
        file = Attachment.objects.get(pk=attachment_pk, application=application)
    except Attachment.DoesNotExist:
        raise Http404
    try:
        services.remove_attachment(file, actor=request.user, ip=client_ip(request))
        messages.success(request, _("The attachment was removed."))
    except services.TransitionError as exc:
        messages.error(request, exc.message)
    return redirect("grants:edit", pk=application.pk) if application.is_draft else redirect(application)


@login_required
def letter(request, pk):
    """The decision letter (printable HTML) for the applicant and staff."""
    application = get_visible_application(request.user, pk)
    if not application.is_decided:
        raise Http404
    is_owner = application.applicant_id == request.user.pk
    if is_owner:
        crumbs = _crumbs((application.reference, application.get_absolute_url()), (_("Decision letter"), None))
    else:
        crumbs = [
            (_("Application queue"), reverse("grants:queue")),
            (application.reference, application.get_staff_url()),
            (_("Decision letter"), None),
        ]
    return render(request, "grants/letter.html", {"application": application, "breadcrumbs": crumbs})
