"""Deciding a question records the chosen option(s) and applies their consequences through the
grants and partnerships services, with the decision as the reason.

The grants and partnerships services are built in parallel; until they are merged these tests
stand in for them (monkeypatch on council.services' adapters) and check exactly what is called.
The integration tests at the bottom call the real services and run by themselves as soon as
`grants.services.set_budget_ceiling` / `partnerships.services.change_status` exist.
"""

import importlib
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from council import services
from council.models import AppliedConsequence, Decision, Option, Question
from partnerships.models import Partnership
from tests.council.factories import ceiling_options, make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status


def _has(module_name, attribute):
    try:
        return hasattr(importlib.import_module(module_name), attribute)
    except ImportError:
        return False


@pytest.fixture
def calls(monkeypatch):
    seen = []
    monkeypatch.setattr(services, "_apply_ceiling", lambda **kw: seen.append(("ceiling", kw)))
    monkeypatch.setattr(services, "_end_link", lambda p, **kw: seen.append(("end", p, kw)) or "phasing_out")
    monkeypatch.setattr(services, "_transform_link", lambda p, **kw: seen.append(("transform", p, kw)))
    return seen


@pytest.fixture
def finances(civil_servant):
    return make_question(
        civil_servant, status=S.VOTING_CLOSED, topic="finances", budget_year=2027, options=ceiling_options()
    )


@pytest.fixture
def links(db):
    galle = Partnership.objects.create(title="Galle", slug="galle", kind="city_link", pillar="B", status="dormant")
    gladbach = Partnership.objects.create(
        title="Bergisch Gladbach", slug="bergisch-gladbach", kind="city_link", pillar="B", status="dormant"
    )
    qingdao = Partnership.objects.create(title="Qingdao", slug="qingdao", kind="city_link", pillar="B", status="active")
    return galle, gladbach, qingdao


def test_deciding_a_finances_option_sets_the_yearly_ceiling(finances, civil_servant, calls):
    raise_option = option(finances, "Verhogen naar € 15.000")
    decision = services.decide(
        finances,
        actor=civil_servant,
        chosen_options=[raise_option],
        text="De raad verhoogt het plafond.",
        ip="10.1.1.1",
    )
    finances.refresh_from_db()
    assert finances.status == S.DECIDED
    assert list(decision.chosen_options.all()) == [raise_option]
    [(kind, kwargs)] = calls
    assert kind == "ceiling"
    assert kwargs["year"] == 2027 and kwargs["ceiling"] == Decimal("15000.00")
    assert kwargs["actor"] == civil_servant and kwargs["question"] == finances
    assert "De raad verhoogt het plafond." in kwargs["reason"] and finances.title in kwargs["reason"]
    consequence = AppliedConsequence.objects.get()
    assert (consequence.kind, consequence.year, consequence.ceiling) == ("grant_ceiling", 2027, Decimal("15000.00"))
    assert AuditEvent.objects.filter(action="council.question.decided", ip="10.1.1.1").exists()
    assert finances.status_changes.last().reason == "De raad verhoogt het plafond."


def test_the_adapter_passes_the_contract_arguments_to_grants(finances, civil_servant, monkeypatch):
    import sys
    import types

    received = {}
    fake = types.ModuleType("grants.services")
    fake.set_budget_ceiling = lambda **kw: received.update(kw)
    monkeypatch.setitem(sys.modules, "grants.services", fake)
    import grants

    monkeypatch.setattr(grants, "services", fake, raising=False)
    services.decide(
        finances, actor=civil_servant, chosen_options=[option(finances, "Verlagen naar € 5.000")], text="Lager"
    )
    assert set(received) == {"year", "ceiling", "actor", "reason", "decided_by_question"}
    assert received["ceiling"] == Decimal("5000.00") and received["decided_by_question"].pk == finances.pk


def test_a_refusal_by_the_grants_app_is_shown_as_councils_own(finances, civil_servant, monkeypatch):
    import sys
    import types

    class GrantsTransitionError(Exception):
        pass

    def refuse(**kwargs):
        raise GrantsTransitionError("Het plafond kan niet lager dan de € 8.000 die al is toegekend.")

    fake = types.ModuleType("grants.services")
    fake.TransitionError = GrantsTransitionError
    fake.set_budget_ceiling = refuse
    monkeypatch.setitem(sys.modules, "grants.services", fake)
    import grants

    monkeypatch.setattr(grants, "services", fake, raising=False)
    with pytest.raises(services.TransitionError, match="al is toegekend"):
        services.decide(
            finances, actor=civil_servant, chosen_options=[option(finances, "Verlagen naar € 5.000")], text="x"
        )
    assert Question.objects.get(pk=finances.pk).status == S.VOTING_CLOSED


def test_ending_and_transforming_links_go_through_the_partnerships_service(civil_servant, calls, links):
    galle, gladbach, qingdao = links
    question = make_question(
        civil_servant,
        status=S.VOTING_CLOSED,
        topic="B",
        options=(
            {"title": "Beide afsluiten", "partnership_effect": "end", "partnerships": [galle, gladbach]},
            {"title": "Qingdao projectmatig", "partnership_effect": "transform", "partnerships": [qingdao]},
            {"title": "Alles houden"},
        ),
    )
    services.decide(
        question,
        actor=civil_servant,
        chosen_options=[option(question, "Beide afsluiten"), option(question, "Qingdao projectmatig")],
        text="Afsluiten en transformeren",
    )
    assert sorted((c[0], c[1].title) for c in calls) == [
        ("end", "Bergisch Gladbach"),
        ("end", "Galle"),
        ("transform", "Qingdao"),
    ]
    assert all(c[2]["question"] == question and "Afsluiten en transformeren" in c[2]["reason"] for c in calls)
    assert AppliedConsequence.objects.filter(kind="end_link", partnership_status="phasing_out").count() == 2
    assert AppliedConsequence.objects.filter(kind="transform_link", partnership=qingdao).exists()


