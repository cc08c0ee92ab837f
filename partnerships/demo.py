"""Demo data for partnerships: the three city links of the memo with their real history, an
example project-based cooperation on offshore wind and the Europe strategy with the MRA.

Idempotent: everything is found by its natural key (slug, name, title), so a second run changes nothing.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from global_goals.models import Goal
from partnerships.models import Activity, Partner, Partnership, PhaseOutStep, StatusChange, Theme

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MEMO = "Bespreeknotitie Velsen internationaal, besproken in de raad op 21 september 2017"
S = Partnership.Status


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, 0, tzinfo=AMSTERDAM)


PARTNERS = [
    {
        "name": "Bergisch Gladbach",
        "country_code": "DE",
        "region": "Noordrijn-Westfalen",
        "description": "Kreisstadt ten oosten van Keulen; in een stedenring met Bourgoin-Jallieu en Luton.",
    },
    {
        "name": "Galle",
        "country_code": "LK",
        "region": "Zuidelijke Provincie",
        "description": "Havenstad aan de zuidwestkust van Sri Lanka.",
    },
    {
        "name": "Qingdao",
        "country_code": "CN",
        "region": "Shandong",
        "description": "Havenstad aan de Gele Zee.",
    },
]

PARTNERSHIPS = [
    {
        "slug": "stedenband-bergisch-gladbach",
        "title": "Stedenband Bergisch Gladbach",
        "kind": Partnership.Kind.CITY_LINK,
        "pillar": "B",
        "status": S.DORMANT,
        "since": datetime.date(1956, 7, 14),
        "summary": (
            "Stedenband sinds 14 juli 1956, in een ring met Bourgoin-Jallieu en Luton. Jaarlijks is er een "
            "scholierenuitwisseling tussen het Dietrich-Bonhoeffer-Gymnasium en het Ichthus Lyceum. Aan Duitse "
            "zijde is op 3 juli 2024 een Arbeitskreis Velsen opgericht. Vanuit de gemeente al lange tijd "
            "inactief; het college stelt een passende afbouw en afsluiting voor."
        ),
        "origin": Partnership.Origin.COMMUNITY,
        "community_partners": "Dietrich-Bonhoeffer-Gymnasium (Bergisch Gladbach)\nIchthus Lyceum (Velsen)\n"
        "Arbeitskreis Velsen (Bergisch Gladbach)",
        "partners": ["Bergisch Gladbach"],
        "themes": ["education", "culture"],
        "goals": [4, 17],
        "history": [
            (_at(1956, 7, 14), StatusChange.Event.STATUS, S.PROPOSED, S.ACTIVE, "Stedenband gesloten.", ""),
            (
                _at(2017, 9, 21),
                StatusChange.Event.STATUS,
                S.ACTIVE,
                S.DORMANT,
                "Vanuit gemeentelijk oogpunt al lange tijd inactief; sluit niet meer aan bij de Visie op Velsen 2025. "
                "Het college stelt een passende afbouw en afsluiting voor; de samenleving kan de band voortzetten.",
                MEMO,
            ),
        ],
        "activities": [
            {
                "date": datetime.date(2024, 7, 3),
                "kind": Activity.Kind.MEETING,
                "title": "Oprichting Arbeitskreis Velsen in Bergisch Gladbach",
                "participants": "Inwoners van Bergisch Gladbach",
                "description": "Aan Duitse zijde wordt een werkgroep opgericht die de vriendschap met Velsen draagt.",
            },
        ],
        "steps": [
            ("Partnerstad informeren over de afbouw", datetime.date(2027, 3, 1)),
            ("Afscheidsbijeenkomst met de Arbeitskreis Velsen", datetime.date(2027, 7, 14)),
            ("Scholierenuitwisseling overdragen aan de scholen", datetime.date(2027, 9, 1)),
        ],
    },
    {
        "slug": "stedenband-galle",
        "title": "Stedenband Galle",
        "kind": Partnership.Kind.CITY_LINK,
        "pillar": "B",
        "status": S.DORMANT,
        "since": datetime.date(1976, 9, 1),
        "summary": (
            "Stedenband sinds september 1976, bij het eeuwfeest van IJmuiden en het Noordzeekanaal. Vanaf 1985 "
            "gedragen door de stichting SOS Velsen (na de tsunami van 2004: 'Velsen helpt Galle'). Gemeentelijke "
            "evaluatie in 2012; SOS Velsen is op 5 november 2018 opgeheven. Het college stelt een passende "
            "afbouw en afsluiting voor."
        ),
        "origin": Partnership.Origin.MUNICIPALITY,
        "community_partners": "Stichting SOS Velsen (1985–2018)",
        "partners": ["Galle"],
        "themes": ["development-cooperation", "port-and-maritime"],
        "goals": [1, 11, 17],
        "history": [
            (
                _at(1976, 9, 1),
                StatusChange.Event.STATUS,
                S.PROPOSED,
                S.ACTIVE,
                "Stedenband gesloten bij het eeuwfeest van IJmuiden en het Noordzeekanaal.",
                "",
            ),
            (
                _at(2017, 9, 21),
                StatusChange.Event.STATUS,
                S.ACTIVE,
                S.DORMANT,
                "Vanuit gemeentelijk oogpunt al lange tijd inactief; het college stelt een passende afbouw en "
                "afsluiting voor.",
                MEMO,
            ),
        ],
        "activities": [
            {
                "date": datetime.date(2018, 11, 5),
                "kind": Activity.Kind.LETTER,
                "title": "Stichting SOS Velsen opgeheven",
                "participants": "Stichting SOS Velsen",
                "description": "De stichting die de band sinds 1985 droeg, is opgeheven.",
            },
        ],
        "steps": [
            ("Partnerstad informeren over de afbouw", datetime.date(2027, 2, 1)),
            ("Afscheidsbrief van de burgemeester", datetime.date(2027, 4, 1)),
            ("Contacten overdragen aan de samenleving", datetime.date(2027, 6, 1)),
        ],
    },
    {
        "slug": "stedenband-qingdao",
        "title": "Stedenband Qingdao",
        "kind": Partnership.Kind.CITY_LINK,
        "pillar": "B",
        "status": S.ACTIVE,
        "since": None,
        "summary": (
            "Stedenband met de Chinese havenstad Qingdao. Volgens de bespreeknotitie kan deze band worden "
            "getransformeerd naar een projectmatige samenwerking wanneer het bedrijfsleven daarom vraagt en "
            "kansen zich voordoen."
        ),
        "origin": Partnership.Origin.BUSINESS,
        "partners": ["Qingdao"],
        "themes": ["port-and-maritime", "economy-and-trade"],
        "goals": [8, 17],
        "history": [
            (
                _at(2017, 9, 21),
                StatusChange.Event.CREATED,
                "",
                S.ACTIVE,
                "Kandidaat voor transformatie naar een projectmatige samenwerking.",
                MEMO,
            ),
        ],
        "activities": [],
        "steps": [],
    },
    {
        "slug": "projectsamenwerking-wind-op-zee",
        "title": "Projectsamenwerking wind op zee (voorbeeld)",
        "kind": Partnership.Kind.PROJECT,
        "pillar": "A",
        "status": S.PROPOSED,
        "since": None,
        "summary": (
            "Uitgewerkt voorbeeld uit de bespreeknotitie: samenwerking met een buitenlandse stad of regio die ook "
            "actief is op wind op zee, via de banden van de provincie of de MRA. Gelijkwaardige partners, handel "
            "met voordeel voor beide kanten, de gemeente als partner van het bedrijfsleven. Partnerregio nog te "
            "kiezen; er is nog geen budget of ambtelijke capaciteit voor gereserveerd."
        ),
        "lead": Partnership.Lead.MAYOR_AND_ALDERMAN,
        "lead_name": "Burgemeester",
        "lead_portfolio": "Economie en haven",
        "origin": Partnership.Origin.MRA,
        "business_partners": "Offshore-windsector in de IJmond",
        "partners": [],
        "themes": ["offshore-wind", "port-and-maritime"],
        "goals": [7, 9, 13],
        "history": [
            (_at(2017, 9, 21), StatusChange.Event.CREATED, "", S.PROPOSED, "Voorbeeld uit de bespreeknotitie.", MEMO),
        ],
        "activities": [],
        "steps": [],
    },
    {
        "slug": "europastrategie-mra",
        "title": "Europastrategie met de Metropoolregio Amsterdam",
        "kind": Partnership.Kind.PROJECT,
        "pillar": "D",
        "status": S.ACTIVE,
        "since": datetime.date(2015, 6, 1),
        "summary": (
            "De Europastrategie is in juni 2015 vastgesteld en valt als bestaande strategie onder de paraplu "
            "'Velsen internationaal'. De uitvoering gebeurt samen met de Metropoolregio Amsterdam (MRA)."
        ),
        "origin": Partnership.Origin.MRA,
        "community_partners": "Metropoolregio Amsterdam",
        "partners": [],
        "themes": ["europe"],
        "goals": [11, 17],
        "history": [
            (
                _at(2015, 6, 1),
                StatusChange.Event.STATUS,
                S.PROPOSED,
                S.ACTIVE,
                "Europastrategie vastgesteld (juni 2015); uitvoering met de MRA.",
                "",
            ),
        ],
        "activities": [],
        "steps": [],
    },
]

FIELDS = [
    "title",
    "kind",
    "pillar",
    "status",
    "since",
    "summary",
    "origin",
    "lead",
    "lead_name",
    "lead_portfolio",
    "business_partners",
    "community_partners",
]


@transaction.atomic
def load(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message + "\n")

    partners = {}
    for data in PARTNERS:
        partner, _created = Partner.objects.update_or_create(
            name=data["name"], country_code=data["country_code"], defaults=data
        )
        partners[partner.name] = partner
    for data in PARTNERSHIPS:
        defaults = {name: data.get(name, "") for name in FIELDS}
        defaults["since"] = data.get("since")
        partnership, created = Partnership.objects.update_or_create(slug=data["slug"], defaults=defaults)
        partnership.partners.set([partners[name] for name in data["partners"]])
        partnership.themes.set(Theme.objects.filter(slug__in=data["themes"]))
        partnership.goals.set(Goal.objects.filter(pk__in=data["goals"]))
        for at, event, from_status, to_status, reason, decision in data["history"]:
            StatusChange.objects.get_or_create(
                partnership=partnership,
                event=event,
                at=at,
                defaults={
                    "from_status": from_status,
                    "to_status": to_status,
                    "reason": reason,
                    "decision_reference": decision,
                    "actor_label": "Gemeente Velsen",
                },
            )
        for activity in data["activities"]:
            Activity.objects.get_or_create(
                partnership=partnership,
                date=activity["date"],
                title=activity["title"],
                defaults={**activity, "costs": Decimal("0.00")},
            )
        for position, (title, due_on) in enumerate(data["steps"], start=1):
            PhaseOutStep.objects.get_or_create(
                partnership=partnership, title=title, defaults={"due_on": due_on, "position": position}
            )
        say(f"partnerships: {partnership.title} ({'created' if created else 'up to date'})")
