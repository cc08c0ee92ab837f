"""Two civil servants (or a council decision and a civil servant) changing one partnership at the
same moment: the row lock makes the second see the first's result, so one wins and the rest are
refused with a reason; the history never shows two endings."""

import threading

import pytest
from django.db import connections

from partnerships import services
from partnerships.models import Partnership, StatusChange
from tests.factories import make_user
from tests.partnerships.factories import make_partnership

S = Partnership.Status


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_endings_end_the_partnership_once():
    actor = make_user("ambtenaar@velsen.example", roles=["civil_servant"])
    partnership = make_partnership(status=S.PROPOSED)
    threads, results = 5, []
    barrier = threading.Barrier(threads)

    def end():
        try:
            barrier.wait()
            services.change_status(
                Partnership.objects.get(pk=partnership.pk), S.ENDED, actor=actor, reason="Gelijktijdig"
            )
            results.append("ok")
        except services.TransitionError:
            results.append("refused")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=end) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert sorted(results) == ["ok"] + ["refused"] * (threads - 1)
    assert StatusChange.objects.filter(partnership=partnership, to_status=S.ENDED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_two_stale_readers_would_both_pass_the_check():
    """The race the lock prevents: two readers both see 'active' before either writes."""
    partnership = make_partnership(status=S.ACTIVE)
    barrier = threading.Barrier(2)
    seen = []

    def read_then_check():
        try:
            stale = Partnership.objects.get(pk=partnership.pk)
            barrier.wait()
            seen.append(services.check_transition(stale, S.ENDED)[0])
        finally:
            connections.close_all()

    workers = [threading.Thread(target=read_then_check) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert seen == [True, True]
