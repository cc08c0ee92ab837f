"""Demo data for Global Goals and KIMO, drafted from the memo's spirit (pillar C).

Idempotent: everything is looked up by a natural key first, so running it twice changes nothing.
The 17 goals themselves are loaded by migration 0002.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from global_goals import services
from global_goals.models import Action, Contribution, Goal, Indicator, Label, Meeting, Network, NetworkRole

KIMO = {
    "name": "Kommunenes Internasjonale Miljøorganisasjon",
    "short_name": "KIMO",
    "description": (
        "Vereniging van lokale overheden die samen werken aan schone noordelijke zeeën en kusten. "
        "Waarnemer bij OSPAR, IMO en HELCOM."
    ),
    "founded": 1990,
    "member_count": 150,
    "country_count": 13,
    "website": "https://www.kimointernational.org/",
    "velsen_member_since": datetime.date(1992, 1, 1),
    "velsen_membership": (
        "Velsen zit sinds 1992 in het bestuur van KIMO en stond aan de wieg van KIMO Nederland: de oprichtingsakte "
        "is in Velsen getekend. Een wethouder van Velsen is voorzitter van KIMO Nederland & België en de gemeente "
        "ontvangt geregeld bijeenkomsten van KIMO."
    ),
}

ROLES = [
    (NetworkRole.Kind.BOARD_MEMBER, "internationaal bestuur", "Gemeente Velsen", datetime.date(1992, 1, 1)),
    (NetworkRole.Kind.CHAIR, "KIMO Nederland & België", "Wethouder van Velsen", datetime.date(2016, 1, 1)),
]

MEETINGS = [
    {
        "date": datetime.date(2016, 11, 18),
        "place": "Stadhuis Velsen, IJmuiden",
        "hosted_by_velsen": True,
        "topic": "Algemene ledenvergadering KIMO Nederland & België",
        "attendees": "Vertegenwoordigers van de Nederlandse en Belgische kustgemeenten, KIMO-secretariaat",
        "minutes": "Jaarverslag en begroting vastgesteld. Voortzetting van Fishing for Litter besproken met de vissersvloot.",
    },
    {
        "date": datetime.date(2017, 6, 9),
        "place": "Haven van IJmuiden",
        "hosted_by_velsen": True,
        "topic": "Werkbezoek Fishing for Litter en zwerfafval op zee",
        "attendees": "KIMO-bestuur, vissers, havenbedrijf",
        "minutes": "Rondleiding bij de inzameling van de big bags in de haven; ervaringen van vissers gedeeld.",
    },
    {
        "date": datetime.date(2017, 10, 12),
        "place": "Oostende",
        "hosted_by_velsen": False,
        "topic": "Regionale bijeenkomst plastic soep en microplastics",
        "attendees": "KIMO Nederland & België",
        "minutes": "",
    },
    {
        "date": datetime.date(2027, 4, 15),
        "place": "Stadhuis Velsen, IJmuiden",
        "hosted_by_velsen": True,
        "topic": "Voorjaarsvergadering KIMO Nederland & België",
        "attendees": "Leden van KIMO Nederland & België",
        "minutes": "",
    },
]

FISHING_FOR_LITTER = {
    "name": "Fishing for Litter",
    "slug": "fishing-for-litter",
    "description": (
        "Vissers brengen het afval dat in hun netten terechtkomt in big bags mee naar de haven, waar het "
        "gratis wordt ingezameld en verwerkt."
    ),
    "since_year": 2001,
    "result_unit": "t",
    "result_label": "afval aangeland",
    "participant_label": "schepen",
}
RESULTS = [(2019, Decimal("558"), 137), (2021, Decimal("756"), None), (2022, Decimal("512"), None)]

CONTRIBUTIONS = [
    {
        "goal": 14,
        "kind": Contribution.Kind.FOCUS,
        "title": "Steun aan KIMO voor een schone Noordzee",
        "department": "Bestuursondersteuning",
        "period_start": datetime.date(2017, 9, 21),
        "budget": Decimal("2500.00"),
        "description": (
            "Bovenop het basisniveau zet Velsen actief in op doel 14: de gemeente levert de voorzitter van KIMO "
            "Nederland & België, ontvangt bijeenkomsten en steunt Fishing for Litter."
        ),
        "indicators": [
            {
                "name": "Afval aangeland door vissers (Fishing for Litter, Nederland)",
                "unit": "t",
                "baseline": Decimal("0"),
                "target": Decimal("800"),
                "measurements": [
                    (datetime.date(2019, 12, 31), Decimal("558")),
                    (datetime.date(2021, 12, 31), Decimal("756")),
                    (datetime.date(2022, 12, 31), Decimal("512")),
                ],
            }
        ],
    },
    {
        "goal": 7,
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Zonnepanelen op gemeentelijke gebouwen",
        "department": "Duurzaamheid",
        "period_start": datetime.date(2017, 1, 1),
        "period_end": datetime.date(2027, 12, 31),
        "description": "Uit het reguliere duurzaamheidsbeleid: de gemeente wekt op eigen daken duurzame energie op.",
        "indicators": [
            {
                "name": "Gemeentelijke gebouwen met zonnepanelen",
                "unit": "gebouwen",
                "baseline": Decimal("2"),
                "target": Decimal("20"),
                "measurements": [(datetime.date(2025, 12, 31), Decimal("11"))],
            }
        ],
    },
    {
        "goal": 4,
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Internationale schooluitwisselingen",
        "department": "Onderwijs en Jeugd",
        "period_start": datetime.date(2015, 9, 1),
        "description": (
            "De gemeente faciliteert uitwisselingen tussen Velsense scholen en scholen in het buitenland, "
            "zoals die tussen het Ichthus Lyceum en het Dietrich-Bonhoeffer-Gymnasium."
        ),
        "indicators": [
            {
                "name": "Leerlingen die aan een uitwisseling deelnamen",
                "unit": "leerlingen",
                "baseline": Decimal("0"),
                "target": Decimal("60"),
                "measurements": [(datetime.date(2025, 7, 1), Decimal("42"))],
            }
        ],
    },
    {
        "goal": 13,
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Klimaatadaptatie: groene schoolpleinen en waterberging",
        "department": "Openbare Ruimte",
        "period_start": datetime.date(2018, 1, 1),
        "description": "Tegels eruit, groen erin: minder wateroverlast en hittestress in de wijken.",
    },
    {
        "goal": 8,
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Werk rond wind op zee en de haven van IJmuiden",
        "department": "Economische Zaken",
        "period_start": datetime.date(2017, 5, 11),
        "description": "Uit de strategische agenda 2020: werkgelegenheid in de offshore wind en de maritieme sector.",
    },
    {
        "goal": 3,
        "kind": Contribution.Kind.BASE_LEVEL,
        "title": "Sport en bewegen in de wijk",
        "department": "Welzijn en Sport",
        "period_start": datetime.date(2016, 1, 1),
        "description": "Buurtsportcoaches en laagdrempelig sporten voor alle leeftijden.",
    },
]


def _log(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _demo_actor():
    return get_user_model().objects.filter(email="ambtenaar@example.org").first()


@transaction.atomic
def load(stdout=None):
    """Load the KIMO network, its roles, meetings and Fishing for Litter, the label and the
    contributions. Safe to run again."""
    actor = _demo_actor()
    reason = "Demogegevens"

    network, created = Network.objects.get_or_create(slug="kimo", defaults=KIMO)
    if created:
        network.goals.set([Goal.objects.get(number=14)])
    _log(stdout, f"KIMO: {'created' if created else 'present'}")

    for kind, body, holder, since in ROLES:
        services.assign_role(network, actor=actor, kind=kind, body=body, holder=holder, since=since, reason=reason)

    for meeting in MEETINGS:
        if not Meeting.objects.filter(network=network, date=meeting["date"], topic=meeting["topic"]).exists():
            services.record_meeting(network, actor=actor, reason=reason, **meeting)

    action = Action.objects.filter(slug=FISHING_FOR_LITTER["slug"]).first()
    if action is None:
        action = services.create_action(
            network, actor=actor, reason=reason, goal=Goal.objects.get(number=14), **FISHING_FOR_LITTER
        )
    for year, quantity, vessels in RESULTS:
        services.record_action_result(
            action, actor=actor, year=year, quantity=quantity, participants=vessels, source="KIMO Nederland & België"
        )

    label = services.create_label(
        actor=actor,
        slug="global-goals-gemeente",
        name="Global Goals gemeente",
        description=(
            "Het label van de VNG-campagne Gemeenten4GlobalGoals. Het college vraagt de raad of Velsen dit label "
            "wil dragen."
        ),
        campaign_url="https://vng.nl/global-goals-gemeente-campagne",
        since=datetime.date(2017, 6, 1),
        reason="Bespreeknotitie Velsen Internationaal in voorbereiding",
    )
    if label.status == Label.Status.CONSIDERED:
        services.change_label_status(
            label,
            Label.Status.PROPOSED,
            actor=actor,
            reason="Bespreeknotitie Velsen Internationaal aan de raad voorgelegd; de raad besprak haar op 21 september 2017.",
            on=datetime.date(2017, 9, 21),
        )

    for spec in CONTRIBUTIONS:
        spec = dict(spec)
        indicators = spec.pop("indicators", [])
        goal = Goal.objects.get(number=spec.pop("goal"))
        contribution = Contribution.objects.filter(goal=goal, title=spec["title"]).first()
        if contribution is None:
            contribution = services.create_contribution(actor=actor, reason=reason, goal=goal, **spec)
        for indicator_spec in indicators:
            indicator_spec = dict(indicator_spec)
            measurements = indicator_spec.pop("measurements", [])
            indicator = Indicator.objects.filter(contribution=contribution, name=indicator_spec["name"]).first()
            if indicator is None:
                indicator = services.add_indicator(contribution, actor=actor, reason=reason, **indicator_spec)
            for measured_on, value in measurements:
                services.record_measurement(indicator, actor=actor, measured_on=measured_on, value=value)
    _log(stdout, f"Global Goals: {Contribution.objects.count()} contributions, {Meeting.objects.count()} meetings")
