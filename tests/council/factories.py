"""Small explicit factories for council questions, built through the services so that every
question in a test has the history a real one would have."""

from decimal import Decimal

from django.utils import timezone

from council import services
from council.models import Option, Question
from tests.factories import make_user


def make_member(n, **extra):
    return make_user(f"raadslid{n}@velsen.example", roles=["council_member"], full_name=f"Raadslid {n}", **extra)


def make_members(count, start=1):
    return [make_member(n) for n in range(start, start + count)]


def make_question(actor, *, status=Question.Status.DRAFT, options=("Optie A", "Optie B"), **fields):
    """A question in `status`, with options titled `options` (option dicts allowed)."""
    defaults = {
        "title": "Wat investeert de raad?",
        "topic": "A",
        "context": "Er is geen budget en geen capaciteit.",
        "dilemma": "Investeren of niet.",
        "question_text": "Welke investering wil de raad doen?",
    }
    defaults.update(fields)
    question = services.create_question(actor=actor, **defaults)
    for spec in options:
        spec = {"title": spec} if isinstance(spec, str) else dict(spec)
        spec.setdefault("description", f"Beschrijving van {spec['title']}")
        partnerships = spec.pop("partnerships", None)
        services.save_option(question, actor=actor, partnerships=partnerships, **spec)
    order = [
        Question.Status.PUBLISHED,
        Question.Status.VOTING_OPEN,
        Question.Status.VOTING_CLOSED,
    ]
    if status == Question.Status.DRAFT:
        return question
    services.publish(question, actor=actor)
    if status == Question.Status.WITHDRAWN:
        services.withdraw(question, actor=actor, reason="Ingetrokken in de test")
        return Question.objects.get(pk=question.pk)
    for step in order[1:]:
        if order.index(status) < order.index(step):
            break
        if step == Question.Status.VOTING_OPEN:
            services.open_voting(question, actor=actor, ends_at=timezone.now() + timezone.timedelta(days=3))
        elif step == Question.Status.VOTING_CLOSED:
            services.close_voting(question, actor=actor)
    return Question.objects.get(pk=question.pk)


def option(question, title):
    return Option.objects.get(question=question, title=title)


def ceiling_options():
    return (
        {"title": "Houden op € 10.000", "new_grant_ceiling": Decimal("10000.00"), "money_per_year": Decimal("10000")},
        {
            "title": "Verhogen naar € 15.000",
            "new_grant_ceiling": Decimal("15000.00"),
            "money_per_year": Decimal("15000"),
        },
        {"title": "Verlagen naar € 5.000", "new_grant_ceiling": Decimal("5000.00"), "money_per_year": Decimal("5000")},
    )
