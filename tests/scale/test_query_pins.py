"""Queries per page do not grow with the data: the bench's pages, rendered from scratch, at a small
and at a five times larger data set, stay within 12 queries and need the same number at both."""

import io

import pytest
from django.test import Client

from velsen_intl.management.commands.bench_data import Builder
from velsen_intl.management.commands.bench_plan import ROLES, pages, session_for
from velsen_intl.public_cache import bump_version


def _client(role):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    client = Client()
    if role:
        user = get_user_model().objects.get(email=ROLES[role])
        client.cookies[settings.SESSION_COOKIE_NAME] = session_for(user)
    return client


def _measure(django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in pages():
        client = _client(page["role"])
        bump_version()
        client.get(page["path"])  # what a running process has warm already
        bump_version()
        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as captured:
            response = client.get(page["path"])
        assert response.status_code == 200, page
        counts[page["name"]] = len(captured)
    return counts


@pytest.mark.django_db
def test_every_bench_page_needs_the_same_few_queries_at_1x_and_5x(django_assert_max_num_queries):
    Builder(1, seed=1, stdout=io.StringIO(), tag="a").build()
    small = _measure(django_assert_max_num_queries)

    Builder(4, seed=2, stdout=io.StringIO(), tag="b").build()
    large = _measure(django_assert_max_num_queries)

    assert len(small) == 12
    assert large == small


@pytest.mark.django_db
def test_the_bench_data_holds_what_the_issue_asks_for_at_scale_1():
    from audit.models import AuditEvent
    from council.models import Question, Vote
    from global_goals.models import Contribution
    from grants.models import Application
    from partnerships.models import Activity, Partnership

    Builder(1, seed=1, stdout=io.StringIO()).build()

    assert Application.objects.exclude(year=None).values("year").distinct().count() >= 6
    assert Application.objects.count() >= 200
    assert Partnership.objects.filter(slug__startswith="bench-").count() == 5
    assert Activity.objects.count() >= 50
    assert Contribution.objects.values("goal").distinct().count() == 17
    decided = Question.objects.filter(status=Question.Status.DECIDED, title__startswith="Raadsvraag").first()
    assert Vote.objects.filter(question=decided).count() == 35
    assert AuditEvent.objects.count() >= 10_000
