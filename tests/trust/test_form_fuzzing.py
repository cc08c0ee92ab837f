"""Form fuzzing: every form of the portal gets random and hostile input from hypothesis. No input
may cause a server error, and the rules hold whatever is typed: committed money never exceeds the
ceiling, a vote outside its window never counts, an illegal status change never happens."""

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.trust import matrix
from tests.trust.access_table import TABLE
from tests.trust.conftest import ROLES

PER_FORM = 40
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-0.01",
    "0.001",
    "1e309",
    "1E3",
    "NaN",
    "Infinity",
    "-Infinity",
    "9" * 40,
    "99999999999.99",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "abc\x00def",
    "../../etc/passwd",
    "2026-02-30",
    "99999-01-01",
    "0000-00-00",
    "\u202egnp.exe",
    "🙂" * 60,
    "a" * 5000,
    '=HYPERLINK("http://evil")',
    "javascript:alert(1)",
    "https://example.org/" + "x" * 600,
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "on",
    "true",
    "abstain",
]
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
OPTION = re.compile(r'<option[^>]*value="([^"]*)"|<input[^>]*type="(?:radio|checkbox)"[^>]*value="([^"]*)"')
FALLBACK_FIELDS = ["choice", "reason", "text", "option", "stance", "idempotency_key", "action", "amount"]


def _poster(name):
    """The first role whose POST reaches the form (not a login redirect, 403, 404 or 405)."""
    outcomes = TABLE[name][1].split()
    for role, outcome in zip(ROLES, outcomes, strict=True):
        if outcome in ("200", "400", "R") and role != "anonymous" or (role == "anonymous" and outcome == "200"):
            return role
    return None


FORM_ROUTES = sorted(
    name
    for name in TABLE
    if _poster(name) is not None and name not in {"accounts:logout", "healthz"} and not name.startswith("accounts:mfa")
)


def _fields(world, name, role):
    url = reverse(name, kwargs=matrix.kwargs_for(name, world))
    page = world["clients"][role].get(url)
    is_page = page.status_code == 200 and not page.streaming and page["Content-Type"].startswith("text/html")
    html = page.content.decode(errors="replace") if is_page else ""
    names = sorted(set(FIELD.findall(html)) - {"csrfmiddlewaretoken"}) or FALLBACK_FIELDS
    choices = sorted({a or b for a, b in OPTION.findall(html)} - {""})
    return url, names, choices


def values(choices):
    options = [st.sampled_from(NASTY), st.text(max_size=200), st.integers().map(str)]
    options.append(st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str))
    options.append(st.dates().map(str))
    if choices:
        options.append(st.sampled_from(choices))
    return st.one_of(options)


@pytest.fixture
def fuzz_world(world, settings):
    settings.RATELIMIT_ENABLED = False
    return world


@pytest.mark.parametrize("name", FORM_ROUTES)
def test_no_input_breaks_a_form(fuzz_world, name):
    w = fuzz_world
    role = _poster(name)
    url, names, choices = _fields(w, name, role)
    client = w["clients"][role]
    tried = []

    @settings(max_examples=PER_FORM, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.fixed_dictionaries({}, optional={n: values(choices) for n in names}))
    def post(data):
        tried.append(1)
        with transaction.atomic():
            response = client.post(url, data)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{url} with {data!r}"

    post()
    matrix.FUZZ["forms"] = matrix.FUZZ.get("forms", 0) + len(tried)
    assert len(tried) >= PER_FORM // 2


# --- The rules hold whatever is typed ---------------------------------------------------------------

amounts = st.one_of(
    st.sampled_from(
        ["0", "0.01", "499.99", "500", "500.01", "999.99", "1000", "1e3", "-5", "NaN", "Infinity", "9" * 15]
    ),
    st.decimals(min_value=Decimal("-10"), max_value=Decimal("2000"), places=2).map(str),
)


def test_committed_never_exceeds_the_ceiling(fuzz_world):
    """Civil servants grant random amounts to several applications under a small ceiling."""
    from grants import services
    from grants.models import Application, Status
    from tests.grants.factories import in_review

    w = fuzz_world
    a, servant, admin = w["citizen_a"], w["civil_servant"], w["administrator"]
    year = w["granted"].year
    apps = [in_review(a, servant, title=f"Aanvraag {i}", requested_amount=Decimal("1000")) for i in range(6)]
    services.set_budget_ceiling(year=year, ceiling=Decimal("2500"), actor=admin, reason="Krap jaar")
    client = w["clients"]["civil_servant"]
    tried = []

    @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(index=st.integers(0, len(apps) - 1), amount=amounts, ceiling=st.one_of(st.none(), amounts))
    def act(index, amount, ceiling):
        tried.append(1)
        if ceiling is not None:  # the administrator moves the ceiling now and then
            w["clients"]["administrator"].post(
                reverse("grants:ceiling"), {"year": year, "ceiling": ceiling, "reason": "Bijstelling"}
            )
        url = reverse("grants:staff_action", args=[apps[index].pk, "grant"])
        response = client.post(
            url, {"grant-amount": amount, "grant-motivation": "Past", "grant-out_of_order_reason": "Test"}
        )
        assert response.status_code < 500
        figures = services.budget_figures(year)
        assert figures["committed"] <= figures["ceiling"]
        for app in Application.objects.filter(status=Status.GRANTED):
            assert Decimal("0") < app.granted_amount <= app.requested_amount

    act()
    matrix.FUZZ["grant amounts"] = len(tried)
    assert Application.objects.filter(pk__in=[x.pk for x in apps], status=Status.GRANTED).exists()


