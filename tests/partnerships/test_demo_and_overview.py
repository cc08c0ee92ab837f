import io

import pytest
from django.urls import reverse

from partnerships import demo, overview
from partnerships.models import Activity, Partner, Partnership, PhaseOutStep, StatusChange

pytestmark = pytest.mark.django_db
S = Partnership.Status


def snapshot():
    return (
        list(Partner.objects.values_list("name", "country_code", "region")),
        list(Partnership.objects.order_by("slug").values_list("slug", "status", "since", "kind", "pillar")),
        StatusChange.objects.count(),
        PhaseOutStep.objects.count(),
        Activity.objects.count(),
    )


def test_the_demo_loads_the_memo_partnerships_and_a_second_run_changes_nothing():
    out = io.StringIO()
    demo.load(stdout=out)
    first = snapshot()
    demo.load()
    assert snapshot() == first
    assert "Stedenband Galle" in out.getvalue()

    bg = Partnership.objects.get(slug="stedenband-bergisch-gladbach")
    assert bg.since.isoformat() == "1956-07-14"
    assert bg.status == S.DORMANT
    assert bg.phase_out_steps.count() == 3
    assert bg.activities.filter(date="2024-07-03").exists()
    galle = Partnership.objects.get(slug="stedenband-galle")
    assert (galle.since.year, galle.since.month) == (1976, 9)
    assert galle.status == S.DORMANT
    assert galle.phase_out_steps.exists()
    assert "SOS Velsen" in galle.community_partners
    qingdao = Partnership.objects.get(slug="stedenband-qingdao")
    assert qingdao.partners.get().country_code == "CN"
    assert qingdao.is_city_link and qingdao.status in {S.ACTIVE, S.DORMANT}
    wind = Partnership.objects.get(slug="projectsamenwerking-wind-op-zee")
    assert (wind.kind, wind.pillar, wind.lead, wind.origin) == ("project", "A", "mayor_and_alderman", "mra")
    assert wind.themes.filter(slug="offshore-wind").exists()
    europe = Partnership.objects.get(slug="europastrategie-mra")
    assert (europe.pillar, europe.origin, europe.since.year, europe.since.month) == ("D", "mra", 2015, 6)


def test_the_demo_pages_render(client):
    demo.load()
    for slug in Partnership.objects.values_list("slug", flat=True):
        assert client.get(reverse("partnerships:detail", args=[slug])).status_code == 200
    assert client.get(reverse("partnerships:world")).status_code == 200


def test_the_staff_overview_counts_and_links(django_assert_max_num_queries):
    demo.load()
    with django_assert_max_num_queries(2):
        section = overview.staff_overview()
    assert section["title"]
    counts = {item["url"].split("=")[-1]: item["count"] for item in section["items"][:4]}
    assert counts == {"active": 2, "proposed": 1, "dormant": 2, "phasing_out": 0}
    assert all(item["url"].startswith(reverse("partnerships:manage")) for item in section["items"])


def test_admin_pages_list_and_search(admin_client_):
    # Django admin needs is_staff plus model permissions, which the administrator role carries.
    demo.load()
    for name in ["partnership", "partner", "activity", "statuschange", "theme"]:
        response = admin_client_.get(reverse(f"admin:partnerships_{name}_changelist") + "?q=Galle")
        assert response.status_code == 200, name


def test_the_work_overview_shows_the_partnerships_section(civil_servant_client):
    demo.load()
    content = civil_servant_client.get("/start/").content.decode()
    assert "Slapende partnerschappen" in content
    assert reverse("partnerships:manage") in content
