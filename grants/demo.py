"""Demo data for grants: this year's budget (€10,000) and sample applications from the demo citizen
in different states. Idempotent: an application is created (through the services, so it has a real
history) only when the demo citizen has none with that title yet."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from grants import services
from grants.models import Application, Budget
from velsen_intl.pillars import Pillar

CITIZEN = "inwoner@example.org"
CIVIL_SERVANT = "ambtenaar@example.org"

ORGANISATION = {
    "applicant_kind": Application.ApplicantKind.ORGANISATION,
    "contact_name": "Ingrid Inwoner",
    "address": "Kennemerlaan 1, 1972 EA IJmuiden",
    "phone": "0255 567 890",
    "iban": "NL91ABNA0417164300",
}

SAMPLES = [
    {
        "title": "Schooluitwisseling Ichthus Lyceum – Bergisch Gladbach",
        "organisation_name": "Stichting Vrienden van Bergisch Gladbach",
        "kvk_number": "41223344",
        "pillar": Pillar.CITY_LINKS,
        "activity_plan": "Veertig leerlingen van het Ichthus Lyceum bezoeken het Dietrich-Bonhoeffer-Gymnasium.",
        "costs": [("Busvervoer", "1800.00"), ("Programma en gidsen", "700.00")],
        "requested": "1500.00",
        "steps": ["review", "grant:1500.00"],
    },
    {
        "title": "Strandopruiming op Wereldoceanendag",
        "organisation_name": "Stichting Schone Kust Velsen",
        "kvk_number": "41556677",
        "pillar": Pillar.WORLD_AND_SOCIETY,
        "activity_plan": "Vrijwilligers en scholen ruimen het strand van IJmuiden op; het afval wordt gewogen.",
        "costs": [("Grijpers en zakken", "600.00"), ("Afvoer", "400.00")],
        "requested": "1000.00",
        "steps": ["review", "grant:1000.00", "account", "settle:800.00"],
    },
    {
        "title": "Fishing for Litter: voorlichting in de haven",
        "organisation_name": "Vereniging Vissers van IJmuiden",
        "kvk_number": "41889900",
        "pillar": Pillar.WORLD_AND_SOCIETY,
        "activity_plan": "Een voorlichtingsdag over Fishing for Litter voor vissers en bezoekers van de haven.",
        "costs": [("Tent en materiaal", "1200.00"), ("Drukwerk", "300.00")],
        "requested": "1200.00",
        "steps": ["review"],
    },
    {
        "title": "Europese jongerenconferentie over offshore wind",
        "organisation_name": "Jongerenraad Velsen",
        "kvk_number": "41112233",
        "pillar": Pillar.EUROPE,
        "activity_plan": "Jongeren uit drie MRA-gemeenten en twee partnersteden bespreken de energietransitie.",
        "costs": [("Zaalhuur", "900.00"), ("Reiskosten", "1100.00")],
        "requested": "2000.00",
        "steps": ["info"],
    },
    {
        "title": "Kennismaking met Qingdao: windenergie",
        "applicant_kind": Application.ApplicantKind.PERSON,
        "organisation_name": "",
        "kvk_number": "",
        "pillar": Pillar.PROJECT_COOPERATION,
        "activity_plan": "Een verkennend bezoek, nog uit te werken.",
        "costs": [("Reis", "2500.00")],
        "requested": "2500.00",
        "steps": ["draft"],
    },
]


def load(stdout=None):
    year = timezone.localdate().year
    Budget.objects.get_or_create(year=year)
    User = get_user_model()
    citizen = User.objects.filter(email=CITIZEN).first()
    servant = User.objects.filter(email=CIVIL_SERVANT).first()
    if citizen is None or servant is None:
        if stdout:
            stdout.write("grants: demo users missing, only the budget was loaded")
        return
    created = 0
    for sample in SAMPLES:
        if Application.objects.filter(applicant=citizen, title=sample["title"]).exists():
            continue
        _create(sample, citizen, servant, year)
        created += 1
    if stdout:
        stdout.write(f"grants: budget {year} and {created} new sample application(s)")


def _create(sample, citizen, servant, year):
    fields = {**ORGANISATION}
    fields.update({k: v for k, v in sample.items() if k not in ("costs", "requested", "steps")})
    fields["contact_email"] = citizen.email
    fields["account_holder"] = fields["organisation_name"] or fields["contact_name"]
    fields["requested_amount"] = Decimal(sample["requested"])
    fields["start_date"] = timezone.datetime(year, 9, 1).date()
    fields["end_date"] = timezone.datetime(year, 10, 15).date()
    application = services.save_draft(
        Application(**fields), actor=citizen, cost_lines=[(d, Decimal(a)) for d, a in sample["costs"]]
    )
    steps = sample["steps"]
    if steps == ["draft"]:
        return application
    application = services.submit(application, actor=citizen)
    for step in steps:
        name, _sep, amount = step.partition(":")
        if name == "review":
            application = services.start_review(application, actor=servant)
        elif name == "info":
            application = services.request_information(
                application, actor=servant, question="Kunt u de begroting van de reiskosten toelichten?"
            )
        elif name == "grant":
            application = services.grant(
                application,
                actor=servant,
                amount=Decimal(amount),
                motivation="De activiteit past binnen pijler en doel van Velsen Internationaal.",
                conditions="Vermeld de gemeente Velsen in de communicatie.",
                out_of_order_reason="Demogegevens.",
            )
        elif name == "account":
            application = services.submit_account(
                application, actor=citizen, report="De activiteit is uitgevoerd zoals gepland.", actual_costs="850.00"
            )
        elif name == "settle":
            application = services.settle(
                application, actor=servant, amount=Decimal(amount), motivation="Vastgesteld op de werkelijke kosten."
            )
    return application
