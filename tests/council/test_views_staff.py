"""A civil servant drafts a question and its options, publishes it, opens and closes voting,
records the decision and the formal decision, or withdraws it. Only staff get in."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from council import services
from council.models import FormalDecision, Option, Question
from tests.council.factories import make_question, option

pytestmark = pytest.mark.django_db
S = Question.Status

QUESTION_DATA = {
    "title": "Welke middelen zet de raad in?",
    "topic": "finances",
    "context": "Jaarlijks is € 10.000 beschikbaar.",
    "dilemma": "Meer, minder of gelijk?",
    "question_text": "Welke middelen is de raad bereid in te zetten?",
    "budget_year": "2027",
    "quorum_percent": "50",
    "majority_percent": "50",
}


@pytest.mark.parametrize(
    "name,needs_question",
    [
        ("manage", False),
        ("question_create", False),
        ("manage_question", True),
        ("question_edit", True),
        ("option_create", True),
        ("document_add", True),
        ("open_voting", True),
        ("decide", True),
        ("withdraw", True),
        ("formal_decision", True),
    ],
)
def test_the_three_doors_of_every_staff_page(
    client, citizen_client, council_client, civil_servant_client, admin_client_, draft, name, needs_question
):
    url = reverse(f"council:{name}", args=[draft.pk] if needs_question else [])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert citizen_client.get(url).status_code == 403
    assert council_client.get(url).status_code == 403
    assert civil_servant_client.get(url).status_code == 200
    assert admin_client_.get(url).status_code == 200
    if needs_question:
        missing = reverse(f"council:{name}", args=[draft.pk + 1000])
        assert civil_servant_client.get(missing).status_code == 404


def test_publish_and_close_refuse_get_and_other_roles(council_client, civil_servant_client, draft):
    assert civil_servant_client.get(reverse("council:publish", args=[draft.pk])).status_code == 405
    assert council_client.post(reverse("council:publish", args=[draft.pk])).status_code == 403
    assert Question.objects.get(pk=draft.pk).status == S.DRAFT


def test_a_civil_servant_drafts_a_question_once_on_a_double_submit(civil_servant_client, civil_servant):
    key = str(uuid.uuid4())
    for _ in range(2):
        response = civil_servant_client.post(
            reverse("council:question_create"), {**QUESTION_DATA, "idempotency_key": key}
        )
        assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == S.DRAFT and question.created_by == civil_servant and question.budget_year == 2027


def test_bad_input_keeps_what_was_typed_and_shows_the_errors(civil_servant_client):
    data = {**QUESTION_DATA, "title": "", "quorum_percent": "120", "idempotency_key": str(uuid.uuid4())}
    response = civil_servant_client.post(reverse("council:question_create"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "error-summary" in content
    assert "Jaarlijks is € 10.000 beschikbaar." in content
    assert set(response.context["form"].errors) == {"title", "quorum_percent"}
    assert not Question.objects.exists()


def test_options_with_effects_are_added_and_edited(civil_servant_client, draft):
    url = reverse("council:option_create", args=[draft.pk])
    data = {
        "title": "Verhogen naar € 15.000",
        "description": "Meer ruimte voor initiatieven",
        "money_per_year": "15000",
        "fte": "0.2",
        "new_grant_ceiling": "15000",
        "partnership_effect": "none",
        "idempotency_key": str(uuid.uuid4()),
    }
    assert civil_servant_client.post(url, data).status_code == 302
    assert civil_servant_client.post(url, data).status_code == 302  # double submit
    created = Option.objects.get(title="Verhogen naar € 15.000")
    assert str(created.new_grant_ceiling) == "15000.00"
    edit = reverse("council:option_edit", args=[draft.pk, created.pk])
    civil_servant_client.post(edit, {**data, "title": "Verhogen"})
    created.refresh_from_db()
    assert created.title == "Verhogen"


def test_an_option_that_ends_links_must_name_them(civil_servant_client, draft):
    data = {
        "title": "Afsluiten",
        "description": "x",
        "money_per_year": "0",
        "fte": "0",
        "partnership_effect": "end",
        "idempotency_key": str(uuid.uuid4()),
    }
    response = civil_servant_client.post(reverse("council:option_create", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "partnerships" in response.context["form"].errors


def test_negative_amounts_are_refused(civil_servant_client, draft):
    data = {
        "title": "Min",
        "description": "x",
        "money_per_year": "-5",
        "fte": "0",
        "partnership_effect": "none",
        "idempotency_key": str(uuid.uuid4()),
    }
    response = civil_servant_client.post(reverse("council:option_create", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "money_per_year" in response.context["form"].errors


def test_the_whole_lifecycle_through_the_pages(civil_servant_client, civil_servant, members, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "_apply_ceiling", lambda **kw: seen.append(kw))
    question = make_question(
        civil_servant,
        topic="finances",
        budget_year=2027,
        options=(
            {"title": "Houden", "new_grant_ceiling": "10000"},
            {"title": "Verhogen", "new_grant_ceiling": "15000"},
        ),
    )
    civil_servant_client.post(reverse("council:publish", args=[question.pk]), {"reason": "Klaar"})
    ends = (timezone.localtime() + timezone.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = civil_servant_client.post(reverse("council:open_voting", args=[question.pk]), {"ends_at": ends})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == S.VOTING_OPEN
    for member in members[:3]:
        services.cast_vote(question, member=member, option=option(question, "Verhogen"))
    manage = civil_servant_client.get(reverse("council:manage_question", args=[question.pk]))
    assert manage.context["voted_count"] == 3 and manage.context["results"] is None
    civil_servant_client.post(reverse("council:close", args=[question.pk]), {"reason": ""})
    question.refresh_from_db()
    assert question.status == S.VOTING_CLOSED
    response = civil_servant_client.post(
        reverse("council:decide", args=[question.pk]),
        {
            "chosen_options": [option(question, "Verhogen").pk],
            "text": "Verhogen naar € 15.000",
            "decided_on": "2027-01-10",
        },
    )
    assert response.status_code == 302
    assert seen and str(seen[0]["ceiling"]) == "15000.00"
    response = civil_servant_client.post(
        reverse("council:formal_decision", args=[question.pk]),
        {
            "meeting_date": "2027-01-21",
            "minutes_url": "https://velsen.raadsinformatie.example/notulen",
            "summary": "Vastgesteld",
        },
    )
    assert response.status_code == 302
    assert FormalDecision.objects.get().meeting_date == datetime.date(2027, 1, 21)
    timeline = [(c.from_status, c.to_status) for c in question.status_changes.all()]
    assert timeline == [
        ("", S.DRAFT),
        (S.DRAFT, S.PUBLISHED),
        (S.PUBLISHED, S.VOTING_OPEN),
        (S.VOTING_OPEN, S.VOTING_CLOSED),
        (S.VOTING_CLOSED, S.DECIDED),
    ]


def test_an_illegal_transition_is_refused_with_its_reason(civil_servant_client, draft):
    response = civil_servant_client.post(reverse("council:close", args=[draft.pk]), follow=True)
    assert Question.objects.get(pk=draft.pk).status == S.DRAFT
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "draft" in messages[0].lower() or "concept" in messages[0].lower()


def test_opening_with_an_end_in_the_past_shows_a_field_error(civil_servant_client, published):
    past = (timezone.localtime() - timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = civil_servant_client.post(reverse("council:open_voting", args=[published.pk]), {"ends_at": past})
    assert response.status_code == 400
    assert "ends_at" in response.context["form"].errors


def test_withdrawing_through_the_page(civil_servant_client, published):
    response = civil_servant_client.post(
        reverse("council:withdraw", args=[published.pk]), {"reason": "Niet meer actueel"}
    )
    assert response.status_code == 302
    assert Question.objects.get(pk=published.pk).status == S.WITHDRAWN


def test_the_staff_pages_stay_within_the_query_budget(
    civil_servant_client, civil_servant, members, django_assert_max_num_queries
):
    for n in range(5):
        question = make_question(civil_servant, title=f"Vraag {n}", status=S.VOTING_OPEN)
        for member in members:
            services.cast_vote(question, member=member, option=question.options.first())
    services.close_voting(question, actor=civil_servant)
    with django_assert_max_num_queries(12):
        assert civil_servant_client.get(reverse("council:manage")).status_code == 200
    with django_assert_max_num_queries(12):
        assert civil_servant_client.get(reverse("council:manage_question", args=[question.pk])).status_code == 200


def test_the_overview_counts_what_needs_doing(civil_servant, draft, voting):
    from council.overview import staff_overview

    overview = staff_overview()
    counts = [item["count"] for item in overview["items"]]
    assert counts == [1, 1, 0]
    assert all("/council/manage/?status=" in item["url"] for item in overview["items"])


def test_the_decision_page_shows_the_outcome_of_the_vote(civil_servant_client, civil_servant, members):
    question = make_question(civil_servant, status=S.VOTING_OPEN)
    for member in members[:3]:
        services.cast_vote(question, member=member, option=option(question, "Optie B"))
    services.close_voting(question, actor=civil_servant)
    response = civil_servant_client.get(reverse("council:decide", args=[question.pk]))
    assert response.context["results"].winner.title == "Optie B"
    assert "results-title" in response.content.decode()
