import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from partnerships import services
from partnerships.models import ActivityDocument, Partnership
from tests.partnerships.factories import make_activity, make_partner, make_partnership, make_project, make_step, theme

pytestmark = pytest.mark.django_db
S = Partnership.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def many_partnerships():
    """25 partnerships, each with partners, themes, goals, activities and history."""
    partners = [make_partner(f"Stad {i}", code) for i, code in enumerate(["DE", "LK", "CN", "DK", "GB"])]
    themes = [theme("offshore-wind"), theme("education"), theme("culture")]
    rows = []
    for i in range(25):
        p = make_partnership(
            f"Band {i:02d}",
            kind=Partnership.Kind.CITY_LINK if i % 2 else Partnership.Kind.PROJECT,
            status=S.ACTIVE if i % 3 else S.DORMANT,
            partners=partners[i % 5 : i % 5 + 2],
            themes=themes[: 1 + i % 3],
            goals=[1 + i % 17, 14],
            since=datetime.date(1950 + i, 1, 1),
        )
        make_activity(p)
        make_activity(p)
        rows.append(p)
    return rows


def test_the_register_lists_partnerships_with_their_partners(client):
    galle = make_partner("Galle", "LK")
    make_partnership("Stedenband Galle", partners=[galle], status=S.DORMANT)
    response = client.get("/en/partnerships/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Stedenband Galle" in content
    assert "Galle (Sri Lanka)" in content
    assert "Dormant" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=project", {"Wind op zee"}),
        ("status=dormant", {"Stedenband Galle"}),
        ("theme=education", {"Stedenband Bergisch Gladbach"}),
        ("country=LK", {"Stedenband Galle"}),
        ("country=DE&status=active", {"Stedenband Bergisch Gladbach"}),
        ("", {"Wind op zee", "Stedenband Galle", "Stedenband Bergisch Gladbach"}),
    ],
)
def test_the_register_filters_by_kind_status_theme_and_country(client, query, expected):
    make_partnership(
        "Stedenband Galle", status=S.DORMANT, partners=[make_partner("Galle", "LK")], themes=[theme("culture")]
    )
    make_partnership(
        "Stedenband Bergisch Gladbach",
        partners=[make_partner("Bergisch Gladbach", "DE"), make_partner("Bourgoin", "FR")],
        themes=[theme("education"), theme("culture")],
    )
    make_project("Wind op zee", themes=[theme("offshore-wind")])
    response = client.get(f"/partnerships/?{query}")
    shown = {p.title for p in response.context["page_obj"]}
    assert shown == expected


def test_an_unknown_filter_value_shows_everything_instead_of_failing(client):
    make_partnership("Stedenband Galle")
    response = client.get("/partnerships/?status=nonsense&country=ZZ")
    assert response.status_code == 200
    assert [p.title for p in response.context["page_obj"]] == ["Stedenband Galle"]


def test_the_register_is_paginated_and_stays_within_a_fixed_number_of_queries(
    client, many_partnerships, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/partnerships/")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20
    with django_assert_max_num_queries(8):
        response = client.get("/partnerships/?page=2&theme=offshore-wind")
    assert len(response.context["page_obj"]) == 5


def test_the_detail_page_tells_the_story_over_time_within_a_fixed_number_of_queries(
    client, civil_servant, django_assert_max_num_queries
):
    galle = make_partnership(
        "Stedenband Galle",
        status=S.DORMANT,
        since=datetime.date(1976, 9, 1),
        partners=[make_partner("Galle", "LK")],
        themes=[theme("culture")],
        goals=[1, 11, 17],
    )
    for i in range(15):
        activity = make_activity(galle, f"Bezoek {i}", date=datetime.date(1980 + i, 5, 1))
        ActivityDocument.objects.create(
            activity=activity, title=f"Verslag {i}", file=SimpleUploadedFile(f"v{i}.pdf", b"%PDF"), is_public=True
        )
        ActivityDocument.objects.create(
            activity=activity, title=f"Intern {i}", file=SimpleUploadedFile(f"i{i}.pdf", b"%PDF"), is_public=False
        )
    for i in range(5):
        make_step(galle, f"Stap {i}")
    services.change_status(galle, S.PHASING_OUT, actor=civil_servant, reason="De raad koos voor een afscheid")
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/partnerships/{galle.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Partnership begins" in content
    assert "Dormant → Being phased out" in content
    assert "De raad koos voor een afscheid" in content
    assert "Bezoek 14" in content
    assert "Verslag 3" in content
    assert "Intern 3" not in content
    assert "Anna" not in content  # the public story names no staff
    assert "Life Below Water" not in content
    assert "No Poverty" in content
    assert 'id="grants-title"' in content
    assert content.index("Bezoek 0") < content.index("Bezoek 14")  # oldest first


def test_the_detail_page_links_a_transformed_link_and_its_continuation(client, civil_servant):
    link = make_partnership("Stedenband Qingdao", partners=[make_partner("Qingdao", "CN")])
    project = services.transform_to_project(link, actor=civil_servant, reason="Bedrijfsleven vraagt erom")
    content = client.get(f"/en/partnerships/{link.slug}/").content.decode()
    assert "Continued as" in content
    assert project.get_absolute_url() in content
    content = client.get(f"/en/partnerships/{project.slug}/").content.decode()
    assert "Grew out of" in content
    assert link.get_absolute_url() in content


def test_an_unknown_partnership_is_404(client):
    assert client.get("/partnerships/does-not-exist/").status_code == 404


def test_the_world_page_groups_partners_by_continent(client, django_assert_max_num_queries):
    make_partnership("Stedenband Galle", partners=[make_partner("Galle", "LK")])
    make_partnership("Stedenband Qingdao", partners=[make_partner("Qingdao", "CN")])
    make_partnership("Stedenband Bergisch Gladbach", partners=[make_partner("Bergisch Gladbach", "DE")])
    for i in range(10):
        make_partnership(partners=[make_partner(f"Stad {i}", "DK")])
    with translation.override("en"), django_assert_max_num_queries(6):
        response = client.get("/en/partnerships/world/")
    content = response.content.decode()
    assert [c["key"] for c in response.context["continents"]] == ["europe", "asia"]
    europe, asia = content.index('<h2 id="europe">'), content.index('<h2 id="asia">')
    assert europe < content.index("Germany") < asia < content.index("China")
    assert "Sri Lanka" in content


def test_a_public_document_can_be_downloaded_by_anyone(client):
    activity = make_activity(make_partnership())
    doc = ActivityDocument.objects.create(
        activity=activity, title="Verslag", file=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4"), is_public=True
    )
    response = client.get(reverse("partnerships:document", args=[doc.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert "attachment" in response["Content-Disposition"]


def test_an_internal_document_is_hidden_from_the_public_and_other_roles(
    client, citizen_client, council_client, civil_servant_client
):
    activity = make_activity(make_partnership())
    doc = ActivityDocument.objects.create(
        activity=activity, title="Intern", file=SimpleUploadedFile("intern.pdf", b"%PDF"), is_public=False
    )
    url = reverse("partnerships:document", args=[doc.pk])
    assert client.get(url).status_code == 404
    assert citizen_client.get(url).status_code == 404
    assert council_client.get(url).status_code == 404
    assert civil_servant_client.get(url).status_code == 200
    assert client.get(reverse("partnerships:document", args=[doc.pk + 100])).status_code == 404
