"""The API and the downloads never show what the pages do not: no applicant's name, e-mail, IBAN,
phone or address, no draft, no internal note, no open tally."""

import json

import pytest

from tests.api.conftest import SECRETS


def _urls(world):
    return [
        f"/api/v1/budget/{world.year}",
        "/api/v1/grants?page_size=100",
        f"/api/v1/grants?year={world.year}&pillar=C",
        "/api/v1/partnerships?page_size=100",
        f"/api/v1/partnerships/{world.city_link.pk}",
        f"/api/v1/partnerships/{world.ended_link.pk}",
        "/api/v1/city-links.jsonld",
        "/api/v1/goals?page_size=100",
        "/api/v1/goals/14",
        "/api/v1/questions?page_size=100",
        f"/api/v1/questions/{world.open_question.pk}",
        f"/api/v1/questions/{world.decided_question.pk}",
        "/api/v1/vote_events?page_size=100",
        f"/api/v1/vote_events/{world.decided_question.pk}",
        f"/api/v1/downloads/grants-{world.year}.csv",
        "/api/v1/downloads/partnerships.csv",
        "/api/v1/downloads/goal-contributions.csv",
        "/api/v1/downloads/council-votes.csv",
        f"/api/v1/downloads/woo-grants-{world.year}.csv",
        f"/open-data/woo/grants/?year={world.year}",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]


ENDPOINTS = [
    "budget",
    "grants",
    "grants filtered",
    "partnerships",
    "partnership",
    "ended partnership",
    "city links (JSON-LD)",
    "goals",
    "goal",
    "questions",
    "open question",
    "decided question",
    "vote events",
    "vote event",
    "grants CSV",
    "partnerships CSV",
    "contributions CSV",
    "votes CSV",
    "Woo CSV",
    "Woo page",
    "OpenAPI",
    "docs",
]


@pytest.mark.parametrize("index", range(len(ENDPOINTS)), ids=ENDPOINTS)
def test_no_private_data_in_any_response(client, world, index):
    response = client.get(_urls(world)[index])

    assert response.status_code == 200
    body = response.content.decode("utf-8")
    # JSON escapes non-ASCII characters; compare the decoded text as well.
    texts = [body]
    if response["Content-Type"].startswith(("application/json", "application/ld+json")):
        texts.append(json.dumps(json.loads(body), ensure_ascii=False))
    for secret in SECRETS:
        for text in texts:
            assert secret not in text, secret


def test_an_open_vote_shows_no_tally_and_no_names(client, world):
    data = json.loads(client.get(f"/api/v1/questions/{world.open_question.pk}").content)

    assert data["results"] is None
    text = json.dumps(data)
    for member in world.members:
        assert member.full_name not in text
    listed = client.get("/api/v1/questions?page_size=100").content.decode()
    assert "Raadslid" not in listed and '"votes"' not in listed


def test_an_open_question_is_no_vote_event(client, world):
    events = json.loads(client.get("/api/v1/vote_events?page_size=100").content)["results"]

    assert world.open_question.pk not in {int(e["identifier"].rsplit("-", 1)[1]) for e in events}
    assert client.get(f"/api/v1/vote_events/{world.open_question.pk}").status_code == 404


def test_a_draft_question_is_not_found(client, world):
    from council.models import Question

    draft = Question.objects.get(title="Geheime conceptvraag")
    assert client.get(f"/api/v1/questions/{draft.pk}").status_code == 404


def test_a_private_person_is_never_named_but_counted(client, world):
    grants = json.loads(client.get("/api/v1/grants").content)["results"]
    private = next(g for g in grants if g["reference"] == world.private_grant.reference)

    assert private["organisation"] is None
    page = client.get(f"/open-data/woo/grants/?year={world.year}").content.decode()
    assert "Reis naar de partnerstad" not in page  # not even the activity of a private person
    assert "1 subsidie, niet bij naam" in page


def test_the_grant_list_never_reads_private_columns(client, world, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/grants")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for column in ("iban", "contact_email", "phone", "contact_name", "address", "kvk_number"):
        assert f'"{column}"' not in sql, column
