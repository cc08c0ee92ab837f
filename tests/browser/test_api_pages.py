"""Done when (issue 7), in Chromium: the API documentation, the open data page and the Woo
overview of grants work without outside assets, show the budget's figures, offer CSV files that
open in a spreadsheet, and have zero axe violations, in Dutch and in English."""

import pytest

from grants import services as grant_services
from tests.api.conftest import world  # noqa: F401 - the same public world as the API tests

pytestmark = pytest.mark.django_db(transaction=True)


def _no_outside_requests(page, base_url):
    outside = []
    page.on("request", lambda request: None if request.url.startswith(base_url) else outside.append(request.url))
    return outside


def test_docs_open_data_and_woo_pages_in_dutch(page, base_url, axe, world):  # noqa: F811
    outside = _no_outside_requests(page, base_url)

    page.goto(f"{base_url}/api/v1/docs")
    assert page.locator("h1").inner_text() == "Open-data-API"
    assert page.locator("h3", has_text="GET /api/v1/budget/{year}").count() == 1
    axe(page)
    page.screenshot(path="/tmp/api-docs.png", full_page=False)

    page.goto(f"{base_url}/open-data/")
    axe(page)
    page.get_by_role("link", name=f"Woo-overzicht {world.year}").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Overzicht subsidies {world.year} (Woo)"
    committed = grant_services.budget_figures(world.year)["committed"]
    assert str(committed).replace(".", ",") in page.locator("main").inner_text().replace(".", "")
    axe(page)
    page.screenshot(path="/tmp/api-woo.png", full_page=True)

    csv = page.request.get(f"{base_url}/api/v1/downloads/woo-grants-{world.year}.csv")
    assert csv.body().startswith(b"\xef\xbb\xbf")
    assert "Stichting Zee en Strand" in csv.text()
    assert outside == []


def test_the_open_data_pages_in_english(page, base_url, axe, world):  # noqa: F811
    page.goto(f"{base_url}/en/open-data/")
    assert page.locator("h1").inner_text() == "Open data"
    axe(page)
    page.get_by_role("link", name="Documentation of the open data API").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Open data API"
    axe(page)
    page.goto(f"{base_url}/en/open-data/woo/grants/?year={world.year}")
    assert "Private persons (1 grant, not named)" in page.locator("main").inner_text()
    axe(page)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/open-data/woo/grants/", "/open-data/", "/open-data/api/"):
        page.goto(f"{base_url}{path}")
        axe(page)
    page.goto(f"{base_url}/open-data/woo/grants/")
    page.screenshot(path="/tmp/api-woo-320.png", full_page=True)
