"""Thin views: check the role, find the question the user may see, call a service, render."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import client_ip
from council import services
from council.forms import (
    ArgumentForm,
    DecideForm,
    DocumentForm,
    FormalDecisionForm,
    InterestForm,
    NewOptionForm,
    NewQuestionForm,
    OpenVotingForm,
    OptionForm,
    QuestionForm,
    ReasonForm,
    VoteForm,
    WithdrawForm,
)
from council.models import Argument, Option, Question, Topic, Vote
from velsen_intl.ratelimit import ratelimit

STAFF = (Role.CIVIL_SERVANT, Role.ADMINISTRATOR)
PAGE_SIZE = 20


# --- access helpers ------------------------------------------------------------------------------


def _public_question(pk):
    """A question anyone may read: drafts do not exist for the public or council members."""
    return get_object_or_404(
        Question.objects.public().select_related("partnership", "goal", "decision", "formal_decision"), pk=pk
    )


def _staff_question(pk):
    return get_object_or_404(Question, pk=pk)


def _options(question):
    """The options; their city links are loaded only where an option has an effect on them."""
    options = list(question.options.all())
    with_links = [o for o in options if o.partnership_effect != Option.PartnershipEffect.NONE]
    if with_links:
        prefetch_related_objects(with_links, "partnerships")
    return options


def _list_crumb():
    return (_("Council questions"), reverse("council:question_list"))


def _staff_crumbs(question=None):
    crumbs = [(_("Council questions: preparation"), reverse("council:manage"))]
    if question is not None:
        crumbs.append((question.title, reverse("council:manage_question", args=[question.pk])))
    return crumbs


# --- public --------------------------------------------------------------------------------------


@require_GET
def question_list(request):
    questions = (
        Question.objects.listed_publicly()
        .select_related("partnership", "goal")
        .annotate(option_count=Count("options", distinct=True))
        .order_by("-published_at", "-id")
    )
    topic = request.GET.get("topic", "")
    if topic in Topic.values:
        questions = questions.filter(topic=topic)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "council/question_list.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "topics": Topic.choices,
            "topic": topic,
            "breadcrumbs": [(_("Council questions"), "")],
        },
    )


@dataclass
class PublicEvent:
    """A history line for the public page: civil servants are not named there, the municipality is."""

    at: object
    actor_display: str
    title: str
    from_label: str
    to_label: str
    reason: str


def _events(question, user):
    events = list(question.status_changes.select_related("actor"))
    if user.is_authenticated and user.is_civil_servant:
        return events
    municipality = _("Municipality of Velsen")
    return [
        PublicEvent(
            at=e.at,
            actor_display=municipality if e.actor_id else e.actor_display,
            title=e.title,
            from_label=e.from_label,
            to_label=e.to_label,
            reason=e.reason,
        )
        for e in events
    ]


def _detail_context(request, question, *, vote_form=None, argument_form=None):
    user = request.user
    options = _options(question)
    is_member = user.is_authenticated and user.is_council_member
    context = {
        "question": question,
        "options": options,
        "documents": list(question.documents.all()),
        "results": services.public_results(question, options=options),
        "events": _events(question, user),
        "breadcrumbs": [_list_crumb(), (question.title, "")],
        "is_member": is_member,
    }
    if services.arguments_visible_to(question, user):
        arguments = Argument.objects.filter(question=question).select_related("member")
        by_option = {option.pk: [] for option in options}
        for argument in arguments:
            by_option.setdefault(argument.option_id, []).append(argument)
        for option in options:
            option.visible_arguments = by_option.get(option.pk, [])
        context["show_arguments"] = True
    if question.status == Question.Status.DECIDED:
        decision = getattr(question, "decision", None)
        context["decision"] = decision
        if decision is not None:
            context["chosen"] = list(decision.chosen_options.all())
            context["consequences"] = list(decision.consequences.select_related("partnership", "option"))
        context["formal_decision"] = getattr(question, "formal_decision", None)
    if is_member:
        own_vote = Vote.objects.filter(question=question, member=user).select_related("option").first()
        # Voting and declaring an interest exclude each other (services), so a voter has none.
        interest = None if own_vote else question.interest_declarations.filter(member=user).first()
        context.update(own_vote=own_vote, own_interest=interest)
        if question.is_accepting_votes and interest is None:
            initial = {"choice": str(own_vote.option_id) if own_vote and own_vote.option_id else VoteForm.ABSTAIN}
            context["vote_form"] = vote_form or VoteForm(
                question=question, options=options, initial=initial if own_vote else None, auto_id="vote_%s"
            )
        if question.status in Question.STATUSES_FOR_DELIBERATION:
            context["argument_form"] = argument_form or ArgumentForm(
                question=question, options=options, auto_id="argument_%s"
            )
        context["can_declare_interest"] = (
            question.status in (Question.Status.PUBLISHED, Question.Status.VOTING_OPEN)
            and interest is None
            and own_vote is None
        )
    return context


@require_GET
def question_detail(request, pk):
    question = _public_question(pk)
    return render(request, "council/question_detail.html", _detail_context(request, question))


# --- council members -----------------------------------------------------------------------------


@role_required(Role.COUNCIL_MEMBER)
@require_GET
def my_questions(request):
    user = request.user
    own_votes = Vote.objects.filter(member=user).select_related("option")
    questions = (
        Question.objects.filter(status__in=Question.STATUSES_FOR_DELIBERATION)
        .prefetch_related(Prefetch("votes", queryset=own_votes, to_attr="my_votes"))
        .order_by("voting_ends_at", "-published_at")
    )
    open_questions = []
    for question in questions:
        question.my_vote = question.my_votes[0] if question.my_votes else None
        open_questions.append(question)
    past_votes = (
        own_votes.filter(question__status=Question.Status.DECIDED).select_related("question").order_by("-changed_at")
    )
    page = Paginator(past_votes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "council/my_questions.html",
        {
            "open_questions": open_questions,
            "page_obj": page,
            "past_votes": page.object_list,
            "breadcrumbs": [(_("My council questions"), "")],
        },
    )


@role_required(Role.COUNCIL_MEMBER)
@require_POST
@ratelimit("council_vote", rate=(10, 60))
def vote(request, pk):
    question = _public_question(pk)
    form = VoteForm(request.POST, question=question, auto_id="vote_%s")
    if not form.is_valid():
        context = _detail_context(request, question, vote_form=form)
        return render(request, "council/question_detail.html", context, status=400)
    try:
        services.cast_vote(question, member=request.user, option=form.chosen_option, ip=client_ip(request))
    except services.VotingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your vote has been recorded: %(choice)s.") % {"choice": form.chosen_option or _("Abstain")}
        )
    return redirect(reverse("council:question_detail", args=[question.pk]) + "#vote")


@role_required(Role.COUNCIL_MEMBER)
@require_POST
def post_argument(request, pk):
    question = _public_question(pk)
    form = ArgumentForm(request.POST, question=question, auto_id="argument_%s")
    if not form.is_valid():
        context = _detail_context(request, question, argument_form=form)
        return render(request, "council/question_detail.html", context, status=400)
    try:
        services.post_argument(
            question,
            member=request.user,
            option=form.cleaned_data["option"],
            stance=form.cleaned_data["stance"],
            text=form.cleaned_data["text"],
            idempotency_key=form.cleaned_data["idempotency_key"],
            ip=client_ip(request),
        )
    except services.VotingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your argument has been posted."))
    return redirect(reverse("council:question_detail", args=[question.pk]) + "#arguments")


@role_required(Role.COUNCIL_MEMBER)
@require_http_methods(["GET", "POST"])
def declare_interest(request, pk):
    question = _public_question(pk)
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_interest(
                question, member=request.user, reason=form.cleaned_data["reason"], ip=client_ip(request)
            )
        except services.VotingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your declaration of interest has been recorded."))
            return redirect("council:question_detail", pk=question.pk)
    return _form_page(
        request,
        form,
        title=_("Declare a personal interest"),
        question=question,
        submit_label=_("Declare interest"),
        cancel_url=reverse("council:question_detail", args=[question.pk]),
        breadcrumbs=[
            _list_crumb(),
            (question.title, reverse("council:question_detail", args=[question.pk])),
            (_("Declare a personal interest"), ""),
        ],
    )


# --- civil servants ------------------------------------------------------------------------------


def _form_page(
    request, form, *, title, submit_label, breadcrumbs, question=None, cancel_url=None, intro="", results=None
):
    return render(
        request,
        "council/form_page.html",
        {
            "results": results,
            "form": form,
            "title": title,
            "question": question,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "intro": intro,
            "breadcrumbs": breadcrumbs,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _question_action(request, question, form, *, perform, success, title, submit_label, **page):
    """A staff form about one question: on a valid POST call `perform(cleaned_data)` (a service),
    show its refusal on the form or go back to the question with `success`."""
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("council:manage_question", pk=question.pk)
    return _form_page(
        request,
        form,
        title=title,
        question=question,
        submit_label=submit_label,
        cancel_url=reverse("council:manage_question", args=[question.pk]),
        breadcrumbs=[*_staff_crumbs(question), (title, "")],
        **page,
    )


@role_required(*STAFF)
@require_GET
def staff_list(request):
    questions = Question.objects.annotate(
        option_count=Count("options", distinct=True), vote_count=Count("votes", distinct=True)
    ).order_by("-updated_at", "-id")
    status = request.GET.get("status", "")
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "council/staff_list.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "statuses": Question.Status.choices,
            "status": status,
            "breadcrumbs": [(_("Council questions: preparation"), "")],
        },
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def question_create(request):
    form = NewQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("idempotency_key")
        question = services.create_question(actor=request.user, ip=client_ip(request), idempotency_key=key, **data)
        messages.success(request, _("The draft question has been saved. Add its options next."))
        return redirect("council:manage_question", pk=question.pk)
    return _form_page(
        request,
        form,
        title=_("New council question"),
        submit_label=_("Save draft"),
        cancel_url=reverse("council:manage"),
        breadcrumbs=[*_staff_crumbs(), (_("New council question"), "")],
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        QuestionForm(request.POST or None, instance=question),
        perform=lambda data: services.update_question(question, actor=request.user, ip=client_ip(request), **data),
        success=_("The question has been saved."),
        title=_("Edit the question"),
        submit_label=_("Save"),
    )


@role_required(*STAFF)
@require_GET
def manage_question(request, pk):
    question = get_object_or_404(
        Question.objects.select_related("partnership", "goal", "created_by", "formal_decision"), pk=pk
    )
    options = _options(question)
    results = services.public_results(question, options=options)
    return render(
        request,
        "council/manage.html",
        {
            "question": question,
            "options": options,
            "documents": list(question.documents.all()),
            "events": list(question.status_changes.select_related("actor")),
            "voted_count": results.ballots if results else services.voted_count(question),
            "council_size": results.council_size if results else services.effective_council_size(question),
            "results": results,
            "reason_form": ReasonForm(auto_id="reason_%s"),
            "breadcrumbs": _staff_crumbs(question),
            "Status": Question.Status,
        },
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def option_edit(request, pk, option_pk=None):
    question = _staff_question(pk)
    option = get_object_or_404(Option, pk=option_pk, question=question) if option_pk else None
    form_class = OptionForm if option else NewOptionForm
    form = form_class(request.POST or None, instance=option)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("idempotency_key", None)
        partnerships = data.pop("partnerships")
        try:
            services.save_option(
                question,
                actor=request.user,
                option=option,
                partnerships=partnerships,
                idempotency_key=key,
                ip=client_ip(request),
                **data,
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The option has been saved."))
            return redirect("council:manage_question", pk=question.pk)
    title = _("Edit option") if option else _("New option")
    return _form_page(
        request,
        form,
        title=title,
        question=question,
        submit_label=_("Save option"),
        cancel_url=reverse("council:manage_question", args=[question.pk]),
        breadcrumbs=[*_staff_crumbs(question), (title, "")],
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        DocumentForm(request.POST or None),
        perform=lambda data: services.add_document(question, actor=request.user, ip=client_ip(request), **data),
        success=_("The document has been added."),
        title=_("Add a document"),
        submit_label=_("Add document"),
    )


def _simple_transition(request, pk, service, success):
    question = _staff_question(pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(question, actor=request.user, reason=form.cleaned_data.get("reason", ""), ip=client_ip(request))
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("council:manage_question", pk=question.pk)


@role_required(*STAFF)
@require_POST
def publish(request, pk):
    return _simple_transition(request, pk, services.publish, _("The question has been published."))


@role_required(*STAFF)
@require_POST
def close(request, pk):
    return _simple_transition(request, pk, services.close_voting, _("Voting has been closed; the results are public."))


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def open_voting(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        OpenVotingForm(request.POST or None),
        perform=lambda data: services.open_voting(
            question,
            actor=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data["reason"],
            ip=client_ip(request),
            base_url=request.build_absolute_uri("/"),
        ),
        success=_("Voting is open; the council members have been e-mailed."),
        title=_("Open voting"),
        submit_label=_("Open voting"),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        DecideForm(request.POST or None, question=question),
        perform=lambda data: services.decide(
            question,
            actor=request.user,
            chosen_options=data["chosen_options"],
            text=data["text"],
            decided_on=data["decided_on"],
            ip=client_ip(request),
        ),
        success=_("The decision has been recorded and its consequences applied."),
        title=_("Record the decision"),
        submit_label=_("Record decision"),
        intro=_(
            "A chosen option that sets a new grant ceiling changes the budget of the question's year; "
            "one that ends or transforms a city link changes that partnership. The decision is their reason."
        ),
        results=services.public_results(question),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        WithdrawForm(request.POST or None),
        perform=lambda data: services.withdraw(
            question, actor=request.user, reason=data["reason"], ip=client_ip(request)
        ),
        success=_("The question has been withdrawn."),
        title=_("Withdraw the question"),
        submit_label=_("Withdraw"),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def formal_decision(request, pk):
    question = _staff_question(pk)
    return _question_action(
        request,
        question,
        FormalDecisionForm(request.POST or None),
        perform=lambda data: services.record_formal_decision(
            question, actor=request.user, ip=client_ip(request), **data
        ),
        success=_("The formal decision has been recorded."),
        title=_("Record the formal decision"),
        submit_label=_("Save"),
    )
