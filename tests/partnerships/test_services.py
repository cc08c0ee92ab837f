import datetime
import itertools
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from audit.models import AuditEvent
from partnerships import services
from partnerships.models import Partnership, StatusChange
from partnerships.services import ALLOWED_TRANSITIONS, TransitionError
from tests.partnerships.factories import make_partner, make_partnership, make_project, make_step, theme

pytestmark = pytest.mark.django_db
S = Partnership.Status

ALLOWED = sorted((a.value, b.value) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets)
REFUSED = sorted(
    (a.value, b.value) for a, b in itertools.product(S, S) if (a.value, b.value) not in ALLOWED and a != S.ENDED
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def audit_actions(obj):
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).values_list(
            "action", "result"
        )
    )


def test_the_transition_table_is_the_one_agreed():
    assert (
        sorted(
            [
                ("proposed", "active"),
                ("proposed", "ended"),
                ("active", "dormant"),
                ("active", "phasing_out"),
                ("active", "ended"),
                ("dormant", "active"),
                ("dormant", "phasing_out"),
                ("phasing_out", "ended"),
                ("phasing_out", "active"),
            ]
        )
        == ALLOWED
    )


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_each_allowed_transition_changes_the_status_and_records_who_when_from_to_why(old, new, civil_servant):
    partnership = make_partnership(status=old, since=datetime.date(2000, 1, 1))
    services.change_status(
        partnership, new, actor=civil_servant, reason="Besluit van het college", decided_by_question="Raad 2017-09-21"
    )
    partnership.refresh_from_db()
    assert partnership.status == new
    entry = partnership.history.get()
    assert (entry.event, entry.from_status, entry.to_status) == (StatusChange.Event.STATUS, old, new)
    assert entry.actor == civil_servant
    assert entry.reason == "Besluit van het college"
    assert entry.decision_reference == "Raad 2017-09-21"
    assert entry.at is not None
    assert audit_actions(partnership) == [("partnerships.change_status", "ok")]


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_each_other_transition_is_refused_with_a_reason(old, new, civil_servant):
    partnership = make_partnership(status=old)
    with pytest.raises(TransitionError) as refused:
        services.change_status(partnership, new, actor=civil_servant, reason="Probeer het")
    assert str(refused.value)
    partnership.refresh_from_db()
    assert partnership.status == old
    assert not partnership.history.exists()
    assert audit_actions(partnership) == [("partnerships.change_status", "refused")]


@pytest.mark.parametrize("new", [s.value for s in S])
def test_an_ended_partnership_cannot_change_to_anything(new, civil_servant):
    partnership = make_partnership(status=S.ENDED)
    with translation.override("en"), pytest.raises(TransitionError, match="has ended"):
        services.change_status(partnership, new, actor=civil_servant, reason="Heropenen")
    partnership.refresh_from_db()
    assert partnership.status == S.ENDED


def test_an_unknown_status_is_refused(civil_servant):
    partnership = make_partnership()
    with pytest.raises(TransitionError):
        services.change_status(partnership, "archived", actor=civil_servant, reason="x")


def test_a_status_change_needs_a_reason(civil_servant):
    partnership = make_partnership(status=S.ACTIVE)
    with translation.override("en"), pytest.raises(TransitionError, match="reason"):
        services.change_status(partnership, S.DORMANT, actor=civil_servant, reason="  ")
    partnership.refresh_from_db()
    assert partnership.status == S.ACTIVE


def test_ending_sets_the_end_date_and_activating_the_start_date(civil_servant):
    partnership = make_partnership(status=S.PROPOSED)
    services.change_status(partnership, S.ACTIVE, actor=civil_servant, reason="Akkoord")
    assert partnership.since == timezone.localdate()
    services.change_status(partnership, S.ENDED, actor=civil_servant, reason="Klaar")
    partnership.refresh_from_db()
    assert partnership.until == timezone.localdate()


def test_a_phase_out_cannot_end_while_steps_are_open(civil_servant):
    partnership = make_partnership(status=S.PHASING_OUT)
    make_step(partnership, "Partnerstad informeren")
    with translation.override("en"), pytest.raises(TransitionError, match="1 open step"):
        services.change_status(partnership, S.ENDED, actor=civil_servant, reason="Klaar")


