"""Demo data: the memo's questions to the council, with options drafted from the memo's text.

One question is decided with the votes of raadslid1-5, one is open for voting, the rest are
published. Idempotent: a question whose title exists is left alone, so running twice changes
nothing. The texts are the municipality's own, so they are Dutch only.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from council import services
from council.models import Question
from global_goals.models import Goal
from partnerships.models import Partnership

S = Question.Status
CIVIL_SERVANT = "ambtenaar@example.org"
MEMBERS = [f"raadslid{n}@example.org" for n in range(1, 6)]


def _link(name):
    return Partnership.objects.filter(title__icontains=name, kind=Partnership.Kind.CITY_LINK).first()


def _links(*names):
    return [p for p in (_link(n) for n in names) if p is not None]


def _questions():
    year = timezone.localdate().year
    return [
        {
            "status": S.PUBLISHED,
            "fields": {
                "title": "Investering in projectmatige internationale samenwerking",
                "topic": "A",
                "context": (
                    "Projectmatige samenwerkingsinitiatieven met buitenlandse steden en regio's die op "
                    "vergelijkbare thema's actief zijn (bijvoorbeeld wind offshore) zijn een goed middel om "
                    "samenwerkingen aan te gaan. Uitgangspunt is slim gebruik te maken van de banden die er vanuit "
                    "de provincie of de MRA al liggen. De burgemeester is bestuurlijk trekker."
                ),
                "dilemma": (
                    "Op dit moment is er geen budget en geen ambtelijke capaciteit gereserveerd voor de ontwikkeling "
                    "van projectmatige samenwerkingsinitiatieven. Zonder 'startkapitaal aan menskracht' is het lastig "
                    "om te onderzoeken welke kansen dit Velsen kan bieden."
                ),
                "question_text": (
                    "Welke investering zou de raad bereid zijn om te doen om uiteindelijk projectmatige "
                    "samenwerkingsinitiatieven, op basis van de Visie op Velsen, op te zetten?"
                ),
            },
            "options": [
                {
                    "title": "Geen eigen investering: aansluiten bij provincie en MRA",
                    "description": "Velsen haakt alleen aan bij kansen die de provincie of de MRA aandraagt.",
                    "pros": "Geen extra kosten.",
                    "cons": "Velsen onderzoekt zelf geen kansen; het hangt af van anderen.",
                },
                {
                    "title": "Startkapitaal aan menskracht: 0,5 fte",
                    "description": "Een halve formatieplaats om kansen te verkennen, samen met het bedrijfsleven.",
                    "pros": "Kansen worden actief onderzocht; het bedrijfsleven heeft een aanspreekpunt.",
                    "cons": "Structurele kosten zonder zekerheid over resultaat.",
                    "money_per_year": Decimal("40000.00"),
                    "fte": Decimal("0.50"),
                },
                {
                    "title": "Menskracht en een projectbudget",
                    "description": "0,5 fte plus € 25.000 per jaar om concrete projecten te starten.",
                    "pros": "Snel van verkenning naar projecten.",
                    "cons": "De hoogste kosten; projecten vragen ook inzet van partners.",
                    "money_per_year": Decimal("65000.00"),
                    "fte": Decimal("0.50"),
                },
            ],
        },
        {
            "status": S.PUBLISHED,
            "fields": {
                "title": "De toekomst van de stedenbanden",
                "topic": "B",
                "context": (
                    "Vriendschapsbanden met andere steden zijn langlopende banden die zorgvuldig en met veel "
                    "betrokkenheid van burgers zijn opgebouwd. Ze hebben symbolische waarde en worden gebruikt voor "
                    "bijvoorbeeld uitwisselingen tussen scholen."
                ),
                "dilemma": (
                    "De banden met Galle en Bergisch Gladbach zijn vanuit gemeentelijk oogpunt al lange tijd inactief "
                    "en sluiten niet meer aan bij de Visie op Velsen. Het college zoekt een passende afbouw en "
                    "afsluiting; vanuit de samenleving kunnen de banden worden voortgezet. De band met Qingdao kan "
                    "worden getransformeerd naar een projectmatig samenwerkingsinitiatief wanneer het bedrijfsleven "
                    "daarom vraagt."
                ),
                "question_text": (
                    "Hoe ziet de raad het voortbestaan van deze banden? Welke afsluiting cq voortzetting ziet de raad?"
                ),
            },
            "options": [
                {
                    "title": "Beide banden afsluiten met een passend afscheid",
                    "description": "De gemeente sluit de banden met Galle en Bergisch Gladbach af, met een afscheid.",
                    "pros": "Past bij de Visie op Velsen; duidelijkheid voor alle partijen.",
                    "cons": "Symbolische waarde en schooluitwisselingen verliezen gemeentelijke steun.",
                    "money_per_year": Decimal("0.00"),
                    "partnership_effect": "end",
                    "partnerships": ("Galle", "Bergisch Gladbach"),
                },
                {
                    "title": "Eén band afsluiten: Galle",
                    "description": "Galle wordt afgesloten; Bergisch Gladbach blijft vanwege de schooluitwisseling.",
                    "pros": "De levende schooluitwisseling blijft gemeentelijk gesteund.",
                    "cons": "Een halve keuze; de band met Bergisch Gladbach blijft gemeentelijk weinig actief.",
                    "partnership_effect": "end",
                    "partnerships": ("Galle",),
                },
                {
                    "title": "Beide banden overdragen aan de samenleving",
                    "description": "De gemeente stopt haar rol; verenigingen en scholen zetten de banden voort.",
                    "pros": "Banden blijven bestaan waar burgers ze dragen.",
                    "cons": "Zonder gemeente kan een band langzaam verdwijnen.",
                    "partnership_effect": "end",
                    "partnerships": ("Galle", "Bergisch Gladbach"),
                },
                {
                    "title": "Alle banden houden",
                    "description": "De banden met Galle, Bergisch Gladbach en Qingdao blijven zoals ze zijn.",
                    "pros": "Geen afscheid van langlopende vriendschappen.",
                    "cons": "Past niet bij de Visie op Velsen; kost inzet zonder duidelijk doel.",
                    "money_per_year": Decimal("2500.00"),
                    "fte": Decimal("0.05"),
                },
                {
                    "title": "Qingdao omvormen tot projectmatige samenwerking",
                    "description": "Wanneer het bedrijfsleven erom vraagt, wordt de band met Qingdao projectmatig.",
                    "pros": "Economische kansen voor het bedrijfsleven.",
                    "cons": "Hangt af van de vraag van het bedrijfsleven.",
                    "partnership_effect": "transform",
                    "partnerships": ("Qingdao",),
                },
            ],
            "arguments": [
                (0, 0, "for", "De banden zijn al jaren niet actief; een eerlijk afscheid is beter dan stilte."),
                (1, 3, "against", "Blijven zonder doel kost geld en geeft valse verwachtingen."),
                (2, 2, "for", "Laat de samenleving het dragen, de gemeente faciliteert."),
            ],
        },
        {
            "status": S.DECIDED,
            "fields": {
                "title": "Global Goals: focus op schone zeeën, het label en de middelen",
                "topic": "C",
                "context": (
                    "Het college neemt de Global Goals als uitgangspunt voor het beleid op 'wereld en samenleving'. "
                    "Vanuit regulier beleid wordt aan verscheidene doelen bijgedragen. Bovenop dit basisniveau zet het "
                    "college in op doel 14, schone zeeën, door KIMO te steunen: Velsen levert de voorzitter en host "
                    "bijeenkomsten."
                ),
                "dilemma": (
                    "Een eigen focus en het label 'Global Goals gemeente' maken de inzet zichtbaar, maar vragen "
                    "middelen."
                ),
                "question_text": (
                    "Kan de raad zich vinden in de focus op doel 14 'Schone zeeën'? Wil de raad het label "
                    "'Global Goals gemeente' dragen? Is de raad bereid hiervoor middelen beschikbaar te stellen?"
                ),
                "goal_number": 14,
            },
            "options": [
                {
                    "title": "Focus op doel 14, het label en € 5.000 per jaar",
                    "description": "Velsen wordt Global Goals gemeente, steunt KIMO en reserveert middelen.",
                    "pros": "Zichtbare inzet; aansluiting bij de VNG-campagne.",
                    "cons": "Kost geld en capaciteit.",
                    "money_per_year": Decimal("5000.00"),
                    "fte": Decimal("0.10"),
                },
                {
                    "title": "Focus op doel 14, zonder label",
                    "description": "De steun aan KIMO blijft; Velsen voert het label niet.",
                    "pros": "Geen extra kosten.",
                    "cons": "De inzet blijft minder zichtbaar.",
                },
                {
                    "title": "Alleen het basisniveau",
                    "description": "Geen eigen focus; regulier beleid draagt bij aan de Global Goals.",
                    "pros": "Eenvoudig.",
                    "cons": "De band met KIMO verliest betekenis.",
                },
            ],
            "votes": [0, 0, 0, 1, None],
            "decision": (
                0,
                "De raad steunt de focus op doel 14, het label 'Global Goals gemeente' en € 5.000 per jaar.",
            ),
        },
        {
            "status": S.VOTING_OPEN,
            "fields": {
                "title": "Financiën: welke middelen zet de raad in?",
                "topic": "finances",
                "context": (
                    "Jaarlijks is € 10.000 (huidige situatie) beschikbaar voor initiatieven en projecten onder de "
                    "paraplu Velsen Internationaal. Aanvragen kunnen bij de gemeente worden ingediend."
                ),
                "dilemma": "Meer middelen maken meer initiatieven mogelijk; minder middelen sparen de begroting.",
                "question_text": (
                    "Welke middelen is de raad bereid in te zetten voor internationale initiatieven gezien de "
                    "discussie over bovenstaande vragen?"
                ),
                "budget_year": year,
            },
            "options": [
                {
                    "title": "Houden op € 10.000 per jaar",
                    "description": "Het subsidieplafond blijft € 10.000 per kalenderjaar.",
                    "pros": "Vertrouwd en voorspelbaar.",
                    "cons": "Weinig ruimte voor nieuwe initiatieven.",
                    "money_per_year": Decimal("10000.00"),
                    "new_grant_ceiling": Decimal("10000.00"),
                },
                {
                    "title": "Verhogen naar € 15.000 per jaar",
                    "description": "Het subsidieplafond wordt € 15.000 per kalenderjaar.",
                    "pros": "Ruimte voor projectmatige initiatieven en de Global Goals.",
                    "cons": "€ 5.000 per jaar meer uit de begroting.",
                    "money_per_year": Decimal("15000.00"),
                    "new_grant_ceiling": Decimal("15000.00"),
                },
                {
                    "title": "Verlagen naar € 5.000 per jaar",
                    "description": "Het subsidieplafond wordt € 5.000 per kalenderjaar.",
                    "pros": "Bespaart € 5.000 per jaar.",
                    "cons": "Minder initiatieven kunnen worden gesteund.",
                    "money_per_year": Decimal("5000.00"),
                    "new_grant_ceiling": Decimal("5000.00"),
                },
            ],
        },
    ]


def load(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    User = get_user_model()
    servant = User.objects.filter(email=CIVIL_SERVANT).first()
    members = [User.objects.filter(email=email).first() for email in MEMBERS]
    if servant is None or None in members:
        say("council: demo users missing (run the accounts demo first); nothing loaded.")
        return
    for spec in _questions():
        title = spec["fields"]["title"]
        if Question.objects.filter(title=title).exists():
            say(f"council: “{title}” exists, left alone.")
            continue
        with transaction.atomic():
            _load_question(spec, servant, members)
        say(f"council: “{title}” loaded ({spec['status']}).")


def _load_question(spec, servant, members):
    fields = dict(spec["fields"])
    goal_number = fields.pop("goal_number", None)
    if goal_number:
        fields["goal"] = Goal.objects.filter(number=goal_number).first()
    question = services.create_question(actor=servant, **fields)
    options = []
    for option_spec in spec["options"]:
        option_spec = dict(option_spec)
        links = _links(*option_spec.pop("partnerships", ()))
        if option_spec.get("partnership_effect", "none") != "none" and not links:
            option_spec["partnership_effect"] = "none"  # the partnerships demo did not create the link
        options.append(services.save_option(question, actor=servant, partnerships=links, **option_spec))
    services.publish(question, actor=servant, reason="Bespreeknotitie Velsen Internationaal")
    for member_index, option_index, stance, text in spec.get("arguments", ()):
        services.post_argument(
            question, member=members[member_index], option=options[option_index], stance=stance, text=text
        )
    if spec["status"] == S.PUBLISHED:
        return
    now = timezone.now()
    services.open_voting(question, actor=servant, starts_at=now, ends_at=now + timezone.timedelta(days=7), notify=False)
    if spec["status"] == S.VOTING_OPEN:
        return
    for member, choice in zip(members, spec["votes"], strict=True):
        services.cast_vote(question, member=member, option=None if choice is None else options[choice])
    services.close_voting(question, actor=servant, reason="Alle raadsleden hebben gestemd.")
    chosen, text = spec["decision"]
    services.decide(question, actor=servant, chosen_options=[options[chosen]], text=text)