def test_a_vote_outside_its_window_never_counts(fuzz_world):
    """Members post random votes to questions that are not open (yet or any more): nothing counts."""
    from django.utils import timezone

    from council.models import Question, Vote
    from tests.council.factories import make_question

    w = fuzz_world
    servant = w["civil_servant"]
    published = make_question(servant, status=Question.Status.PUBLISHED, title="Nog niet open")
    expired = make_question(servant, status=Question.Status.VOTING_OPEN, title="Verlopen")
    Question.objects.filter(pk=expired.pk).update(
        voting_starts_at=timezone.now() - timezone.timedelta(hours=2),
        voting_ends_at=timezone.now() - timezone.timedelta(minutes=1),
    )
    not_yet = make_question(servant, status=Question.Status.VOTING_OPEN, title="Straks")
    Question.objects.filter(pk=not_yet.pk).update(
        voting_starts_at=timezone.now() + timezone.timedelta(hours=1),
        voting_ends_at=timezone.now() + timezone.timedelta(days=1),
    )
    closed = make_question(servant, status=Question.Status.VOTING_CLOSED, title="Gesloten")
    questions = [published, expired, not_yet, closed]
    choices = [str(pk) for pk in Question.objects.values_list("options__pk", flat=True)] + ["abstain", "", "x"]
    client = w["clients"]["council_member"]
    tried = []

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(index=st.integers(0, len(questions) - 1), choice=st.one_of(st.sampled_from(choices), st.text(max_size=20)))
    def vote(index, choice):
        tried.append(1)
        response = client.post(reverse("council:vote", args=[questions[index].pk]), {"choice": choice})
        assert response.status_code < 500
        assert not Vote.objects.filter(question__in=questions).exists()

    vote()
    matrix.FUZZ["votes outside the window"] = len(tried)


def test_no_illegal_status_change_ever_happens(fuzz_world):
    """Random status changes of a partnership through the page: every change that happens is one of
    the allowed transitions, and an ended partnership never changes again."""
    from partnerships.models import Partnership, StatusChange
    from partnerships.services import ALLOWED_TRANSITIONS

    w = fuzz_world
    partnership = w["partnership"]
    url = reverse("partnerships:change_status", args=[partnership.slug])
    client = w["clients"]["civil_servant"]
    statuses = [*Partnership.Status.values, "", "deleted", "ENDED"]
    tried = []

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(status=st.sampled_from(statuses), reason=st.sampled_from(["Besluit", "", " ", "x" * 5000]))
    def change(status, reason):
        tried.append(1)
        before = Partnership.objects.get(pk=partnership.pk).status
        response = client.post(url, {"new_status": status, "reason": reason})
        assert response.status_code < 500
        after = Partnership.objects.get(pk=partnership.pk).status
        if after != before:
            assert after in ALLOWED_TRANSITIONS[Partnership.Status(before)], f"{before} -> {after}"
            assert before != Partnership.Status.ENDED

    change()
    matrix.FUZZ["status changes"] = len(tried)
    for entry in StatusChange.objects.filter(partnership=partnership, event=StatusChange.Event.STATUS):
        assert entry.to_status in ALLOWED_TRANSITIONS[Partnership.Status(entry.from_status)]


def test_no_illegal_grant_transition_ever_happens(fuzz_world):
    """Random staff actions on applications in every state: only the written-out transitions happen."""
    from grants.models import Application, ApplicationEvent
    from grants.views.staff import ACTIONS
    from tests.grants.factories import in_review, submitted

    w = fuzz_world
    a, servant = w["citizen_a"], w["civil_servant"]
    apps = [w["granted"], submitted(a), in_review(a, servant, requested_amount=Decimal("100"))]
    allowed = {
        ("submitted", "in_review"),
        ("submitted", "information_requested"),
        ("in_review", "information_requested"),
        ("in_review", "granted"),
        ("in_review", "refused"),
        ("information_requested", "set_aside"),
        ("granted", "settled"),
        ("account_submitted", "settled"),
    }
    client = w["clients"]["civil_servant"]
    tried = []

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        index=st.integers(0, len(apps) - 1),
        action=st.sampled_from(sorted(ACTIONS)),
        amount=amounts,
        text=st.sampled_from(["Reden", "", "\x00"]),
        weeks=st.sampled_from(["1", "0", "9", "-1", "x"]),
    )
    def act(index, action, amount, text, weeks):
        tried.append(1)
        app = apps[index]
        before = Application.objects.get(pk=app.pk).status
        data = {
            f"{action}-{field}": value
            for field, value in {
                "amount": amount,
                "motivation": text,
                "reason": text,
                "question": text,
                "text": text,
                "answer_within": weeks,
                "weeks": weeks,
                "recommendation": "grant",
                "out_of_order_reason": "x",
            }.items()
        }
        response = client.post(reverse("grants:staff_action", args=[app.pk, action]), data)
        assert response.status_code < 500
        after = Application.objects.get(pk=app.pk).status
        if after != before:
            assert (before, after) in allowed, f"{before} -> {after} by {action}"

    act()
    matrix.FUZZ["grant staff actions"] = len(tried)
    for event in ApplicationEvent.objects.exclude(from_status="").exclude(to_status=""):
        if event.from_status != "draft" and event.actor_id == servant.pk:
            assert (event.from_status, event.to_status) in allowed
