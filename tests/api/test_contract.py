"""The contract of each endpoint: shapes, amounts as decimal strings, filters, pagination, errors."""

import json
import re

import pytest
from django.urls import reverse

from grants import services as grant_services

MONEY = re.compile(r"^-?\d+\.\d{2}$")


def get_json(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


# --- budget --------------------------------------------------------------------------------------


def test_the_budget_agrees_with_the_budget_service_to_the_cent(client, world):
    data = get_json(client, f"/api/v1/budget/{world.year}")
    figures = grant_services.budget_figures(world.year)

    assert data == {
        "year": world.year,
        "ceiling": f"{figures['ceiling']:.2f}",
        "committed": f"{figures['committed']:.2f}",
        "available": f"{figures['available']:.2f}",
        "currency": "EUR",
        "by_pillar": [
            {"pillar": row["pillar"], "committed": f"{row['committed']:.2f}"} for row in figures["by_pillar"]
        ],
    }
    assert data["ceiling"] == "10000.00"
    assert data["committed"] == "3650.50"  # 1000 granted + 2250.50 settled + 400 granted
    assert data["available"] == "6349.50"


def test_the_budget_page_shows_the_same_figures(client, world):
    data = get_json(client, f"/api/v1/budget/{world.year}")
    page = client.get(reverse("grants:budget"), {"year": world.year}).content.decode()

    # The page formats € 3.650,50 the Dutch way; the API gives "3650.50".
    for key in ("ceiling", "committed", "available"):
        euros, cents = data[key].split(".")
        dutch = f"{int(euros):,}".replace(",", ".") + "," + cents
        assert dutch in page, (key, dutch)


def test_a_year_without_budget_has_the_default_ceiling(client, db):
    assert get_json(client, "/api/v1/budget/2031")["available"] == "10000.00"


@pytest.mark.parametrize("year", ["1999", "2101", "abc", "20260"])
def test_a_bad_year_is_a_400_with_a_message(client, db, year):
    data = get_json(client, f"/api/v1/budget/{year}", status=400)
    assert data["detail"]
    assert data["errors"][0]["parameter"] == "year"


# --- grants --------------------------------------------------------------------------------------


def test_grants_lists_awarded_grants_with_public_fields(client, world):
    data = get_json(client, f"/api/v1/grants?year={world.year}")

    assert data["count"] == 3
    by_reference = {row["reference"]: row for row in data["results"]}
    grant = by_reference[world.organisation_grant.reference]
    assert grant == {
        "reference": world.organisation_grant.reference,
        "year": world.year,
        "title": "Strandopruiming met scholen",
        "organisation": "Stichting Zee en Strand",
        "pillar": "C",
        "status": "granted",
        "amount_granted": "1000.00",
        "amount_settled": None,
        "decision_date": world.organisation_grant.decided_at.date().isoformat(),
        "goals": [4, 14],
    }
    settled = by_reference[world.settled_grant.reference]
    assert (settled["amount_granted"], settled["amount_settled"], settled["status"]) == (
        "2500.00",
        "2250.50",
        "settled",
    )
    assert by_reference[world.private_grant.reference]["organisation"] is None


def test_grants_filter_by_pillar_and_year(client, world):
    assert [r["pillar"] for r in get_json(client, "/api/v1/grants?pillar=B")["results"]] == ["B"]
    assert get_json(client, f"/api/v1/grants?year={world.year - 1}")["count"] == 0
    assert get_json(client, "/api/v1/grants?pillar=Z", status=400)["errors"][0]["parameter"] == "pillar"


# --- pagination and errors -----------------------------------------------------------------------


def test_lists_are_paginated(client, world):
    first = get_json(client, "/api/v1/grants?page_size=2")
    second = get_json(client, first["next"].replace("http://testserver", ""))

    assert (first["count"], first["pages"], len(first["results"]), first["previous"]) == (3, 2, 2, None)
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]
    assert {r["reference"] for r in first["results"] + second["results"]} == {
        world.organisation_grant.reference,
        world.settled_grant.reference,
        world.private_grant.reference,
    }


@pytest.mark.parametrize("query", ["page_size=101", "page_size=0", "page=0", "page=x", "page=99999999999999999999"])
def test_bad_paging_is_a_400(client, db, query):
    assert get_json(client, f"/api/v1/partnerships?{query}", status=400)["detail"]


