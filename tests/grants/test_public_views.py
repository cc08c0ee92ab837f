"""The public budget page: anyone sees the figures and the organisations that received a grant."""

from decimal import Decimal

import pytest
from django.urls import reverse

from grants import overview
from tests.grants.factories import granted, submitted

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_budget_with_figures_as_text(client, citizen, civil_servant, django_assert_max_num_queries):
    application = granted(
        citizen, civil_servant, amount="2500", requested_amount=Decimal("2500"), cost_lines=[("Zaal", Decimal("3000"))]
    )
    granted(
        citizen,
        civil_servant,
        amount="500",
        title="Privé-initiatief",
        applicant_kind="person",
        contact_name="Piet Privé",
        organisation_name="",
        kvk_number="",
    )
    with django_assert_max_num_queries(12):
        response = client.get("/en" + reverse("grants:budget"))
    assert response.status_code == 200
    text = response.text
    assert "€10,000.00" in text and "€3,000.00" in text and "€7,000.00" in text
    assert "<progress" in text and "<svg" in text
    assert application.title in text and "Stichting Zee en Strand" in text
    assert "Piet Privé" not in text and "A private person" in text
    assert response.context["figures"]["available"] == Decimal("7000.00")


def test_the_budget_page_of_another_year(client):
    response = client.get(reverse("grants:budget"), {"year": "2031"})
    assert response.context["figures"]["year"] == 2031
    assert client.get(reverse("grants:budget"), {"year": "abc"}).status_code == 200


def test_staff_overview_counts_the_work(citizen):
    submitted(citizen)
    result = overview.staff_overview()
    assert result["title"]
    counts = {item["label"]: item["count"] for item in result["items"]}
    assert sum(counts.values()) >= 1
    assert all(item["url"].startswith("/") for item in result["items"])