@pytest.mark.parametrize(
    "start,expected_call",
    [("dormant", "phasing_out"), ("active", "phasing_out"), ("proposed", "ended"), ("phasing_out", None)],
)
def test_ending_a_link_starts_its_phase_out(links, civil_servant, monkeypatch, start, expected_call):
    import sys
    import types

    received = []
    fake = types.ModuleType("partnerships.services")
    fake.change_status = lambda p, new_status, **kw: received.append((p.title, str(new_status), kw))
    monkeypatch.setitem(sys.modules, "partnerships.services", fake)
    import partnerships

    monkeypatch.setattr(partnerships, "services", fake, raising=False)
    galle = links[0]
    galle.status = start
    result = services._end_link(galle, actor=civil_servant, reason="Besluit", question=None)
    if expected_call is None:
        assert received == [] and result == start
    else:
        assert received == [
            ("Galle", expected_call, {"actor": civil_servant, "reason": "Besluit", "decided_by_question": None})
        ]
        assert result == expected_call


def test_an_option_without_effects_calls_nothing(civil_servant, calls):
    question = make_question(civil_servant, status=S.VOTING_CLOSED)
    services.decide(question, actor=civil_servant, chosen_options=[option(question, "Optie A")], text="A")
    assert calls == []
    assert not AppliedConsequence.objects.exists()


def test_a_refused_consequence_leaves_no_decision(finances, civil_servant, monkeypatch):
    def refuse(**kwargs):
        raise services.TransitionError("Het plafond mag niet lager dan wat al is toegekend.")

    monkeypatch.setattr(services, "_apply_ceiling", refuse)
    with pytest.raises(services.TransitionError, match="plafond"):
        services.decide(
            finances, actor=civil_servant, chosen_options=[option(finances, "Verlagen naar € 5.000")], text="x"
        )
    finances.refresh_from_db()
    assert finances.status == S.VOTING_CLOSED
    assert not Decision.objects.filter(question=finances).exists()


def test_two_different_ceilings_cannot_both_be_chosen(finances, civil_servant, calls):
    with pytest.raises(services.TransitionError, match="different grant ceilings"):
        services.decide(finances, actor=civil_servant, chosen_options=list(finances.options.all()[:2]), text="x")
    assert calls == []


def test_a_ceiling_needs_the_budget_year(civil_servant, calls):
    question = make_question(civil_servant, status=S.VOTING_CLOSED, options=ceiling_options())
    with pytest.raises(services.TransitionError, match="budget year"):
        services.decide(question, actor=civil_servant, chosen_options=[question.options.first()], text="x")


def test_deciding_is_only_possible_after_voting_closed(voting, civil_servant, calls):
    with pytest.raises(services.TransitionError):
        services.decide(voting, actor=civil_servant, chosen_options=[voting.options.first()], text="x")


def test_deciding_needs_an_option_of_this_question_and_a_text(finances, civil_servant, calls):
    other = make_question(civil_servant, title="Ander")
    with pytest.raises(services.TransitionError, match="belong"):
        services.decide(finances, actor=civil_servant, chosen_options=[other.options.first()], text="x")
    with pytest.raises(services.TransitionError, match="at least one"):
        services.decide(finances, actor=civil_servant, chosen_options=[], text="x")
    with pytest.raises(services.TransitionError, match="decision text"):
        services.decide(finances, actor=civil_servant, chosen_options=[finances.options.first()], text=" ")


# --- integration with the real services of the lower apps -----------------------------------------
# These run as soon as the grants / partnerships branches are merged (no skip once the service exists).


@pytest.mark.skipif(
    not _has("grants.services", "set_budget_ceiling"),
    reason="integration: enable by merging grants (grants.services.set_budget_ceiling)",
)
def test_integration_deciding_changes_the_real_yearly_ceiling(finances, civil_servant):
    from grants.services import budget_figures

    services.decide(
        finances, actor=civil_servant, chosen_options=[option(finances, "Verhogen naar € 15.000")], text="Verhogen"
    )
    assert budget_figures(2027)["ceiling"] == Decimal("15000.00")


@pytest.mark.skipif(
    not _has("partnerships.services", "change_status"),
    reason="integration: enable by merging partnerships (partnerships.services.change_status)",
)
def test_integration_deciding_phases_out_the_real_city_link(civil_servant, links):
    galle = links[0]
    question = make_question(
        civil_servant,
        status=S.VOTING_CLOSED,
        topic="B",
        options=({"title": "Galle afsluiten", "partnership_effect": "end", "partnerships": [galle]}, "Houden"),
    )
    services.decide(
        question, actor=civil_servant, chosen_options=[option(question, "Galle afsluiten")], text="Afscheid"
    )
    galle.refresh_from_db()
    # A dormant link is phased out (the farewell); the partnerships app ends it when the plan is done.
    assert galle.status == Partnership.Status.PHASING_OUT
    assert AppliedConsequence.objects.get(partnership=galle).partnership_status == "phasing_out"


def test_option_effect_choices_match_the_contract():
    assert set(Option.PartnershipEffect.values) == {"none", "end", "transform"}