def test_a_page_beyond_the_last_is_a_404(client, world):
    assert "no page 5" in get_json(client, "/api/v1/grants?page=5", status=404)["detail"]


@pytest.mark.parametrize(
    "url", ["/api/v1/partnerships/999", "/api/v1/goals/18", "/api/v1/questions/999", "/api/v1/vote_events/999"]
)
def test_what_does_not_exist_is_a_json_404(client, db, url):
    assert get_json(client, url, status=404)["detail"]


def test_an_unknown_path_under_the_api_is_not_a_500(client, db):
    assert client.get("/api/v1/nothing-here").status_code == 404


def test_the_api_is_read_only(client, db):
    assert client.post("/api/v1/grants").status_code == 405


# --- partnerships --------------------------------------------------------------------------------


def test_partnerships_list_with_partners_themes_and_goals(client, world):
    data = get_json(client, "/api/v1/partnerships")

    link = next(row for row in data["results"] if row["id"] == world.city_link.pk)
    assert link["kind"] == "city_link"
    assert link["partners"] == [
        {"name": "Bergisch Gladbach", "country_code": "DE", "country": "Duitsland", "region": "Noordrijn-Westfalen"}
    ]
    assert link["since"] == "1956-07-14" and link["until"] is None
    assert link["goals"] == [4]
    assert link["url"].endswith(world.city_link.get_absolute_url())


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("kind=project", ["Offshore wind met Qingdao"]),
        ("status=ended", ["Stedenband Galle"]),
        ("country=lk", ["Stedenband Galle"]),
        ("pillar=A", ["Offshore wind met Qingdao"]),
    ],
)
def test_partnerships_are_filterable(client, world, query, titles):
    assert [row["title"] for row in get_json(client, f"/api/v1/partnerships?{query}")["results"]] == titles


def test_a_partnership_with_its_history_and_activities(client, world):
    from partnerships import services as partnership_services

    partnership_services.change_status(
        world.city_link, "dormant", actor=world.members[0], reason="Geen activiteiten meer."
    )
    data = get_json(client, f"/api/v1/partnerships/{world.city_link.pk}")

    assert data["summary"] == "Een vriendschap sinds 1956."
    assert data["status"] == "dormant"
    assert data["history"][-1]["from_status"] == "active"
    assert data["history"][-1]["to_status"] == "dormant"
    assert data["history"][-1]["reason"] == "Geen activiteiten meer."
    assert [a["title"] for a in data["activities"]] == ["Schooluitwisseling 2024"]


def test_city_links_as_json_ld_with_the_twinning_relation(client, world):
    response = client.get("/api/v1/city-links.jsonld")
    document = json.loads(response.content)

    assert response["Content-Type"] == "application/ld+json"
    assert document["@context"]["twinnedAdministrativeBody"]["@id"] == "wdt:P190"
    assert document["@context"]["startTime"]["@id"] == "pq:P580"
    assert document["@context"]["endTime"]["@id"] == "pq:P582"
    velsen = document["@graph"][0]
    galle = next(s for s in velsen["twinning"] if s["name"] == "Stedenband Galle")
    assert (galle["startTime"], galle["endTime"]) == ("1976-09-01", "2019-12-31")
    assert len(velsen["twinnedAdministrativeBody"]) == 2  # city links only, not the project
    names = {node["name"] for node in document["@graph"][1:]}
    assert names == {"Bergisch Gladbach", "Galle"}


# --- goals ---------------------------------------------------------------------------------------


def test_the_seventeen_goals_with_counts(client, world):
    data = get_json(client, "/api/v1/goals")

    assert data["count"] == 17
    goal4 = next(row for row in data["results"] if row["number"] == 4)
    # Goal 4: one partnership (the city link) and one awarded grant; drafts never count.
    assert goal4["counts"] == {"contributions": 0, "partnerships": 1, "grants": 1}
    assert get_json(client, "/api/v1/goals?focus=true")["count"] == 1


def test_a_goal_with_its_contributions_and_indicators(client, world):
    data = get_json(client, "/api/v1/goals/14")

    assert data["name_en"] == "Life Below Water"
    indicator = data["contributions"][0]["indicators"][0]
    assert indicator["current_value"] == "512.00" and indicator["target"] == "800.00"
    assert indicator["measurements"] == [{"measured_on": "2024-01-01", "value": "512.00"}]


