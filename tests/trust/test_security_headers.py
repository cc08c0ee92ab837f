"""Every response of the access matrix carries the security headers; pages for a logged-in user
(which may show personal data) and file downloads are never stored by a cache."""

import pytest

from tests.trust import matrix
from tests.trust.conftest import ROLES

ROUTES = matrix.route_names()


def _directives(csp):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in csp.split(";")) if part}


def header_problems(response, role):
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = _directives(csp)
    scripts = directives.get("script-src", directives.get("default-src"))
    if not scripts:
        problems.append("no script-src in the Content-Security-Policy")
    elif "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        problems.append(f"scripts allowed inline: {scripts}")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append("CSP frame-ancestors is not 'none'")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if response.get("X-Frame-Options") != "DENY":
        problems.append("X-Frame-Options is not DENY")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    # Any page for a logged-in user may show personal data (their name in the header at least).
    cache_control = response.get("Cache-Control", "")
    if role != "anonymous" and "no-store" not in cache_control:
        problems.append(f"personal page without Cache-Control no-store ({cache_control!r})")
    return problems


@pytest.mark.parametrize("name", ROUTES)
def test_every_response_carries_the_security_headers(world, name):
    problems = []
    for method in matrix.METHODS:
        for role in ROLES:
            url, response = matrix.request(world, name, role, method)
            matrix.FIGURES["header_checks"] += 1
            problems += [f"{method} {url} as {role}: {p}" for p in header_problems(response, role)]
    assert not problems, "\n".join(problems)


def test_private_downloads_are_not_cached(world):
    """An applicant's attachment is personal data even on its way out: no-store, as a download."""
    url = f"/grants/applications/{world['granted'].pk}/files/{world['granted_attachment'].pk}/"
    response = world["clients"]["civil_servant"].get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")


def test_error_pages_carry_the_headers_too(client, db):
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    assert header_problems(response, "anonymous") == []
