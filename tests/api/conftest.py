"""A small public world with private data hidden in every corner, for the open data API tests."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from council import services as council_services
from council.models import Question
from grants import services as grant_services
from grants.models import Application
from tests.council.factories import make_members, make_question, option
from tests.factories import make_user
from tests.global_goals.factories import make_contribution, make_indicator
from tests.grants import factories as grant_factories
from tests.partnerships.factories import make_activity, make_partner, make_partnership, make_project

# Strings that must never appear in any public response.
SECRETS = [
    "geheim-aanvrager@example.org",  # an applicant's e-mail address
    "NL91ABNA0417164300",  # an IBAN
    "0255 999888",  # a phone number
    "Piet Privé",  # a private person's name
    "Plein 99",  # an address
    "Geheim concept",  # a draft application
    "Ingediend maar niet besloten",  # an application still under review
    "INTERNE-NOTITIE",  # an internal note
    "Geheime conceptvraag",  # a draft council question
    "ambtenaar-intern@velsen.nl",  # the official contact's e-mail address
    "raadslid1@velsen.example",  # a council member's e-mail address
    "Deelnemerslijst",  # participants of an activity (not on the public page)
]


@dataclass
class World:
    year: int
    organisation_grant: Application
    settled_grant: Application
    private_grant: Application
    city_link: object
    ended_link: object
    project: object
    contribution: object
    open_question: Question
    closed_question: Question
    decided_question: Question
    members: list


@pytest.fixture(autouse=True)
def dutch_by_default():
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, civil_servant, other_civil_servant):
    year = timezone.localdate().year
    applicant = make_user("geheim-aanvrager@example.org", roles=["citizen"], full_name="Aanvrager Account")
    private = {"contact_email": "geheim-aanvrager@example.org", "phone": "0255 999888", "address": "Plein 99"}
    organisation_grant = grant_factories.granted(applicant, civil_servant, amount="1000.00", **private)
    settled_grant = grant_factories.granted(
        applicant,
        civil_servant,
        amount="2500.00",
        requested_amount=Decimal("3000.00"),
        cost_lines=[("Reis en verblijf", Decimal("3000.00"))],
        organisation_name="Vereniging Stedenband Velsen",
        title="Schooluitwisseling Bergisch Gladbach",
        pillar="B",
        **private,
    )
    settled_grant = grant_services.settle(
        settled_grant, actor=civil_servant, amount=Decimal("2250.50"), motivation="Minder kosten."
    )
    private_grant = grant_factories.granted(
        applicant,
        civil_servant,
        amount="400.00",
        requested_amount=Decimal("400.00"),
        applicant_kind=Application.ApplicantKind.PERSON,
        contact_name="Piet Privé",
        organisation_name="",
        account_holder="Piet Privé",
        title="Reis naar de partnerstad",
        **private,
    )
    grant_factories.draft(applicant, title="Geheim concept", **private)
    grant_factories.in_review(applicant, civil_servant, title="Ingediend maar niet besloten", **private)
    grant_services.add_note(organisation_grant, actor=civil_servant, text="INTERNE-NOTITIE over de aanvrager")
    organisation_grant.goals.set([14, 4])

    bergisch = make_partner("Bergisch Gladbach", "DE", region="Noordrijn-Westfalen")
    galle = make_partner("Galle", "LK")
    city_link = make_partnership(
        "Stedenband Bergisch Gladbach",
        partners=[bergisch],
        goals=[4],
        since=datetime.date(1956, 7, 14),
        official_contact="Afdeling Internationaal",
        official_contact_email="ambtenaar-intern@velsen.nl",
        summary="Een vriendschap sinds 1956.",
    )
    ended_link = make_partnership(
        "Stedenband Galle",
        partners=[galle],
        status="ended",
        since=datetime.date(1976, 9, 1),
        until=datetime.date(2019, 12, 31),
    )
    project = make_project("Offshore wind met Qingdao", partners=[make_partner("Qingdao", "CN")], goals=[7, 14])
    make_activity(city_link, title="Schooluitwisseling 2024", participants="Deelnemerslijst: Jan, Kees")

    contribution = make_contribution(14, title="Schone Noordzee")
    make_indicator(contribution, measurements=[(datetime.date(2024, 1, 1), "512")])

    members = make_members(3)
    open_question = make_question(civil_servant, status=Question.Status.VOTING_OPEN, title="Open stemming")
    council_services.cast_vote(open_question, member=members[0], option=option(open_question, "Optie A"))
    council_services.cast_vote(open_question, member=members[1], option=option(open_question, "Optie B"))
    closed_question = make_question(civil_servant, status=Question.Status.VOTING_OPEN, title="Gesloten stemming")
    decided_question = make_question(
        civil_servant, status=Question.Status.VOTING_OPEN, title="Besloten vraag", topic="B", partnership=city_link
    )
    for question in (closed_question, decided_question):
        council_services.cast_vote(question, member=members[0], option=option(question, "Optie A"))
        council_services.cast_vote(question, member=members[1], option=option(question, "Optie A"))
        council_services.cast_vote(question, member=members[2], option=None)
        council_services.close_voting(question, actor=civil_servant)
    council_services.decide(
        Question.objects.get(pk=decided_question.pk),
        actor=civil_servant,
        chosen_options=[option(decided_question, "Optie A")],
        text="De raad kiest optie A.",
    )
    make_question(civil_servant, title="Geheime conceptvraag")
    return World(
        year=year,
        organisation_grant=organisation_grant,
        settled_grant=Application.objects.get(pk=settled_grant.pk),
        private_grant=private_grant,
        city_link=city_link,
        ended_link=ended_link,
        project=project,
        contribution=contribution,
        open_question=Question.objects.get(pk=open_question.pk),
        closed_question=Question.objects.get(pk=closed_question.pk),
        decided_question=Question.objects.get(pk=decided_question.pk),
        members=members,
    )


def add_more_rows(world, civil_servant):
    """A second helping of every kind of row, so a query-count pin proves there is no N+1."""
    applicant = make_user("tweede-aanvrager@example.org", roles=["citizen"], full_name="Tweede Aanvrager")
    for n in range(3):
        grant = grant_factories.granted(
            applicant, civil_servant, amount="100.00", organisation_name=f"Stichting {n}", title=f"Project {n}"
        )
        grant.goals.set([n + 1, 14])
    for n in range(3):
        link = make_partnership(f"Extra stedenband {n}", partners=[make_partner(), make_partner()], goals=[n + 1])
        make_activity(link)
    for goal in (3, 13):
        contribution = make_contribution(goal, title=f"Bijdrage {goal}")
        make_indicator(
            contribution, measurements=[(datetime.date(2023, 1, 1), "10"), (datetime.date(2024, 1, 1), "20")]
        )
        make_indicator(contribution, name="Scholen", unit="scholen", target="10")
    for n in range(2):
        question = make_question(civil_servant, status=Question.Status.VOTING_OPEN, title=f"Extra vraag {n}")
        for member in world.members:
            council_services.cast_vote(question, member=member, option=option(question, "Optie B"))
        council_services.close_voting(question, actor=civil_servant)
        council_services.decide(
            Question.objects.get(pk=question.pk),
            actor=civil_servant,
            chosen_options=[option(question, "Optie B")],
            text="Optie B.",
        )