# --- council -------------------------------------------------------------------------------------


def test_questions_list_published_questions_with_options_and_effects(client, world):
    data = get_json(client, "/api/v1/questions")

    assert {row["title"] for row in data["results"]} == {"Open stemming", "Gesloten stemming", "Besloten vraag"}
    option = data["results"][0]["options"][0]
    assert set(option["effects"]) == {
        "money_per_year",
        "fte",
        "new_grant_ceiling",
        "partnership_effect",
        "partnerships",
    }
    assert MONEY.match(option["effects"]["money_per_year"])
    assert [r["title"] for r in get_json(client, "/api/v1/questions?status=decided")["results"]] == ["Besloten vraag"]
    assert get_json(client, "/api/v1/questions?topic=B")["count"] == 1


def test_a_decided_question_with_results_named_votes_and_decision(client, world):
    data = get_json(client, f"/api/v1/questions/{world.decided_question.pk}")

    results = data["results"]
    assert (results["ballots"], results["abstentions"], results["outcome"]) == (3, 1, "adopted")
    assert [(v["voter"], v["option"]) for v in results["votes"]] == [
        ("Raadslid 1", results["winner"]),
        ("Raadslid 2", results["winner"]),
        ("Raadslid 3", None),
    ]
    assert data["decision"]["text"] == "De raad kiest optie A."
    assert data["decision"]["chosen_options"] == [results["winner"]]


def test_the_tally_agrees_with_the_council_service(client, world):
    from council import services as council_services

    for question in (world.closed_question, world.decided_question):
        expected = council_services.results(question)
        results = get_json(client, f"/api/v1/questions/{question.pk}")["results"]
        assert results["outcome"] == expected.outcome
        assert results["quorum_needed"] == expected.quorum_needed
        assert [row["votes"] for row in results["per_option"]] == [row.votes for row in expected.per_option]


def test_an_open_question_has_no_results_yet(client, world):
    data = get_json(client, f"/api/v1/questions/{world.open_question.pk}")

    assert data["status"] == "voting_open"
    assert data["results"] is None
    assert data["decision"] is None


def test_vote_events_in_popolo(client, world):
    data = get_json(client, "/api/v1/vote_events")

    assert data["count"] == 2  # the closed and the decided question, never the open one
    event = get_json(client, f"/api/v1/vote_events/{world.decided_question.pk}")
    assert event["motion"]["result"] == event["result"] == "pass"
    assert event["motion"]["organization_id"] == event["organization_id"]
    counts = {c["option"]: c["value"] for c in event["counts"]}
    assert sorted(counts.values()) == [0, 1, 2] and counts["abstain"] == 1
    assert {"voter": {"name": "Raadslid 3"}, "option": "abstain"} in event["votes"]
    get_json(client, f"/api/v1/vote_events/{world.open_question.pk}", status=404)


# --- caching -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/grants", "/api/v1/goals/14", "/api/v1/downloads/partnerships.csv"])
def test_responses_carry_an_etag_and_answer_304_when_it_matches(client, world, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert "public" in first["Cache-Control"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_the_etag_changes_when_the_data_changes(client, world):
    etag = client.get("/api/v1/grants")["ETag"]
    world.organisation_grant.goals.set([14])

    assert client.get("/api/v1/grants", HTTP_IF_NONE_MATCH=etag).status_code == 200


# --- a fixed number of queries per list call ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/api/v1/grants?page_size=100", 3),
        ("/api/v1/partnerships?page_size=100", 5),
        ("/api/v1/goals?page_size=100", 6),
        ("/api/v1/questions?page_size=100", 6),
        ("/api/v1/vote_events?page_size=100", 7),
        ("/api/v1/downloads/council-votes.csv", 7),
        ("/api/v1/downloads/goal-contributions.csv", 5),
        ("/api/v1/downloads/partnerships.csv", 5),
    ],
)
def test_a_list_call_stays_within_a_fixed_number_of_queries(
    client, world, civil_servant, django_assert_max_num_queries, url, limit
):
    from tests.api.conftest import add_more_rows

    add_more_rows(world, civil_servant)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
