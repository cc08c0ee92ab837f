"""Shared fixtures: users per role, clients logged in as them, and the skip policy.

Skip policy: PostgreSQL-only tests skip on SQLite, browser tests skip without Chromium. When
VELSEN_STRICT_SKIPS=1 (set by .ci/run), a skipped browser test fails the run, and so does a
skipped PostgreSQL test when the database is PostgreSQL.
"""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories import make_user

PASSWORD = "velsen-test-password"

# CI runs the fuzzers with a fixed seed, so that a run can be repeated; locally they explore anew.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI") or os.environ.get("VELSEN_STRICT_SKIPS") == "1":
    hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if item.get_closest_marker("postgres") and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="requires PostgreSQL (set DATABASE_URL)"))


_skips = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skips.append((report.nodeid, reason))


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("VELSEN_STRICT_SKIPS") != "1":
        return
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    forbidden = [(n, r) for n, r in _skips if on_postgres or "requires PostgreSQL" not in r]
    if forbidden:
        print("\nVELSEN_STRICT_SKIPS: these tests were skipped, which CI does not allow:")
        for nodeid, reason in forbidden:
            print(f"  {nodeid}: {reason}")
        session.exitstatus = 1


@pytest.fixture
def citizen(db):
    return make_user("burger@example.org", roles=["citizen"], full_name="Bea Burger", password=PASSWORD)


@pytest.fixture
def other_citizen(db):
    return make_user("ander@example.org", roles=["citizen"], full_name="Olaf Ander", password=PASSWORD)


@pytest.fixture
def civil_servant(db):
    return make_user("ambtenaar@velsen.example", roles=["civil_servant"], full_name="Anna Ambtenaar", password=PASSWORD)


@pytest.fixture
def other_civil_servant(db):
    return make_user("collega@velsen.example", roles=["civil_servant"], full_name="Cor Collega", password=PASSWORD)


@pytest.fixture
def council_member(db):
    return make_user("raadslid@velsen.example", roles=["council_member"], full_name="Rita Raadslid", password=PASSWORD)


@pytest.fixture
def administrator(db):
    return make_user(
        "beheer@velsen.example", roles=["administrator"], full_name="Bert Beheer", password=PASSWORD, is_staff=True
    )


def _client_for(client_class, user):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def citizen_client(citizen):
    from django.test import Client

    return _client_for(Client, citizen)


@pytest.fixture
def other_citizen_client(other_citizen):
    from django.test import Client

    return _client_for(Client, other_citizen)


@pytest.fixture
def civil_servant_client(civil_servant):
    from django.test import Client

    return _client_for(Client, civil_servant)


@pytest.fixture
def council_client(council_member):
    from django.test import Client

    return _client_for(Client, council_member)


@pytest.fixture
def admin_client_(administrator):
    from django.test import Client

    return _client_for(Client, administrator)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the cache: every test starts with it empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """A request to /en/ leaves English active in the thread; every test starts in Dutch again."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) flush the database, which also removes the data
    that migrations load: the 17 Global Goals, the partnership themes and the role groups. Put them back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group

    from accounts.roles import ROLE_PERMISSIONS, sync_role_permissions

    if Group.objects.filter(name__in=[str(r) for r in ROLE_PERMISSIONS]).count() < len(ROLE_PERMISSIONS):
        sync_role_permissions()
    import importlib

    importlib.import_module("global_goals.migrations.0002_load_the_17_goals").load_goals(django_apps, None)
    importlib.import_module("partnerships.migrations.0003_load_the_standard_themes").load_themes(django_apps, None)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Files uploaded by tests go to a temporary directory, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
