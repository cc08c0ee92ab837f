"""Playwright on Debian's Chromium, against pytest-django's live server, with axe-core checks.

Never `playwright install`: the browser is Debian's /usr/bin/chromium (apt-get install chromium).
Without it these tests skip with that instruction; CI (VELSEN_STRICT_SKIPS=1) turns a skip into a
failure.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    have_chromium = os.path.exists(CHROMIUM) or shutil.which("chromium")
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not have_chromium:
                item.add_marker(
                    pytest.mark.skip(
                        reason="Chromium not found: sudo apt-get install -y chromium (never playwright install)"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


def check_accessibility(page, context=""):
    """Run axe-core (WCAG 2.1 A and AA) on the current page; fail with the violations listed."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response.get("violations", [])
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url} {context}:"]
        for v in violations:
            targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
            lines.append(f"  - {v['id']} ({v.get('impact')}): {v['help']} -> {targets}")
        pytest.fail("\n".join(lines))


@pytest.fixture
def axe():
    """Call `axe(page)` after each navigation: zero WCAG 2.1 AA violations allowed."""
    return check_accessibility


@pytest.fixture
def login(base_url):
    """Log in through the real login form: `login(page, email, password)`."""

    def do_login(page, email, password, language_prefix=""):
        from django.contrib.auth import get_user_model

        from accounts.mfa import mfa_required
        from tests.factories import ensure_totp, totp_code

        user = get_user_model().objects.get(email=email)
        device = ensure_totp(user) if mfa_required(user) else None
        page.goto(f"{base_url}{language_prefix}/accounts/login/")
        page.get_by_label("E-mail address" if language_prefix == "/en" else "E-mailadres").fill(email)
        page.get_by_label("Password" if language_prefix == "/en" else "Wachtwoord", exact=True).fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if device is not None:
            # Staff log in with a second factor: type the code the authenticator app would show.
            page.get_by_label("Code").fill(totp_code(device))
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()

    return do_login
