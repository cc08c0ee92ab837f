"""The civil servant's pages: contributions with indicators, KIMO meetings and actions, the label."""

import datetime
import uuid

import pytest
from django.urls import reverse

from global_goals.models import Contribution, HistoryEvent, Indicator, IndicatorMeasurement, Label, Meeting
from tests.global_goals.factories import (
    make_action,
    make_contribution,
    make_indicator,
    make_label,
    make_meeting,
    make_network,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kimo():
    return make_network()


@pytest.fixture
def setting(kimo):
    contribution = make_contribution(14, title="Steun aan KIMO", kind=Contribution.Kind.FOCUS)
    indicator = make_indicator(contribution, measurements=[(datetime.date(2022, 1, 1), "512")])
    meeting = make_meeting(kimo, date=datetime.date(2027, 4, 15), topic="Voorjaarsvergadering")
    action = make_action(kimo, results=[(2019, "558", 137)])
    label = make_label()
    return {"contribution": contribution, "indicator": indicator, "meeting": meeting, "action": action, "label": label}


def staff_urls(setting):
    return [
        reverse("global_goals:manage"),
        reverse("global_goals:manage_contribution_create"),
        reverse("global_goals:manage_contribution", args=[setting["contribution"].pk]),
        reverse("global_goals:manage_contribution_edit", args=[setting["contribution"].pk]),
        reverse("global_goals:manage_indicator_create", args=[setting["contribution"].pk]),
        reverse("global_goals:manage_indicator_edit", args=[setting["indicator"].pk]),
        reverse("global_goals:manage_measurement_create", args=[setting["indicator"].pk]),
        reverse("global_goals:manage_meetings"),
        reverse("global_goals:manage_meeting_create"),
        reverse("global_goals:manage_meeting", args=[setting["meeting"].pk]),
        reverse("global_goals:manage_action_create"),
        reverse("global_goals:manage_action", args=[setting["action"].pk]),
        reverse("global_goals:manage_action_edit", args=[setting["action"].pk]),
        reverse("global_goals:manage_label"),
    ]


# --- The three doors -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, setting):
    for url in staff_urls(setting):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("client_fixture", ["citizen_client", "council_client"])
def test_other_roles_are_refused(request, setting, client_fixture):
    other = request.getfixturevalue(client_fixture)
    for url in staff_urls(setting):
        assert other.get(url).status_code == 403, url
    assert other.post(reverse("global_goals:manage_contribution_create"), {}).status_code == 403


def test_civil_servants_and_administrators_get_in(civil_servant_client, admin_client_, setting):
    for staff in (civil_servant_client, admin_client_):
        for url in staff_urls(setting):
            response = staff.get(url)
            assert response.status_code == 200, url
            assert response.content.decode().count("<h1") == 1, url


def test_records_that_do_not_exist_are_not_found(civil_servant_client, setting):
    for name in (
        "manage_contribution",
        "manage_contribution_edit",
        "manage_indicator_create",
        "manage_indicator_edit",
        "manage_measurement_create",
        "manage_meeting",
        "manage_action",
        "manage_action_edit",
    ):
        assert civil_servant_client.get(reverse(f"global_goals:{name}", args=[99999])).status_code == 404, name


# --- Contributions and indicators ----------------------------------------------------------------


def contribution_post(**extra):
    data = {
        "goal": "7",
        "kind": "base_level",
        "title": "Zon op daken",
        "description": "Panelen op het stadhuis",
        "department": "Duurzaamheid",
        "period_start": "2024-01-01",
        "period_end": "",
        "budget": "1500.00",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


def test_a_civil_servant_records_a_contribution(civil_servant_client, civil_servant):
    response = civil_servant_client.post(reverse("global_goals:manage_contribution_create"), contribution_post())
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("global_goals:manage_contribution", args=[contribution.pk])
    assert contribution.goal_id == 7 and str(contribution.budget) == "1500.00"
    assert HistoryEvent.objects.get().actor == civil_servant


def test_a_double_submit_records_one_contribution(civil_servant_client):
    data = contribution_post()
    civil_servant_client.post(reverse("global_goals:manage_contribution_create"), data)
    civil_servant_client.post(reverse("global_goals:manage_contribution_create"), data)
    assert Contribution.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_explains(civil_servant_client):
    response = civil_servant_client.post(
        reverse("global_goals:manage_contribution_create"),
        contribution_post(period_start="2024-05-01", period_end="2024-01-01", budget="-5", title="Mijn titel"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="Mijn titel"' in html
    assert response.context["form"].errors.keys() >= {"period_end", "budget"}
    assert Contribution.objects.count() == 0


def test_changing_a_contribution_needs_a_reason_and_leaves_history(civil_servant_client, setting):
    contribution = setting["contribution"]
    url = reverse("global_goals:manage_contribution_edit", args=[contribution.pk])
    data = contribution_post(goal="14", kind="focus", title="Steun aan KIMO en schone stranden")
    response = civil_servant_client.post(url, data)
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = civil_servant_client.post(url, {**data, "reason": "Breder gemaakt"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == "Steun aan KIMO en schone stranden"
    detail = civil_servant_client.get(reverse("global_goals:manage_contribution", args=[contribution.pk]))
    assert "Breder gemaakt" in detail.content.decode()


def test_adding_an_indicator_and_a_measurement(civil_servant_client, setting):
    contribution = setting["contribution"]
    response = civil_servant_client.post(
        reverse("global_goals:manage_indicator_create", args=[contribution.pk]),
        {
            "name": "Schepen die meedoen",
            "unit": "schepen",
            "baseline": "0",
            "target": "150",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Schepen die meedoen")
    response = civil_servant_client.post(
        reverse("global_goals:manage_measurement_create", args=[indicator.pk]),
        {"measured_on": "2019-12-31", "value": "137", "note": "KIMO jaarcijfers"},
    )
    assert response.status_code == 302
    assert IndicatorMeasurement.objects.get(indicator=indicator).value == 137


def test_an_indicator_with_the_same_name_is_refused_on_the_form(civil_servant_client, setting):
    contribution = setting["contribution"]
    response = civil_servant_client.post(
        reverse("global_goals:manage_indicator_create", args=[contribution.pk]),
        {
            "name": setting["indicator"].name,
            "unit": "t",
            "baseline": "0",
            "target": "5",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Indicator.objects.filter(contribution=contribution).count() == 1


def test_an_indicator_target_of_zero_is_refused(civil_servant_client, setting):
    response = civil_servant_client.post(
        reverse("global_goals:manage_indicator_create", args=[setting["contribution"].pk]),
        {"name": "Nul", "unit": "t", "baseline": "0", "target": "0", "idempotency_key": str(uuid.uuid4())},
    )
    assert response.status_code == 200 and "target" in response.context["form"].errors


# --- KIMO ----------------------------------------------------------------------------------------


def meeting_post(**extra):
    data = {
        "date": "2027-06-01",
        "place": "Stadhuis Velsen",
        "hosted_by_velsen": "on",
        "topic": "Zomervergadering",
        "attendees": "KIMO NL & BE",
        "minutes": "",
        "minutes_url": "",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


def test_a_civil_servant_records_a_meeting_once(civil_servant_client, kimo):
    data = meeting_post()
    first = civil_servant_client.post(reverse("global_goals:manage_meeting_create"), data)
    civil_servant_client.post(reverse("global_goals:manage_meeting_create"), data)
    meeting = Meeting.objects.get()
    assert first.url == reverse("global_goals:manage_meeting", args=[meeting.pk])
    assert meeting.hosted_by_velsen and meeting.network == kimo


def test_a_meeting_with_a_bad_link_is_refused(civil_servant_client, kimo):
    response = civil_servant_client.post(
        reverse("global_goals:manage_meeting_create"), meeting_post(minutes_url="geen link")
    )
    assert response.status_code == 200 and "minutes_url" in response.context["form"].errors


def test_adding_minutes_to_a_meeting(civil_servant_client, setting):
    meeting = setting["meeting"]
    url = reverse("global_goals:manage_meeting", args=[meeting.pk])
    data = meeting_post(
        date="2027-04-15", topic="Voorjaarsvergadering", minutes="Afgesproken: meer big bags", reason="Notulen"
    )
    assert civil_servant_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Afgesproken: meer big bags"
    assert "Notulen" in civil_servant_client.get(url).content.decode()


def test_recording_a_result_for_an_action(civil_servant_client, setting):
    action = setting["action"]
    url = reverse("global_goals:manage_action", args=[action.pk])
    response = civil_servant_client.post(url, {"year": "2021", "quantity": "756", "participants": "", "source": "KIMO"})
    assert response.status_code == 302
    assert action.results.get(year=2021).quantity == 756
    response = civil_servant_client.post(url, {"year": "1800", "quantity": "-1"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"year", "quantity"}


def test_a_civil_servant_records_a_new_action(civil_servant_client, kimo):
    response = civil_servant_client.post(
        reverse("global_goals:manage_action_create"),
        {"name": "Schone stranden", "slug": "", "goal": "14", "result_unit": "kg"},
    )
    assert response.status_code == 302
    action = kimo.actions.get()
    assert (action.name, action.slug) == ("Schone stranden", "schone-stranden")


# --- The label -----------------------------------------------------------------------------------


def test_the_label_status_is_changed_with_a_reason(civil_servant_client, setting):
    url = reverse("global_goals:manage_label")
    response = civil_servant_client.post(url, {"status": "proposed", "reason": "Naar de raad"})
    assert response.status_code == 302
    label = Label.objects.get()
    assert label.status == Label.Status.PROPOSED
    assert "Naar de raad" in civil_servant_client.get(url).content.decode()


def test_adoption_without_a_council_decision_is_refused_on_the_form(civil_servant_client, setting):
    Label.objects.update(status=Label.Status.PROPOSED)
    response = civil_servant_client.post(reverse("global_goals:manage_label"), {"status": "adopted", "reason": "Ja"})
    assert response.status_code == 200
    assert "council_decision" in response.context["form"].errors
    assert Label.objects.get().status == Label.Status.PROPOSED


def test_a_status_that_the_label_cannot_reach_is_not_offered(civil_servant_client, setting):
    response = civil_servant_client.post(
        reverse("global_goals:manage_label"), {"status": "adopted", "reason": "Te vroeg", "council_decision": "x"}
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert Label.objects.get().status == Label.Status.CONSIDERED


# --- Query pins ----------------------------------------------------------------------------------


@pytest.fixture
def many(kimo):
    for i in range(8):
        contribution = make_contribution(1 + i % 5, title=f"Bijdrage {i}")
        for n in range(3):
            make_indicator(contribution, name=f"Indicator {n}", measurements=[(datetime.date(2022, 1, 1), "5")])
        make_meeting(kimo, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=40 * i), topic=f"Vergadering {i}")
    make_action(kimo, results=[(2019 + y, str(100 + y), 10) for y in range(5)])
    make_label()
    return kimo


@pytest.mark.parametrize(
    "name,args",
    [
        ("manage", []),
        ("manage_meetings", []),
        ("manage_label", []),
    ],
)
def test_staff_lists_use_a_fixed_number_of_queries(
    civil_servant_client, many, name, args, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert civil_servant_client.get(reverse(f"global_goals:{name}", args=args)).status_code == 200


def test_the_contribution_page_uses_a_fixed_number_of_queries(
    civil_servant_client, many, django_assert_max_num_queries
):
    contribution = Contribution.objects.first()
    with django_assert_max_num_queries(12):
        assert (
            civil_servant_client.get(reverse("global_goals:manage_contribution", args=[contribution.pk])).status_code
            == 200
        )


def test_the_action_page_uses_a_fixed_number_of_queries(civil_servant_client, many, django_assert_max_num_queries):
    action = many.actions.get()
    with django_assert_max_num_queries(12):
        assert civil_servant_client.get(reverse("global_goals:manage_action", args=[action.pk])).status_code == 200
