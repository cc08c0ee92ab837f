"""Every state change of grants, partnerships, global goals and council leaves exactly one audit
record (actor, action, object, result, IP, time); a refused change leaves one 'refused' record.

The loop covers every public function of the four services modules: each is either an action
below or named in NOT_ACTIONS with the reason it is no action of its own."""

import datetime
import inspect
from decimal import Decimal

import pytest
from django.utils import timezone

from audit.models import AuditEvent

IP = "203.0.113.7"
D = datetime.date


def _grants(w):
    from grants import services as s
    from grants.models import Application
    from tests.grants.factories import in_review, submitted

    a, servant, admin = w["citizen_a"], w["civil_servant"], w["administrator"]

    def info_requested():
        return s.request_information(submitted(a), actor=servant, question="Begroting?")

    def changed_draft():
        w["draft"].title = "Nieuwe titel"
        return w["draft"]

    return {
        "grants.save_draft (new)": lambda: lambda: s.save_draft(Application(title="Nieuw"), actor=a, ip=IP),
        "grants.save_draft (change)": lambda: lambda d=changed_draft(): s.save_draft(d, actor=a, ip=IP),  # noqa: B008 (set up before the count starts)
        "grants.remove_attachment": lambda: lambda: s.remove_attachment(w["attachment"], actor=a, ip=IP),
        "grants.submit": lambda: lambda: s.submit(w["draft"], actor=a, ip=IP),
        "grants.withdraw": lambda: lambda: s.withdraw(w["draft"], actor=a, ip=IP),
        "grants.request_information": lambda: (
            lambda app=submitted(a): s.request_information(app, actor=servant, question="Welke scholen?", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "grants.answer_information_request": lambda: (
            lambda app=info_requested(): s.answer_information_request(app, actor=a, answer="Deze.", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "grants.set_aside": lambda: (
            lambda app=info_requested(): s.set_aside(  # noqa: B008 (set up before the count starts)
                app,
                actor=servant,
                reason="Geen antwoord",
                ip=IP,
                today=timezone.localdate() + datetime.timedelta(days=60),
            )
        ),
        "grants.start_review": lambda: lambda app=submitted(a): s.start_review(app, actor=servant, ip=IP),  # noqa: B008 (set up before the count starts)
        "grants.recommend": lambda: (
            lambda app=in_review(a, servant): s.recommend(  # noqa: B008 (set up before the count starts)
                app, actor=servant, recommendation="grant", amount=Decimal("500"), ip=IP
            )
        ),
        "grants.extend_deadline": lambda: (
            lambda app=submitted(a): s.extend_deadline(app, actor=servant, weeks=2, reason="Drukte", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "grants.grant": lambda: (
            lambda app=in_review(a, servant): s.grant(  # noqa: B008 (set up before the count starts)
                app, actor=servant, amount=Decimal("500"), motivation="Goed plan", out_of_order_reason="x", ip=IP
            )
        ),
        "grants.refuse": lambda: (
            lambda app=in_review(a, servant): s.refuse(app, actor=servant, motivation="Nee", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "grants.submit_account": lambda: (
            lambda: s.submit_account(w["granted"], actor=a, report="Gedaan", actual_costs=Decimal("900"), ip=IP)
        ),
        "grants.settle": lambda: (
            lambda: s.settle(w["granted"], actor=servant, amount=Decimal("900"), motivation="Klopt", ip=IP)
        ),
        "grants.add_note": lambda: lambda: s.add_note(w["granted"], actor=servant, text="Bellen", ip=IP),
        "grants.declare_conflict": lambda: (
            lambda: s.declare_conflict(w["granted"], actor=servant, reason="Buurman", ip=IP)
        ),
        "grants.set_budget_ceiling": lambda: (
            lambda: s.set_budget_ceiling(year=2031, ceiling=Decimal("20000"), actor=admin, reason="Raad", ip=IP)
        ),
    }


def _partnerships(w):
    from partnerships import services as s
    from partnerships.models import Partnership
    from tests.partnerships.factories import make_partnership, make_step

    servant = w["civil_servant"]

    def phasing_out():
        link = make_partnership("Afbouwen", status=Partnership.Status.PHASING_OUT)
        return make_step(link, "Laatste stap")

    def pdf():
        from django.core.files.uploadedfile import SimpleUploadedFile

        return SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF\n")

    fields = {"title": "Nieuwe band", "kind": "city_link", "pillar": "B"}
    return {
        "partnerships.create_partnership": lambda: lambda: s.create_partnership(actor=servant, fields=fields, ip=IP),
        "partnerships.update_partnership": lambda: (
            lambda: s.update_partnership(w["partnership"], actor=servant, fields={"summary": "Nieuw"}, ip=IP)
        ),
        "partnerships.change_status": lambda: (
            lambda: s.change_status(w["partnership"], "dormant", actor=servant, reason="Stil", ip=IP)
        ),
        "partnerships.transform_to_project": lambda: (
            lambda: s.transform_to_project(w["partnership"], actor=servant, reason="Raad", ip=IP)
        ),
        "partnerships.add_phase_out_step": lambda: (
            lambda: s.add_phase_out_step(w["partnership"], actor=servant, title="Afscheid", ip=IP)
        ),
        "partnerships.complete_phase_out_step": lambda: (
            lambda step=phasing_out(): s.complete_phase_out_step(step, actor=servant, ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "partnerships.log_activity": lambda: (
            lambda: s.log_activity(
                w["partnership"], actor=servant, kind="visit", date=D(2025, 1, 1), title="Bezoek", ip=IP
            )
        ),
        "partnerships.add_document": lambda: (
            lambda: s.add_document(w["activity"], actor=servant, title="Brief", file=pdf(), ip=IP)
        ),
        "partnerships.save_partner (new)": lambda: (
            lambda: s.save_partner(None, actor=servant, fields={"name": "Galle", "country_code": "LK"}, ip=IP)
        ),
        "partnerships.save_partner (change)": lambda: (
            lambda: s.save_partner(w["partner"], actor=servant, fields={"region": "Jiangsu"}, ip=IP)
        ),
    }


def _global_goals(w):
    from global_goals import services as s
    from global_goals.models import Goal, Label, Network

    servant = w["civil_servant"]
    network = Network.objects.get(slug="kimo")
    label = Label.objects.get(slug="global-goals-gemeente")
    contribution = {
        "goal": Goal.objects.get(number=7),
        "kind": "base_level",
        "title": "Zon op daken",
        "department": "Duurzaamheid",
        "period_start": D(2020, 1, 1),
    }
    return {
        "global_goals.create_contribution": lambda: lambda: s.create_contribution(actor=servant, ip=IP, **contribution),
        "global_goals.update_contribution": lambda: (
            lambda: s.update_contribution(w["contribution"], actor=servant, reason="Titel", title="Schoner", ip=IP)
        ),
        "global_goals.add_indicator": lambda: (
            lambda: s.add_indicator(
                w["contribution"], actor=servant, name="Netten", unit="t", baseline=0, target=5, ip=IP
            )
        ),
        "global_goals.update_indicator": lambda: (
            lambda: s.update_indicator(w["indicator"], actor=servant, reason="Doel", target=Decimal("900"), ip=IP)
        ),
        "global_goals.record_measurement": lambda: (
            lambda: s.record_measurement(w["indicator"], actor=servant, measured_on=D(2024, 12, 31), value="12", ip=IP)
        ),
        "global_goals.record_meeting": lambda: (
            lambda: s.record_meeting(
                network, actor=servant, date=D(2027, 4, 1), place="Den Helder", topic="Voorjaar", ip=IP
            )
        ),
        "global_goals.update_meeting": lambda: (
            lambda: s.update_meeting(w["meeting"], actor=servant, reason="Notulen", minutes="Afval besproken", ip=IP)
        ),
        "global_goals.assign_role": lambda: (
            lambda: s.assign_role(network, actor=servant, kind="chair", holder="Wethouder", since=D(2024, 1, 1), ip=IP)
        ),
        "global_goals.create_action": lambda: (
            lambda: s.create_action(
                network,
                actor=servant,
                name="Schone havens",
                slug="schone-havens",
                goal=Goal.objects.get(number=14),
                ip=IP,
            )
        ),
        "global_goals.update_action": lambda: (
            lambda: s.update_action(w["action"], actor=servant, reason="Naam", name="Fishing for Litter NL", ip=IP)
        ),
        "global_goals.record_action_result": lambda: (
            lambda: s.record_action_result(w["action"], actor=servant, year=2024, quantity="500", ip=IP)
        ),
        "global_goals.create_label": lambda: (
            lambda: s.create_label(actor=servant, slug="fairtrade", name="Fairtrade gemeente", ip=IP)
        ),
        "global_goals.change_label_status": lambda: (
            lambda: s.change_label_status(label, "proposed", actor=servant, reason="Notitie", ip=IP)
        ),
    }


def _council(w):
    from council import services as s
    from council.models import Question
    from tests.council.factories import make_question

    servant, member = w["civil_servant"], w["council_member"]
    question = w["question"]

    def draft():
        return make_question(servant)

    def published():
        return make_question(servant, status=Question.Status.PUBLISHED)

    def closed():
        return make_question(servant, status=Question.Status.VOTING_CLOSED)

    def decided():
        q = closed()
        s.decide(q, actor=servant, chosen_options=[q.options.first()], text="Optie A")
        return q

    text = {"title": "Nieuw", "topic": "A", "context": "c", "dilemma": "d", "question_text": "q?"}
    return {
        "council.create_question": lambda: lambda: s.create_question(actor=servant, ip=IP, **text),
        "council.update_question": lambda: lambda q=draft(): s.update_question(q, actor=servant, title="Anders", ip=IP),  # noqa: B008 (set up before the count starts)
        "council.add_document": lambda: (
            lambda q=draft(): s.add_document(q, actor=servant, title="Nota", url="https://velsen.nl/nota", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "council.save_option": lambda: (
            lambda q=draft(): s.save_option(q, actor=servant, title="Optie C", description="C", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "council.publish": lambda: lambda q=draft(): s.publish(q, actor=servant, ip=IP),  # noqa: B008 (set up before the count starts)
        "council.open_voting": lambda: (
            lambda q=published(): s.open_voting(  # noqa: B008 (set up before the count starts)
                q, actor=servant, ends_at=timezone.now() + datetime.timedelta(days=2), notify=False, ip=IP
            )
        ),
        "council.close_voting": lambda: lambda: s.close_voting(question, actor=servant, ip=IP),
        "council.withdraw": lambda: lambda q=published(): s.withdraw(q, actor=servant, reason="Vervallen", ip=IP),  # noqa: B008 (set up before the count starts)
        "council.decide": lambda: (
            lambda q=closed(): s.decide(q, actor=servant, chosen_options=[q.options.first()], text="A", ip=IP)  # noqa: B008 (set up before the count starts)
        ),
        "council.record_formal_decision": lambda: (
            lambda q=decided(): s.record_formal_decision(  # noqa: B008 (set up before the count starts)
                q, actor=servant, meeting_date=D(2026, 1, 5), minutes_url="https://velsen.nl/notulen", ip=IP
            )
        ),
        "council.cast_vote": lambda: lambda: s.cast_vote(question, member=member, option=w["option"], ip=IP),
        "council.declare_interest": lambda: (
            lambda: s.declare_interest(question, member=member, reason="Bestuurslid", ip=IP)
        ),
        "council.post_argument": lambda: (
            lambda: s.post_argument(question, member=member, option=w["option"], stance="for", text="Goed", ip=IP)
        ),
    }


BUILDERS = [_grants, _partnerships, _global_goals, _council]
ACTIONS = [
    "grants.save_draft (new)",
    "grants.save_draft (change)",
    "grants.remove_attachment",
    "grants.submit",
    "grants.withdraw",
    "grants.request_information",
    "grants.answer_information_request",
    "grants.set_aside",
    "grants.start_review",
    "grants.recommend",
    "grants.extend_deadline",
    "grants.grant",
    "grants.refuse",
    "grants.submit_account",
    "grants.settle",
    "grants.add_note",
    "grants.declare_conflict",
    "grants.set_budget_ceiling",
    "partnerships.create_partnership",
    "partnerships.update_partnership",
    "partnerships.change_status",
    "partnerships.transform_to_project",
    "partnerships.add_phase_out_step",
    "partnerships.complete_phase_out_step",
    "partnerships.log_activity",
    "partnerships.add_document",
    "partnerships.save_partner (new)",
    "partnerships.save_partner (change)",
    "global_goals.create_contribution",
    "global_goals.update_contribution",
    "global_goals.add_indicator",
    "global_goals.update_indicator",
    "global_goals.record_measurement",
    "global_goals.record_meeting",
    "global_goals.update_meeting",
    "global_goals.assign_role",
    "global_goals.create_action",
    "global_goals.update_action",
    "global_goals.record_action_result",
    "global_goals.create_label",
    "global_goals.change_label_status",
    "council.create_question",
    "council.update_question",
    "council.add_document",
    "council.save_option",
    "council.publish",
    "council.open_voting",
    "council.close_voting",
    "council.withdraw",
    "council.decide",
    "council.record_formal_decision",
    "council.cast_vote",
    "council.declare_interest",
    "council.post_argument",
]

# Public functions of the services modules that are no action of their own, and why.
NOT_ACTIONS = {
    # Reading and checking: no state changes.
    "grants": {
        "committed_for_year",
        "budget_figures",
        "has_conflict",
        "missing_for_submission",
        "earlier_waiting",
        # Creates the year's budget row with the default ceiling when first needed (no decision).
        "ensure_budget",
        # Stores files as part of save_draft / answer / account, which record the action.
        "add_attachments",
    },
    "partnerships": {
        "decision_reference",
        "unique_slug",
        "check_transition",
        "allowed_next_statuses",
        # Calls add_phase_out_step per step: one record per step added.
        "add_standard_phase_out_plan",
    },
    "global_goals": {
        "history_of",
        "allowed_label_statuses",
        "reverse_relation",
        "public_queryset",
        "goals_with_counts",
        "serving",
        "kimo_network",
    },
    "council": {
        "effective_council_size",
        "arguments_visible_to",
        "more_than",
        "results",
        "public_results",
        "voted_count",
        "members_to_remind",
        "notify_voting_opened",
        # Scheduled jobs: they call close_voting per question / mail reminders (each recorded).
        "close_due_votes",
        "send_vote_reminders",
    },
}


@pytest.mark.parametrize("app", ["grants", "partnerships", "global_goals", "council"])
def test_every_service_function_is_in_the_loop(app):
    import importlib

    module = importlib.import_module(f"{app}.services")
    public = {
        name
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    }
    covered = {a.split(".", 1)[1].split(" ")[0] for a in ACTIONS if a.startswith(app + ".")}
    unknown = public - covered - NOT_ACTIONS[app]
    assert not unknown, f"{app}.services functions not in the audit loop: {sorted(unknown)}"


@pytest.mark.parametrize("name", ACTIONS)
def test_each_action_writes_exactly_one_audit_record(world, name):
    cases = {}
    for build in BUILDERS:
        cases.update(build(world))
    action = cases[name]()  # setting up the state the action needs may itself be audited
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    action()
    new = list(AuditEvent.objects.exclude(pk__in=before))
    assert len(new) == 1, f"{name} wrote {len(new)} audit records: {[e.action for e in new]}"
    [event] = new
    assert event.result == AuditEvent.Result.OK
    assert event.ip == IP
    assert event.actor is not None and event.actor_label
    assert event.object_type and event.object_id
    assert event.action.startswith(name.split(".")[0])


def test_a_refused_grant_over_the_ceiling_leaves_one_refused_record(world):
    from grants import services
    from tests.grants.factories import in_review

    app = in_review(world["citizen_a"], world["civil_servant"], requested_amount=Decimal("1000"))
    services.set_budget_ceiling(
        year=app.year, ceiling=Decimal("1000"), actor=world["administrator"], reason="Krap"
    )  # 1000 already granted to the world's application
    before = AuditEvent.objects.count()
    with pytest.raises(services.BudgetExceeded):
        services.grant(
            app, actor=world["civil_servant"], amount=Decimal("10"), motivation="m", out_of_order_reason="x", ip=IP
        )
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.first().result == AuditEvent.Result.REFUSED


def test_a_refused_status_change_leaves_one_refused_record(world):
    from partnerships import services

    before = AuditEvent.objects.count()
    with pytest.raises(services.TransitionError):
        services.change_status(world["partnership"], "proposed", actor=world["civil_servant"], reason="Terug", ip=IP)
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.first().result == AuditEvent.Result.REFUSED
