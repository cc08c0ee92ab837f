"""The route x role access matrix: every URL of the portal, for every role, with GET and POST,
gives the outcome the table in access_table.py decided on (pretix's way of testing itself)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.trust import matrix
from tests.trust.access_table import TABLE
from tests.trust.conftest import ROLES

ROUTES = matrix.route_names()


def test_every_route_is_in_the_table():
    """No page without deciding who may see it; and no table rows for pages that are gone."""
    missing = [name for name in ROUTES if name not in TABLE]
    stale = [name for name in TABLE if name not in ROUTES]
    assert not missing, f"Routes without a row in tests/trust/access_table.py: {missing}"
    assert not stale, f"Rows for routes that no longer exist: {stale}"


def test_the_matrix_covers_many_routes():
    # A broken walk (say, an empty resolver) must not pass silently.
    assert len(ROUTES) >= 90


@pytest.mark.parametrize("name", ROUTES)
def test_route_gives_each_role_the_decided_outcome(world, name):
    assert name in TABLE, f"{name} has no row in the access table"
    wrong = []
    for method in matrix.METHODS:
        for role in ROLES:
            url, response = matrix.request(world, name, role, method)
            got, want = matrix.outcome(response), matrix.expected(TABLE[name], method, role)
            matrix.FIGURES["cells"] += 1
            if got != want:
                wrong.append(f"{method} {url} as {role}: expected {want}, got {got}")
    matrix.FIGURES["routes"].add(name)
    assert not wrong, "\n".join(wrong)


def test_english_urls_resolve_to_the_same_routes(world):
    """The /en/ variant of a page is the same view with the same rules (spot check per app)."""
    for name in ("grants:detail", "partnerships:manage", "council:my_questions", "audit:event_list"):
        with translation.override("nl"):
            url = reverse(name, kwargs=matrix.kwargs_for(name, world))
        for role in ("anonymous", "citizen_b", "civil_servant"):
            dutch = world["clients"][role].get(url)
            english = world["clients"][role].get("/en" + url)
            assert matrix.outcome(english) == matrix.outcome(dutch), (name, role)


@pytest.mark.parametrize("role", ["citizen_a", "council_member", "civil_servant"])
def test_admin_sends_non_staff_to_login(world, role):
    """Django admin is excluded from the table: its own checks send anyone without is_staff to login."""
    for path in ("/admin/", "/admin/grants/application/", "/admin/audit/auditevent/"):
        response = world["clients"][role].get(path)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert world["clients"]["anonymous"].get("/admin/").status_code == 302


def test_staff_cannot_download_the_attachment_of_a_draft(world):
    """A draft is the citizen's own until it is submitted: staff do not see it, nor its files (404)."""
    url = reverse("grants:attachment", args=[world["draft"].pk, world["attachment"].pk])
    assert world["clients"]["citizen_a"].get(url).status_code == 200
    for role in ("civil_servant", "administrator", "citizen_b", "council_member"):
        assert world["clients"][role].get(url).status_code == 404, role
    assert (
        world["clients"]["civil_servant"].get(reverse("grants:staff_detail", args=[world["draft"].pk])).status_code
        == 404
    )
