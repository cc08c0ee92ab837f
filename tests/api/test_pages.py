"""The docs page (rendered from the OpenAPI document, no outside assets), the open data page and
the Woo overview of grants."""

import json
import re

import pytest

from api import views as api_views


def test_the_docs_page_lists_every_operation_and_parameter(client, db):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    page = client.get("/api/v1/docs").content.decode()

    for path, item in document["paths"].items():
        assert f"GET {path}" in page
        for parameter in item["get"].get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in page
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in page


def test_the_docs_page_loads_nothing_from_elsewhere(client, db):
    page = client.get("/api/v1/docs").content.decode()

    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)
    assert "swagger" not in page.lower() and "cdn" not in page.lower()
    assert page.count("<h1") == 1


def test_the_docs_page_in_dutch_and_in_english(client, db):
    assert "Bewerkingen" in client.get("/api/v1/docs").content.decode()
    assert "Bewerkingen" in client.get("/open-data/api/").content.decode()
    assert "Operations" in client.get("/en/open-data/api/").content.decode()


def test_the_open_data_page_links_every_download(client, world):
    page = client.get("/open-data/").content.decode()

    for url in (
        "/api/v1/downloads/partnerships.csv",
        "/api/v1/downloads/goal-contributions.csv",
        "/api/v1/downloads/council-votes.csv",
        f"/api/v1/downloads/grants-{world.year}.csv",
        f"/api/v1/downloads/woo-grants-{world.year}.csv",
        "/open-data/api/",
    ):
        assert url in page


def test_the_woo_page_shows_organisations_and_the_budgets_total(client, world):
    page = client.get(f"/open-data/woo/grants/?year={world.year}").content.decode()

    assert "Stichting Zee en Strand" in page
    assert "Vereniging Stedenband Velsen" in page
    assert "€\xa03.650,50" in page or "€ 3.650,50" in page  # committed, as on the budget page
    assert "Algemene Subsidieverordening Velsen" in page


@pytest.mark.parametrize("year", ["abc", "1999", "-1"])
def test_the_woo_page_refuses_a_bad_year(client, db, year):
    assert client.get(f"/open-data/woo/grants/?year={year}").status_code == 404


def test_the_woo_page_stays_within_a_fixed_number_of_queries(
    client, world, civil_servant, django_assert_max_num_queries
):
    from tests.api.conftest import add_more_rows

    add_more_rows(world, civil_servant)
    with django_assert_max_num_queries(6):
        assert client.get(f"/open-data/woo/grants/?year={world.year}").status_code == 200


def test_the_open_data_pages_in_both_languages(client, world):
    assert "Open data" in client.get("/open-data/").content.decode()
    english = client.get(f"/en/open-data/woo/grants/?year={world.year}").content.decode()
    assert "Grants overview" in english and 'lang="en"' in english
    assert "/en/open-data/woo/grants/" in client.get("/en/open-data/").content.decode()
    assert api_views._page_url("index") in ("/open-data/", "/en/open-data/")
