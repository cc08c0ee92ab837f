"""Two civil servants granting at the same moment can never spend more than the ceiling.

Runs on PostgreSQL only (row locks are real there). Each thread has its own connection, all start
together at a barrier. The second test removes the lock and shows that the race is real.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from grants import services
from grants.models import Application, Budget, Status
from tests.factories import make_user
from tests.grants.factories import in_review

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 5


def _applications_in_review(count):
    servant = make_user("ambtenaar@velsen.example", roles=["civil_servant"])
    applications = []
    for i in range(count):
        applicant = make_user(f"aanvrager{i}@example.org", roles=["citizen"])
        applications.append(
            in_review(applicant, servant, requested_amount=Decimal("4000.00"), cost_lines=[("Reis", Decimal("4000"))])
        )
    return servant, applications


def _grant_all_at_once(servant, applications, barrier):
    outcomes = []

    def worker(application):
        try:
            barrier.wait(timeout=30)
            services.grant(
                application,
                actor=servant,
                amount=Decimal("4000.00"),
                motivation="Goed plan.",
                out_of_order_reason="Gelijktijdig beoordeeld.",
            )
            outcomes.append("granted")
        except services.BudgetExceeded:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a,)) for a in applications]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_concurrent_grants_never_exceed_the_ceiling():
    servant, applications = _applications_in_review(THREADS)
    year = applications[0].year
    outcomes = _grant_all_at_once(servant, applications, threading.Barrier(THREADS))

    # 5 × €4,000 against €10,000: exactly two fit.
    assert sorted(outcomes) == ["granted", "granted", "refused", "refused", "refused"]
    assert Application.objects.filter(status=Status.GRANTED).count() == 2
    figures = services.budget_figures(year)
    assert figures["committed"] == Decimal("8000.00") <= Budget.objects.get(year=year).ceiling
    assert figures["available"] == Decimal("2000.00")


def test_without_the_row_lock_the_ceiling_is_broken(monkeypatch):
    """Take the lock away and let every thread read the committed total before any writes: they
    all see €0 committed, all grant, and the ceiling is exceeded. This is the race the lock stops."""
    servant, applications = _applications_in_review(3)
    year = applications[0].year
    read_barrier = threading.Barrier(3)
    original_committed = services.committed_for_year

    def unlocked_budget(year):
        services.ensure_budget(year)
        return Budget.objects.get(year=year)  # no select_for_update()

    def committed_then_wait(year):
        total = original_committed(year)
        read_barrier.wait(timeout=30)  # everyone has read before anyone writes
        return total

    monkeypatch.setattr(services, "_lock_budget", unlocked_budget)
    monkeypatch.setattr(services, "committed_for_year", committed_then_wait)
    outcomes = _grant_all_at_once(servant, applications, threading.Barrier(3))

    monkeypatch.setattr(services, "committed_for_year", original_committed)
    assert outcomes == ["granted", "granted", "granted"]
    assert services.budget_figures(year)["committed"] == Decimal("12000.00") > Decimal("10000.00")


def test_concurrent_submissions_get_distinct_gapless_references():
    applicants = [make_user(f"indiener{i}@example.org", roles=["citizen"]) for i in range(THREADS)]
    from tests.grants.factories import draft

    drafts = [draft(a) for a in applicants]
    barrier = threading.Barrier(THREADS)
    references = []

    def worker(application, applicant):
        try:
            barrier.wait(timeout=30)
            references.append(services.submit(application, actor=applicant).reference)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=pair) for pair in zip(drafts, applicants, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r[-4:] for r in references) == [f"{n:04d}" for n in range(1, THREADS + 1)]