def test_a_decision_object_is_stored_as_a_plain_reference(civil_servant):
    class Question:
        def __str__(self):
            return "Raadsvraag 12"

        def get_absolute_url(self):
            return "/council/questions/12/"

    partnership = make_partnership(status=S.DORMANT)
    services.change_status(
        partnership, S.PHASING_OUT, actor=civil_servant, reason="Raad", decided_by_question=Question()
    )
    assert partnership.history.get().decision_reference == "Raadsvraag 12 /council/questions/12/"


def test_galle_goes_through_its_phase_out_plan_to_ended(civil_servant):
    galle = make_partnership("Stedenband Galle", status=S.DORMANT)
    steps = services.add_standard_phase_out_plan(galle, actor=civil_servant)
    assert len(steps) == 3
    assert services.add_standard_phase_out_plan(galle, actor=civil_servant) == []
    services.change_status(galle, S.PHASING_OUT, actor=civil_servant, reason="Raad koos voor afbouw")
    for step in steps:
        services.complete_phase_out_step(step, actor=civil_servant)
    services.change_status(galle, S.ENDED, actor=civil_servant, reason="Afscheid genomen")
    galle.refresh_from_db()
    assert galle.status == S.ENDED
    assert all(step.done_on == timezone.localdate() for step in galle.phase_out_steps.all())
    events = list(galle.history.values_list("event", flat=True))
    assert events.count(StatusChange.Event.STEP_ADDED) == 3
    assert events.count(StatusChange.Event.STEP_DONE) == 3
    assert events.count(StatusChange.Event.STATUS) == 2


def test_steps_are_ticked_off_only_while_phasing_out(civil_servant):
    partnership = make_partnership(status=S.DORMANT)
    step = make_step(partnership)
    with translation.override("en"), pytest.raises(TransitionError, match="once the partnership is being phased out"):
        services.complete_phase_out_step(step, actor=civil_servant)


