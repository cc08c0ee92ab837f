"""The civil servant's queue, application page, actions, CSV and decision overview."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import Application, Status
from tests.grants.factories import draft, granted, in_review, submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["grants:queue", "grants:queue_csv", "grants:decision_overview"])
def test_staff_pages_have_three_doors(name, client, citizen_client, council_client, civil_servant_client):
    url = reverse(name)
    assert client.get(url).status_code == 302
    assert citizen_client.get(url).status_code == 403
    assert council_client.get(url).status_code == 403
    assert civil_servant_client.get(url).status_code == 200


def test_the_queue_is_in_first_come_first_served_order_and_stays_cheap(
    civil_servant_client, citizen, other_citizen, django_assert_max_num_queries
):
    first = submitted(citizen)
    for _i in range(5):
        submitted(other_citizen)
    draft(citizen, title="Nog niet ingediend")
    with django_assert_max_num_queries(12):
        response = civil_servant_client.get(reverse("grants:queue"))
    rows = [row[0] for row in response.context["rows"]]
    assert rows[0] == first and len(rows) == 6
    assert "Nog niet ingediend" not in response.text


def test_the_queue_filters_and_marks_overdue(civil_servant_client, citizen):
    late = submitted(citizen)
    Application.objects.filter(pk=late.pk).update(decision_due=timezone.localdate() - datetime.timedelta(days=3))
    on_time = submitted(citizen, pillar="A")
    response = civil_servant_client.get(reverse("grants:queue"), {"overdue": "on"})
    assert [r[0] for r in response.context["rows"]] == [late]
    assert 'class="is-overdue"' in response.text
    response = civil_servant_client.get(reverse("grants:queue"), {"pillar": "A"})
    assert [r[0] for r in response.context["rows"]] == [on_time]


def test_the_queue_exports_csv_with_the_same_filters(civil_servant_client, citizen):
    a = submitted(citizen, title="=HYPERLINK(evil)")
    submitted(citizen, pillar="A")
    response = civil_servant_client.get(reverse("grants:queue_csv"), {"pillar": "C"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert a.reference in body and body.count("VI-") == 1
    assert "'=HYPERLINK" in body


def test_the_application_page_shows_actions_and_notes(
    civil_servant_client, civil_servant, citizen, django_assert_max_num_queries
):
    application = in_review(citizen, civil_servant)
    in_review(citizen, civil_servant)
    services.add_note(application, actor=civil_servant, text="Intern: bellen")
    services.add_note(application, actor=civil_servant, text="Nog een notitie")
    with django_assert_max_num_queries(12):
        response = civil_servant_client.get(reverse("grants:staff_detail", args=[application.pk]))
    assert response.status_code == 200
    assert response.context["action_names"] == ["recommend", "grant", "refuse", "request_information", "extend"]
    assert "Intern: bellen" in response.text


def test_drafts_are_not_visible_to_staff(civil_servant_client, citizen):
    assert civil_servant_client.get(reverse("grants:staff_detail", args=[draft(citizen).pk])).status_code == 404


def test_a_civil_servant_asks_for_information_and_grants(civil_servant_client, citizen, civil_servant):
    application = submitted(citizen)
    url = lambda name: reverse("grants:staff_action", args=[application.pk, name])  # noqa: E731
    civil_servant_client.post(
        url("request_information"),
        {"request_information-question": "Offerte?", "request_information-answer_within": "3"},
    )
    application.refresh_from_db()
    assert application.status == Status.INFORMATION_REQUESTED
    assert application.information_due == timezone.localdate() + datetime.timedelta(weeks=3)
    services.answer_information_request(application, actor=citizen, answer="Bijgevoegd")
    civil_servant_client.post(url("start_review"))
    response = civil_servant_client.post(
        url("grant"), {"grant-amount": "800", "grant-motivation": "Past binnen de regeling."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.GRANTED and application.granted_amount == Decimal("800")


def test_a_grant_over_the_ceiling_is_refused_on_the_page(civil_servant_client, citizen, civil_servant):
    granted(
        citizen, civil_servant, amount="9800", requested_amount=Decimal("9800"), cost_lines=[("x", Decimal("9800"))]
    )
    application = in_review(citizen, civil_servant)
    response = civil_servant_client.post(
        "/en" + reverse("grants:staff_action", args=[application.pk, "grant"]),
        {"grant-amount": "500", "grant-motivation": "Goed."},
    )
    assert response.status_code == 400
    assert "only €200.00 is still available" in response.text
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_conflict_of_interest_hides_the_decisions(civil_servant_client, civil_servant, citizen):
    application = in_review(citizen, civil_servant)
    civil_servant_client.post(
        reverse("grants:staff_action", args=[application.pk, "conflict"]), {"conflict-reason": "Buurman"}
    )
    response = civil_servant_client.get(reverse("grants:staff_detail", args=[application.pk]))
    assert "grant" not in response.context["action_names"]
    assert "Buurman" in response.text
    response = civil_servant_client.post(
        reverse("grants:staff_action", args=[application.pk, "refuse"]), {"refuse-motivation": "Nee"}
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_an_unknown_action_is_not_found(civil_servant_client, citizen):
    application = submitted(citizen)
    assert civil_servant_client.post(reverse("grants:staff_action", args=[application.pk, "pay"])).status_code == 404


def test_the_decision_overview_shows_what_granting_would_leave(civil_servant_client, civil_servant, citizen):
    a = in_review(citizen, civil_servant, requested_amount=Decimal("1000"))
    services.recommend(a, actor=civil_servant, recommendation="grant", amount=Decimal("600"))
    in_review(citizen, civil_servant, requested_amount=Decimal("1000"))
    response = civil_servant_client.get(reverse("grants:decision_overview"))
    rows = response.context["rows"]
    assert [r["alone"] for r in rows] == [Decimal("9400.00"), Decimal("9000.00")]
    assert [r["cumulative"] for r in rows] == [Decimal("9400.00"), Decimal("8400.00")]


def test_only_an_administrator_changes_the_ceiling(civil_servant_client, admin_client_):
    assert civil_servant_client.get(reverse("grants:ceiling")).status_code == 403
    year = timezone.localdate().year
    response = admin_client_.post(reverse("grants:ceiling"), {"year": year, "ceiling": "12000", "reason": "Raad"})
    assert response.status_code == 302
    assert services.budget_figures(year)["ceiling"] == Decimal("12000.00")


def test_the_decision_overview_stays_cheap(civil_servant_client, civil_servant, citizen, django_assert_max_num_queries):
    for _i in range(4):
        in_review(citizen, civil_servant)
    with django_assert_max_num_queries(12):
        response = civil_servant_client.get(reverse("grants:decision_overview"))
    assert len(response.context["rows"]) == 4


def test_the_decision_letter_stays_cheap(civil_servant_client, civil_servant, citizen, django_assert_max_num_queries):
    application = granted(citizen, civil_servant)
    with django_assert_max_num_queries(12):
        assert civil_servant_client.get(reverse("grants:letter", args=[application.pk])).status_code == 200
