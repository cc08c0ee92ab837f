import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from partnerships.models import Activity, Partner, Partnership, StatusChange
from tests.partnerships.factories import make_activity, make_partner, make_partnership, make_project, make_step, theme

pytestmark = pytest.mark.django_db


def en_url(name, args=()):
    with translation.override("en"):
        return reverse(name, args=args)


S = Partnership.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def galle():
    return make_partnership(
        "Stedenband Galle", slug="stedenband-galle", status=S.DORMANT, partners=[make_partner("Galle", "LK")]
    )


@pytest.fixture
def step(galle):
    return make_step(galle, "Partnerstad informeren")


@pytest.fixture
def activity(galle):
    return make_activity(galle, "Bezoek")


def staff_urls(galle, step, activity):
    return [
        reverse("partnerships:manage"),
        reverse("partnerships:create"),
        reverse("partnerships:manage_detail", args=[galle.slug]),
        reverse("partnerships:edit", args=[galle.slug]),
        reverse("partnerships:change_status", args=[galle.slug]),
        reverse("partnerships:transform", args=[galle.slug]),
        reverse("partnerships:phase_out", args=[galle.slug]),
        reverse("partnerships:complete_step", args=[galle.slug, step.pk]),
        reverse("partnerships:log_activity", args=[galle.slug]),
        reverse("partnerships:add_document", args=[galle.slug, activity.pk]),
        reverse("partnerships:partners"),
        reverse("partnerships:partner_create"),
        reverse("partnerships:partner_edit", args=[galle.partners.get().pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, galle, step, activity):
    for url in staff_urls(galle, step, activity):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_citizens_and_council_members_get_403(citizen_client, council_client, galle, step, activity):
    for url in staff_urls(galle, step, activity):
        assert citizen_client.get(url).status_code == 403, url
        assert council_client.get(url).status_code == 403, url
        assert citizen_client.post(url, {"reason": "x", "new_status": "ended"}).status_code == 403, url


def test_civil_servants_and_administrators_get_each_page(civil_servant_client, admin_client_, galle, step, activity):
    galle.status = S.PHASING_OUT
    galle.save()
    for url in staff_urls(galle, step, activity):
        assert civil_servant_client.get(url).status_code == 200, url
        assert admin_client_.get(url).status_code == 200, url


def test_unknown_or_mismatched_objects_are_404(civil_servant_client, galle, step, activity):
    other = make_partnership("Stedenband Qingdao", slug="stedenband-qingdao")
    for url in [
        reverse("partnerships:manage_detail", args=["nope"]),
        reverse("partnerships:edit", args=["nope"]),
        reverse("partnerships:change_status", args=["nope"]),
        reverse("partnerships:complete_step", args=[other.slug, step.pk]),
        reverse("partnerships:add_document", args=[other.slug, activity.pk]),
        reverse("partnerships:phase_out", args=[make_project().slug]),
        reverse("partnerships:partner_edit", args=[9999]),
    ]:
        assert civil_servant_client.get(url).status_code == 404, url


def test_a_civil_servant_registers_a_project_cooperation_once(civil_servant_client):
    key = str(uuid.uuid4())
    data = {
        "idempotency_key": key,
        "title": "Wind op zee met Esbjerg",
        "kind": "project",
        "pillar": "A",
        "new_partner_name": "Esbjerg",
        "new_partner_country": "dk",
        "themes": [theme("offshore-wind").pk],
        "goals": [7, 13],
        "lead": "mayor_and_alderman",
        "lead_name": "Burgemeester",
        "lead_portfolio": "Economie",
        "origin": "mra",
        "business_partners": "Offshorebedrijven IJmond",
    }
    first = civil_servant_client.post(reverse("partnerships:create"), data)
    second = civil_servant_client.post(reverse("partnerships:create"), data)
    assert first.status_code == second.status_code == 302
    partnership = Partnership.objects.get()
    assert first["Location"] == reverse("partnerships:manage_detail", args=[partnership.slug])
    assert partnership.status == S.PROPOSED
    assert list(partnership.partners.values_list("name", "country_code")) == [("Esbjerg", "DK")]
    assert list(partnership.goals.values_list("pk", flat=True)) == [7, 13]
    assert AuditEvent.objects.filter(action="partnerships.create").count() == 1
    # The new partner city typed into the form is registered through the audited partner service.
    assert (
        AuditEvent.objects.filter(action="partnerships.partner_create", object_repr__startswith="Esbjerg").count() == 1
    )


def test_bad_input_shows_field_errors_and_the_summary_and_keeps_what_was_typed(civil_servant_client):
    response = civil_servant_client.post(
        "/en/partnerships/manage/new/",
        {
            "idempotency_key": str(uuid.uuid4()),
            "title": "",
            "kind": "project",
            "pillar": "A",
            "summary": "Mijn getypte tekst",
            "new_partner_name": "Esbjerg",
            "new_partner_country": "XX",
            "since": "2020-01-01",
            "until": "2019-01-01",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "This field is required." in content
    assert "Enter an existing two-letter ISO country code" in content
    assert "The end date cannot be before the start date." in content
    assert "Mijn getypte tekst" in content
    assert not Partnership.objects.exists()
    assert not Partner.objects.exists()


def test_editing_records_the_change_in_the_history(civil_servant_client, galle):
    response = civil_servant_client.post(
        reverse("partnerships:edit", args=[galle.slug]),
        {
            "idempotency_key": str(uuid.uuid4()),
            "title": "Stedenband Galle (Sri Lanka)",
            "kind": "city_link",
            "pillar": "B",
            "partners": [p.pk for p in galle.partners.all()],
            "goals": [17],
        },
    )
    assert response.status_code == 302
    galle.refresh_from_db()
    assert galle.title == "Stedenband Galle (Sri Lanka)"
    assert galle.slug == "stedenband-galle"
    assert galle.history.get().event == StatusChange.Event.UPDATED


def test_the_status_page_offers_only_the_allowed_next_statuses(civil_servant_client, galle):
    response = civil_servant_client.get(reverse("partnerships:change_status", args=[galle.slug]))
    assert [value for value, _label in response.context["form"].fields["new_status"].choices] == [
        "active",
        "phasing_out",
    ]


def test_an_illegal_status_change_is_refused_with_a_reason(civil_servant_client, galle):
    response = civil_servant_client.post(
        en_url("partnerships:change_status", args=[galle.slug]),
        {"new_status": "ended", "reason": "Weg ermee"},
    )
    assert response.status_code == 200
    galle.refresh_from_db()
    assert galle.status == S.DORMANT
    assert "There is a problem" in response.content.decode()


def test_an_ended_partnership_shows_why_it_cannot_change(civil_servant_client):
    ended = make_partnership(status=S.ENDED)
    response = civil_servant_client.get(en_url("partnerships:change_status", args=[ended.slug]))
    assert "an ended partnership cannot change status" in response.content.decode()


def test_moving_galle_through_the_phase_out_to_ended(civil_servant_client, galle):
    url = reverse("partnerships:phase_out", args=[galle.slug])
    assert civil_servant_client.post(url, {"action": "standard"}).status_code == 302
    assert galle.phase_out_steps.count() == 3
    response = civil_servant_client.post(
        url, {"action": "add", "idempotency_key": str(uuid.uuid4()), "title": "Afscheidsbrief", "due_on": "2027-01-01"}
    )
    assert response.status_code == 302
    response = civil_servant_client.post(
        reverse("partnerships:change_status", args=[galle.slug]),
        {
            "new_status": "phasing_out",
            "reason": "De raad koos voor afbouw",
            "decision_reference": "https://example.org/b",
        },
    )
    assert response.status_code == 302
    for step in galle.phase_out_steps.all():
        response = civil_servant_client.post(
            reverse("partnerships:complete_step", args=[galle.slug, step.pk]),
            {"done_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302
    response = civil_servant_client.post(
        reverse("partnerships:change_status", args=[galle.slug]), {"new_status": "ended", "reason": "Afscheid genomen"}
    )
    assert response.status_code == 302
    galle.refresh_from_db()
    assert galle.status == S.ENDED
    history = civil_servant_client.get(reverse("partnerships:manage_detail", args=[galle.slug])).content.decode()
    assert "Afscheid genomen" in history
    assert "Anna Ambtenaar" in history


def test_a_future_tick_off_date_is_refused(civil_servant_client, galle, step):
    galle.status = S.PHASING_OUT
    galle.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = civil_servant_client.post(
        reverse("partnerships:complete_step", args=[galle.slug, step.pk]), {"done_on": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    step.refresh_from_db()
    assert step.done_on is None


def test_transforming_qingdao_leads_to_the_new_project(civil_servant_client):
    qingdao = make_partnership("Stedenband Qingdao", partners=[make_partner("Qingdao", "CN")])
    response = civil_servant_client.post(
        reverse("partnerships:transform", args=[qingdao.slug]),
        {"title": "Havensamenwerking Qingdao", "reason": "Het bedrijfsleven vraagt erom"},
    )
    project = Partnership.objects.get(transformed_from=qingdao)
    assert response["Location"] == reverse("partnerships:manage_detail", args=[project.slug])
    assert project.title == "Havensamenwerking Qingdao"


def test_transforming_a_project_is_refused_with_a_reason(civil_servant_client):
    project = make_project()
    response = civil_servant_client.post(
        en_url("partnerships:transform", args=[project.slug]), {"reason": "Waarom niet"}
    )
    assert response.status_code == 200
    assert "Only a symbolic city link" in response.content.decode()


def test_logging_an_activity_with_a_document_once(civil_servant_client, galle):
    key = str(uuid.uuid4())

    def post():
        return civil_servant_client.post(
            reverse("partnerships:log_activity", args=[galle.slug]),
            {
                "idempotency_key": key,
                "kind": "visit",
                "date": "2026-05-01",
                "title": "Werkbezoek",
                "participants": "Burgemeester",
                "costs": "1234.56",
                "document": SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
                "document_title": "Verslag",
                "document_is_public": "on",
            },
        )

    assert post().status_code == 302
    assert post().status_code == 302
    activity = Activity.objects.get()
    assert str(activity.costs) == "1234.56"
    assert activity.documents.get().is_public


def test_an_activity_refuses_negative_costs_and_unsafe_files(civil_servant_client, galle):
    response = civil_servant_client.post(
        en_url("partnerships:log_activity", args=[galle.slug]),
        {
            "idempotency_key": str(uuid.uuid4()),
            "kind": "visit",
            "date": "2026-05-01",
            "title": "Werkbezoek",
            "costs": "-5",
            "document": SimpleUploadedFile("script.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Upload a PDF" in content
    assert "greater than or equal to 0" in content or "cannot be negative" in content
    assert not Activity.objects.exists()


def test_adding_a_document_to_an_activity(civil_servant_client, galle, activity):
    response = civil_servant_client.post(
        reverse("partnerships:add_document", args=[galle.slug, activity.pk]),
        {"document": SimpleUploadedFile("brief.pdf", b"%PDF-1.4\n%%EOF\n"), "document_title": "Brief"},
    )
    assert response.status_code == 302
    assert activity.documents.get().title == "Brief"
    assert not activity.documents.get().is_public


def test_the_staff_list_stays_within_a_fixed_number_of_queries(civil_servant_client, django_assert_max_num_queries):
    for _i in range(25):
        p = make_partnership(partners=[make_partner()])
        make_activity(p)
        make_step(p)
    with django_assert_max_num_queries(10):
        response = civil_servant_client.get(reverse("partnerships:manage"))
    assert len(response.context["page_obj"]) == 20


def test_the_staff_detail_stays_within_a_fixed_number_of_queries(
    civil_servant_client, galle, django_assert_max_num_queries
):
    for i in range(10):
        activity = make_activity(galle)
        activity.documents.create(title=f"Doc {i}", file=SimpleUploadedFile(f"d{i}.pdf", b"%PDF"))
        make_step(galle)
        StatusChange.objects.create(partnership=galle, reason=f"r{i}")
    with django_assert_max_num_queries(12):
        response = civil_servant_client.get(reverse("partnerships:manage_detail", args=[galle.slug]))
    assert response.status_code == 200


def test_ending_a_phase_out_with_open_steps_is_refused_with_the_reason(civil_servant_client, galle, step):
    galle.status = S.PHASING_OUT
    galle.save()
    response = civil_servant_client.post(
        en_url("partnerships:change_status", args=[galle.slug]), {"new_status": "ended", "reason": "Klaar"}
    )
    assert response.status_code == 200
    assert "still has 1 open step" in response.content.decode()
    galle.refresh_from_db()
    assert galle.status == S.PHASING_OUT


def test_a_civil_servant_adds_and_edits_a_partner(civil_servant_client):
    response = civil_servant_client.post(
        en_url("partnerships:partner_create"), {"name": "Esbjerg", "country_code": "xx", "region": "Syddanmark"}
    )
    assert "Enter an existing two-letter ISO country code" in response.content.decode()
    assert 'value="Syddanmark"' in response.content.decode()
    response = civil_servant_client.post(
        reverse("partnerships:partner_create"),
        {"name": "Esbjerg", "country_code": "dk", "region": "Syddanmark", "population": "72000"},
    )
    assert response.status_code == 302
    esbjerg = Partner.objects.get(name="Esbjerg")
    assert (esbjerg.country_code, esbjerg.population) == ("DK", 72000)
    response = civil_servant_client.post(
        reverse("partnerships:partner_edit", args=[esbjerg.pk]),
        {"name": "Esbjerg", "country_code": "DK", "website": "https://www.esbjerg.dk/"},
    )
    assert response.status_code == 302
    esbjerg.refresh_from_db()
    assert esbjerg.website == "https://www.esbjerg.dk/"
    actions = list(AuditEvent.objects.filter(object_type="partnerships.partner").values_list("action", flat=True))
    assert sorted(actions) == ["partnerships.partner_create", "partnerships.partner_update"]


def test_the_partner_list_stays_within_a_fixed_number_of_queries(civil_servant_client, django_assert_max_num_queries):
    for _i in range(25):
        make_partnership(partners=[make_partner()])
    with django_assert_max_num_queries(8):
        response = civil_servant_client.get(reverse("partnerships:partners"))
    assert len(response.context["page_obj"]) == 20
