"""Two civil servants change the label at the same moment: the row lock makes the second one see
the first one's status, so exactly one change wins and the other is refused with a reason."""

import threading

import pytest
from django.db import connections

from global_goals import services
from global_goals.models import HistoryEvent, Label
from tests.factories import make_user
from tests.global_goals.factories import make_label


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_label_changes_leave_one_consistent_history():
    label = make_label(status=Label.Status.PROPOSED)
    actors = [make_user(f"ambtenaar{i}@velsen.example", roles=["civil_servant"]) for i in range(4)]
    targets = [Label.Status.ADOPTED, Label.Status.WITHDRAWN, Label.Status.ADOPTED, Label.Status.WITHDRAWN]
    barrier = threading.Barrier(len(actors))
    outcomes = []

    def change(actor, target):
        try:
            barrier.wait()
            services.change_label_status(
                Label.objects.get(pk=label.pk), target, actor=actor, reason="Tegelijk", council_decision="RB 2017/1"
            )
            outcomes.append(("ok", target))
        except services.TransitionError:
            outcomes.append(("refused", target))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=change, args=pair) for pair in zip(actors, targets, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    label.refresh_from_db()
    changes = list(HistoryEvent.objects.filter(action=HistoryEvent.Action.STATUS_CHANGED).order_by("at", "id"))
    # Each recorded change starts where the previous one ended: nobody overwrote a status unseen.
    assert changes[0].from_value == Label.Status.PROPOSED
    for earlier, later in zip(changes, changes[1:], strict=False):
        assert later.from_value == earlier.to_value
    assert changes[-1].to_value == label.status
    assert len([o for o in outcomes if o[0] == "ok"]) == len(changes)
    assert len(outcomes) == 4
