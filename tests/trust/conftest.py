"""The world the trust tests walk through: one real object behind every parametrised URL, a user
per role, and uploads kept in a temporary directory."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads of these tests go to a temporary directory, so 'nothing stored' can be checked."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROLES = ("anonymous", "citizen_a", "citizen_b", "council_member", "civil_servant", "administrator")


class World(dict):
    """Names -> objects, plus `clients[role]` and `kwargs_for(url_name)`."""


def build_world():
    """Every kind of object a URL of the portal can point at, in a state where its page makes sense."""
    from council.models import Question
    from global_goals.models import Label, Network
    from grants import services as grants
    from grants.models import Application, Attachment
    from partnerships.models import ActivityDocument
    from tests.council.factories import make_question
    from tests.global_goals.factories import make_action, make_contribution, make_indicator, make_meeting
    from tests.grants.factories import draft, granted, pdf_file
    from tests.partnerships.factories import make_activity, make_partner, make_partnership, make_step

    w = World()
    w["citizen_a"] = make_user("a@example.org", roles=["citizen"], full_name="Anna A")
    w["citizen_b"] = make_user("b@example.org", roles=["citizen"], full_name="Bram B")
    w["council_member"] = make_user("raad@velsen.example", roles=["council_member"], full_name="Rita Raad")
    w["civil_servant"] = make_user("amb@velsen.example", roles=["civil_servant"], full_name="Anne Ambt")
    w["administrator"] = make_user(
        "beheer@velsen.example", roles=["administrator"], full_name="Bert Beheer", is_staff=True
    )
    servant = w["civil_servant"]

    # Grants: citizen A owns a draft with an attachment, and a granted application (letter, account).
    a = w["citizen_a"]
    w["draft"] = draft(a)
    grants.add_attachments(w["draft"], [pdf_file()], kind=Attachment.Kind.APPLICATION, actor=a)
    w["attachment"] = w["draft"].attachments.get()
    w["granted"] = granted(a, servant, title="Uitwisseling met Yangzhou")
    w["granted_attachment"] = grants.add_attachments(
        w["granted"], [pdf_file("verslag.pdf")], kind=Attachment.Kind.ACCOUNT, actor=a
    )[0]
    assert Application.objects.count() == 2

    # Partnerships: a city link with a partner, a phase-out step, an activity and a public document.
    w["partner"] = make_partner("Yangzhou", country_code="CN")
    w["partnership"] = make_partnership("Stedenband Yangzhou", partners=[w["partner"]], slug="yangzhou")
    w["step"] = make_step(w["partnership"], "Partnerstad informeren")
    w["activity"] = make_activity(w["partnership"], "Bezoek delegatie")
    from django.core.files.base import ContentFile

    document = ActivityDocument(activity=w["activity"], title="Verslag", is_public=True)
    document.file.save("verslag.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    w["document"] = document

    # Global goals: a contribution with an indicator, the KIMO network with a meeting and an action, the label.
    w["contribution"] = make_contribution(14)
    w["indicator"] = make_indicator(w["contribution"])
    network, _created = Network.objects.get_or_create(
        slug="kimo", defaults={"name": "KIMO", "short_name": "KIMO", "founded": 1990}
    )
    w["meeting"] = make_meeting(network, date=datetime.date(2025, 5, 1))
    w["action"] = make_action(network)
    Label.objects.get_or_create(
        slug="global-goals-gemeente", defaults={"name": "Global Goals gemeente", "status": Label.Status.CONSIDERED}
    )

    # Council: a question in voting (members vote there), with its first option.
    w["question"] = make_question(servant, status=Question.Status.VOTING_OPEN)
    w["option"] = w["question"].options.order_by("pk").first()
    w["clients"] = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(w[role])
        w["clients"][role] = client
    w["now"] = timezone.now()
    w["money"] = Decimal("1000.00")
    return w


@pytest.fixture
def world(db):
    return build_world()


def pytest_terminal_summary(terminalreporter):
    from tests.trust import matrix

    figures = matrix.FIGURES
    if figures["cells"] or figures["header_checks"]:
        terminalreporter.write_line(
            f"trust: access matrix {len(figures['routes'])} routes x {len(ROLES)} roles x 2 methods = "
            f"{figures['cells']} cells checked; security headers checked on {figures['header_checks']} responses"
        )
    if matrix.FUZZ:
        total = sum(matrix.FUZZ.values())
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(matrix.FUZZ.items()))
        terminalreporter.write_line(f"trust: fuzz cases tried {total} ({detail})")
