"""CSV downloads that open in a spreadsheet with the same figures as the pages."""

import csv
import io
from decimal import Decimal

import pytest

from grants import services as grant_services


def read_csv(response, delimiter=";"):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, so spreadsheets read the accents"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def dutch_amount(text):
    return Decimal(text.replace(",", "."))


def test_granted_applications_per_year_add_up_to_the_budget(client, world):
    rows = read_csv(client.get(f"/api/v1/downloads/grants-{world.year}.csv"))

    committed = sum(dutch_amount(r["amount_settled"] or r["amount_granted"]) for r in rows)
    assert committed == grant_services.budget_figures(world.year)["committed"]
    settled = next(r for r in rows if r["reference"] == world.settled_grant.reference)
    assert (settled["amount_granted"], settled["amount_settled"]) == ("2500,00", "2250,50")
    private = next(r for r in rows if r["reference"] == world.private_grant.reference)
    assert private["organisation"] == ""


def test_the_international_dialect_uses_commas_and_decimal_points(client, world):
    rows = read_csv(client.get(f"/api/v1/downloads/grants-{world.year}.csv?dialect=international"), delimiter=",")

    assert {r["amount_granted"] for r in rows} == {"1000.00", "2500.00", "400.00"}


def test_an_unknown_dialect_is_refused(client, world):
    assert client.get("/api/v1/downloads/partnerships.csv?dialect=excel").status_code == 400


@pytest.mark.parametrize("url", ["/api/v1/downloads/grants-1999.csv", "/api/v1/downloads/woo-grants-2101.csv"])
def test_a_year_out_of_range_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_partnerships_csv(client, world):
    rows = read_csv(client.get("/api/v1/downloads/partnerships.csv"))

    galle = next(r for r in rows if r["title"] == "Stedenband Galle")
    assert (galle["kind"], galle["status"], galle["countries"], galle["since"], galle["until"]) == (
        "city_link",
        "ended",
        "LK",
        "1976-09-01",
        "2019-12-31",
    )


def test_goal_contributions_csv(client, world):
    rows = read_csv(client.get("/api/v1/downloads/goal-contributions.csv"))

    assert rows == [
        {
            "goal": "14",
            "goal_name_nl": "Leven in het water",
            "goal_name_en": "Life Below Water",
            "contribution_id": str(world.contribution.pk),
            "kind": "base_level",
            "title": "Schone Noordzee",
            "department": "Duurzaamheid",
            "period_start": "2020-01-01",
            "period_end": "",
            "budget": "",
            "indicators": "Afval aangeland: 512,00 / 800,00 t",
        }
    ]


def test_decided_questions_with_their_votes(client, world):
    rows = read_csv(client.get("/api/v1/downloads/council-votes.csv"))

    assert [(r["question"], r["voter"], r["vote"]) for r in rows] == [
        ("Besloten vraag", "Raadslid 1", "Optie A"),
        ("Besloten vraag", "Raadslid 2", "Optie A"),
        ("Besloten vraag", "Raadslid 3", "abstain"),
    ]
    assert {r["chosen_options"] for r in rows} == {"Optie A"}


def test_the_woo_csv_has_the_legal_basis_and_the_same_totals_as_the_budget(client, world):
    rows = read_csv(client.get(f"/api/v1/downloads/woo-grants-{world.year}.csv"))

    assert {r["legal_basis"] for r in rows} == {
        "Algemene Subsidieverordening Velsen; titel 4.2 van de Algemene wet bestuursrecht (Awb)"
    }
    assert [r["recipient"] for r in rows] == [
        "Stichting Zee en Strand",
        "Vereniging Stedenband Velsen",
        "Particulieren (1 subsidie, niet bij naam)",
    ]
    committed = sum(dutch_amount(r["amount_settled"] or r["amount_granted"]) for r in rows[:-1])
    committed += dutch_amount(rows[-1]["amount_granted"])  # the private person's grant is not settled
    assert committed == grant_services.budget_figures(world.year)["committed"]


def test_text_that_looks_like_a_formula_is_defused(client, world):
    world.organisation_grant.title = '=HYPERLINK("http://evil.example")'
    world.organisation_grant.save(update_fields=["title"])

    rows = read_csv(client.get(f"/api/v1/downloads/grants-{world.year}.csv"))

    assert rows[0]["title"].startswith("'=")