def test_a_step_is_ticked_off_once_and_never_in_the_future(civil_servant):
    partnership = make_partnership(status=S.PHASING_OUT)
    step = make_step(partnership)
    with pytest.raises(TransitionError):
        services.complete_phase_out_step(
            step, actor=civil_servant, done_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    services.complete_phase_out_step(step, actor=civil_servant, done_on=datetime.date(2026, 1, 2))
    with pytest.raises(TransitionError):
        services.complete_phase_out_step(step, actor=civil_servant)
    step.refresh_from_db()
    assert step.done_on == datetime.date(2026, 1, 2)
    assert step.done_by == civil_servant


def test_only_city_links_that_have_not_ended_get_phase_out_steps(civil_servant):
    with pytest.raises(TransitionError):
        services.add_phase_out_step(make_project(), actor=civil_servant, title="Afscheid")
    with pytest.raises(TransitionError):
        services.add_phase_out_step(make_partnership(status=S.ENDED), actor=civil_servant, title="Afscheid")


def test_a_double_submitted_step_is_added_once(civil_servant):
    partnership = make_partnership(status=S.DORMANT)
    key = uuid.uuid4()
    first = services.add_phase_out_step(partnership, actor=civil_servant, title="Brief", idempotency_key=key)
    second = services.add_phase_out_step(partnership, actor=civil_servant, title="Brief", idempotency_key=key)
    assert first == second
    assert partnership.phase_out_steps.count() == 1


def test_qingdao_is_transformed_into_a_project_cooperation_linked_to_the_city_link(civil_servant):
    qingdao = make_partner("Qingdao", "CN")
    link = make_partnership(
        "Stedenband Qingdao", status=S.ACTIVE, partners=[qingdao], themes=[theme("port-and-maritime")], goals=[8]
    )
    project = services.transform_to_project(
        link, actor=civil_servant, reason="Het bedrijfsleven vraagt erom", decided_by_question="https://example.org/b/1"
    )
    link.refresh_from_db()
    assert link.status == S.ENDED
    assert project.kind == Partnership.Kind.PROJECT
    assert project.pillar == "A"
    assert project.status == S.ACTIVE
    assert project.transformed_from == link
    assert list(link.transformed_into.all()) == [project]
    assert list(project.partners.all()) == [qingdao]
    assert list(project.goals.values_list("pk", flat=True)) == [8]
    assert link.history.get().event == StatusChange.Event.TRANSFORMED
    assert project.history.get().event == StatusChange.Event.TRANSFORMED_FROM
    assert project.history.get().decision_reference == "https://example.org/b/1"
    assert audit_actions(link) == [("partnerships.transform", "ok")]


@pytest.mark.parametrize("status", [S.PHASING_OUT, S.ENDED])
def test_a_city_link_being_phased_out_or_ended_cannot_be_transformed(status, civil_servant):
    link = make_partnership(status=status)
    with pytest.raises(TransitionError):
        services.transform_to_project(link, actor=civil_servant, reason="Toch")
    assert not Partnership.objects.filter(transformed_from=link).exists()
    assert audit_actions(link) == [("partnerships.transform", "refused")]


def test_a_project_cooperation_cannot_be_transformed(civil_servant):
    with translation.override("en"), pytest.raises(TransitionError, match="Only a symbolic city link"):
        services.transform_to_project(make_project(), actor=civil_servant, reason="x")


def test_create_registers_history_and_audit_once_per_submit(civil_servant):
    key = uuid.uuid4()
    fields = {"title": "Wind op zee met Esbjerg", "kind": "project", "pillar": "A", "origin": "mra", "lead": "mayor"}
    first = services.create_partnership(
        actor=civil_servant, fields=fields, themes=[theme("offshore-wind")], goals=[7], idempotency_key=key
    )
    second = services.create_partnership(actor=civil_servant, fields=fields, idempotency_key=key)
    assert first == second
    assert Partnership.objects.count() == 1
    assert first.slug == "wind-op-zee-met-esbjerg"
    assert first.status == S.PROPOSED
    assert first.history.get().event == StatusChange.Event.CREATED
    assert audit_actions(first) == [("partnerships.create", "ok")]


def test_slugs_are_unique_and_never_a_page_of_the_app(civil_servant):
    one = services.create_partnership(
        actor=civil_servant, fields={"title": "Galle", "kind": "city_link", "pillar": "B"}
    )
    two = services.create_partnership(
        actor=civil_servant, fields={"title": "Galle", "kind": "city_link", "pillar": "B"}
    )
    three = services.create_partnership(
        actor=civil_servant, fields={"title": "Manage", "kind": "project", "pillar": "A"}
    )
    assert (one.slug, two.slug, three.slug) == ("galle", "galle-2", "manage-partnership")


def test_update_records_what_changed_and_ignores_a_save_without_changes(civil_servant):
    partnership = make_partnership(title="Oud")
    services.update_partnership(partnership, actor=civil_servant, fields={"title": "Nieuw"}, goals=[14])
    entry = partnership.history.get()
    assert entry.event == StatusChange.Event.UPDATED
    services.update_partnership(partnership, actor=civil_servant, fields={"title": "Nieuw"}, goals=[14])
    assert partnership.history.count() == 1
    assert [a for a, _r in audit_actions(partnership)] == ["partnerships.update"]


def test_an_activity_is_logged_once_with_its_documents(civil_servant):
    partnership = make_partnership()
    key = uuid.uuid4()
    upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag", content_type="application/pdf")
    kwargs = {
        "actor": civil_servant,
        "kind": "visit",
        "date": datetime.date(2026, 5, 1),
        "title": "Bezoek",
        "costs": Decimal("250.50"),
        "documents": [{"title": "Verslag", "file": upload, "is_public": True}],
        "idempotency_key": key,
    }
    first = services.log_activity(partnership, **kwargs)
    second = services.log_activity(partnership, **kwargs)
    assert first == second
    assert first.costs == Decimal("250.50")
    document = first.documents.get()
    assert document.is_public
    assert document.file.read() == b"%PDF-1.4 verslag"
    assert partnership.history.get().event == StatusChange.Event.ACTIVITY
    assert audit_actions(first) == [("partnerships.log_activity", "ok")]


def test_no_activity_after_a_partnership_ended(civil_servant):
    partnership = make_partnership(status=S.ENDED, since=datetime.date(2000, 1, 1), until=datetime.date(2020, 1, 1))
    with pytest.raises(TransitionError):
        services.log_activity(
            partnership, actor=civil_servant, kind="letter", date=datetime.date(2021, 1, 1), title="Brief"
        )
    services.log_activity(
        partnership, actor=civil_servant, kind="letter", date=datetime.date(2019, 1, 1), title="Brief"
    )
