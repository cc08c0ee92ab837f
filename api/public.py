"""What the open data API and the downloads publish, read from the other apps' models, named
QuerySet methods and services. Every query here selects public rows only, and every serialiser
picks public fields by name: a new private field in another app never leaks by accident.

Filters the other apps do not (yet) offer as named QuerySet methods live here; each is named in
the report to the lead so it can move to its app.
"""

from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from council import services as council_services
from council.models import Option, Question, Vote
from global_goals.models import Contribution, Goal
from grants.models import COMMITTED_STATES, Application, Status
from partnerships.models import Partnership, StatusChange

# The history entries the public partnership page shows (partnerships.views.PUBLIC_EVENTS).
PUBLIC_PARTNERSHIP_EVENTS = frozenset(
    {
        StatusChange.Event.CREATED,
        StatusChange.Event.STATUS,
        StatusChange.Event.TRANSFORMED,
        StatusChange.Event.TRANSFORMED_FROM,
        StatusChange.Event.STEP_DONE,
    }
)
# The only columns of an application this module ever reads.
PUBLIC_GRANT_FIELDS = (
    "pk",
    "reference",
    "year",
    "title",
    "applicant_kind",
    "organisation_name",
    "pillar",
    "status",
    "granted_amount",
    "settled_amount",
    "decided_at",
    "settled_at",
)


def money(value):
    """A Decimal as the API's money text: two decimals, point separator ("10000.00")."""
    if value is None:
        return None
    return f"{Decimal(value):.2f}"


def quantity(value):
    return None if value is None else f"{Decimal(value):.2f}"


def local_date(moment):
    return timezone.localdate(moment) if moment is not None else None


# --- grants --------------------------------------------------------------------------------------


def granted_applications(*, year=None, pillar=None):
    """Awarded grants (granted, account submitted, settled): what the budget page lists. Missing in
    grants: `ApplicationQuerySet.public()`; `granted_in(year)` covers one year only."""
    queryset = Application.objects.committed().exclude(reference__isnull=True)
    if year is not None:
        queryset = queryset.filter(year=year)
    if pillar:
        queryset = queryset.filter(pillar=pillar)
    return (
        queryset.only(*PUBLIC_GRANT_FIELDS)
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.only("number")))
        .order_by("year", "decided_at", "pk")
    )


def grant_data(application):
    is_organisation = application.applicant_kind == Application.ApplicantKind.ORGANISATION
    return {
        "reference": application.reference,
        "year": application.year,
        "title": application.title,
        "organisation": application.organisation_name if is_organisation else None,
        "pillar": application.pillar or None,
        "status": application.status,
        "amount_granted": money(application.granted_amount),
        "amount_settled": money(application.settled_amount) if application.status == Status.SETTLED else None,
        "decision_date": local_date(application.decided_at),
        "goals": [goal.number for goal in application.goals.all()],
    }


# --- partnerships --------------------------------------------------------------------------------


def partnerships(*, kind=None, status=None, pillar=None, country=None, theme=None):
    queryset = Partnership.objects.public().with_register_details().order_by("title", "pk")
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    if pillar:
        queryset = queryset.filter(pillar=pillar)
    if country:
        queryset = queryset.filter(partners__country_code=country.upper())
    if theme:
        queryset = queryset.filter(themes__slug=theme)
    if country or theme:
        queryset = queryset.distinct()
    return queryset


def partnership_with_details():
    """One partnership with its public history and activities, in a fixed number of queries.
    Missing in partnerships: `StatusChangeQuerySet.public()` for the public history entries."""
    return (
        Partnership.objects.public()
        .with_register_details()
        .prefetch_related(
            Prefetch(
                "history",
                queryset=StatusChange.objects.filter(event__in=PUBLIC_PARTNERSHIP_EVENTS).order_by("at", "id"),
                to_attr="public_history",
            ),
            "activities",
        )
    )


def partnership_data(partnership, request):
    return {
        "id": partnership.pk,
        "slug": partnership.slug,
        "title": partnership.title,
        "kind": partnership.kind,
        "pillar": partnership.pillar,
        "status": partnership.status,
        "status_label": str(partnership.get_status_display()),
        "partners": [
            {
                "name": partner.name,
                "country_code": partner.country_code,
                "country": str(partner.country_name or partner.country_code),
                "region": partner.region,
            }
            for partner in partnership.partners.all()
        ],
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in partnership.themes.all()],
        "goals": [goal.pk for goal in partnership.goals.all()],
        "since": partnership.since,
        "until": partnership.until,
        "url": request.build_absolute_uri(partnership.get_absolute_url()),
    }


def partnership_detail_data(partnership, request):
    data = partnership_data(partnership, request)
    data.update(
        summary=partnership.summary,
        lead=partnership.lead_display,
        transformed_from=partnership.transformed_from_id,
        history=[
            {
                "date": local_date(entry.at),
                "event": entry.event,
                "title": str(entry.title),
                "from_status": entry.from_status or None,
                "to_status": entry.to_status or None,
                "reason": entry.reason,
                "decision_reference": entry.decision_reference,
            }
            for entry in partnership.public_history
        ],
        activities=[
            {
                "date": activity.date,
                "kind": activity.kind,
                "kind_label": str(activity.get_kind_display()),
                "title": activity.title,
                "description": activity.description,
            }
            for activity in partnership.activities.all()
        ],
    )
    return data


# --- goals ---------------------------------------------------------------------------------------


def _count(queryset, field):
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def goals():
    """The 17 goals with public counts, contributions, indicators and measurements: five queries.
    Grants are counted when awarded only (global_goals' `goals_with_counts()` counts every
    application, drafts included, because grants has no `public()` QuerySet method yet)."""
    awarded = Application.goals.through.objects.filter(application__status__in=COMMITTED_STATES)
    return (
        Goal.objects.annotate(
            contribution_count=_count(Contribution.objects.all(), "goal"),
            partnership_count=_count(Partnership.goals.through.objects.all(), "goal"),
            grant_count=_count(awarded, "goal"),
        )
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.with_indicators().order_by("-kind", "-period_start", "title"),
            )
        )
        .order_by("number")
    )


def goal_data(goal, request):
    return {
        "number": goal.number,
        "name_nl": goal.name_nl,
        "name_en": goal.name_en,
        "colour": goal.colour,
        "is_focus": goal.is_focus,
        "counts": {
            "contributions": goal.contribution_count,
            "partnerships": goal.partnership_count,
            "grants": goal.grant_count,
        },
        "contributions": [contribution_data(c) for c in goal.contributions.all()],
        "url": request.build_absolute_uri(goal.get_absolute_url()),
    }


def contribution_data(contribution):
    return {
        "id": contribution.pk,
        "kind": contribution.kind,
        "title": contribution.title,
        "description": contribution.description,
        "department": contribution.department,
        "period_start": contribution.period_start,
        "period_end": contribution.period_end,
        "budget": money(contribution.budget),
        "indicators": [
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": quantity(indicator.baseline),
                "target": quantity(indicator.target),
                "current_value": quantity(indicator.current_value),
                "measurements": [
                    {"measured_on": m.measured_on, "value": quantity(m.value)} for m in indicator.measurements.all()
                ],
            }
            for indicator in contribution.indicators.all()
        ],
    }


# --- council -------------------------------------------------------------------------------------


def _with_options(queryset):
    return queryset.select_related("decision").prefetch_related(
        Prefetch("options", queryset=Option.objects.prefetch_related("partnerships").order_by("position", "id")),
        "decision__chosen_options",
    )


def listed_questions(*, topic=None, status=None):
    """Published questions (no drafts, no withdrawn ones), newest first, as the public list."""
    queryset = Question.objects.listed_publicly()
    if topic:
        queryset = queryset.filter(topic=topic)
    if status:
        queryset = queryset.filter(status=status)
    return _with_options(queryset).order_by("-published_at", "-id")


def public_questions():
    """Every question the public detail page shows (withdrawn ones too), with their closed votes."""
    return with_votes(_with_options(Question.objects.public()))


def with_votes(queryset):
    """Prefetch the votes that may be counted (VoteQuerySet.countable(): closed questions only)."""
    return queryset.prefetch_related(
        Prefetch(
            "votes",
            queryset=Vote.objects.countable()
            .select_related("member")
            .order_by("member__full_name", "member__email", "pk"),
            to_attr="countable_votes",
        )
    )


def closed_questions():
    """Questions whose voting has closed (closed or decided): the council's vote events."""
    return with_votes(_with_options(Question.objects.filter(status__in=Question.STATUSES_WITH_RESULTS))).order_by(
        "voting_ends_at", "id"
    )


def option_data(option):
    return {
        "id": option.pk,
        "position": option.position,
        "title": option.title,
        "description": option.description,
        "pros": option.pros,
        "cons": option.cons,
        "effects": {
            "money_per_year": money(option.money_per_year),
            "fte": quantity(option.fte),
            "new_grant_ceiling": money(option.new_grant_ceiling),
            "partnership_effect": option.partnership_effect,
            "partnerships": [p.pk for p in option.partnerships.all()],
        },
    }


def question_data(question, request):
    return {
        "id": question.pk,
        "title": question.title,
        "topic": question.topic,
        "status": question.status,
        "status_label": str(question.get_status_display()),
        "question_text": question.question_text,
        "partnership": question.partnership_id,
        "goal": question.goal_id,
        "budget_year": question.budget_year,
        "published_at": question.published_at,
        "voting_starts_at": question.voting_starts_at,
        "voting_ends_at": question.voting_ends_at,
        "options": [option_data(option) for option in question.options.all()],
        "url": request.build_absolute_uri(question.get_absolute_url()),
    }


def voter_name(member):
    """Roll-call votes are public by name; an e-mail address never is."""
    return member.full_name or f"#{member.pk}"


class CouncilSize:
    """The council size of a question, counting the active members at most once per request."""

    def __init__(self):
        self._members = None

    def of(self, question):
        if question.council_size_at_close is not None:
            return question.council_size_at_close
        if question.council_size is not None:
            return question.council_size
        if self._members is None:
            self._members = council_services.effective_council_size(question)
        return self._members


def tally(question, council_size):
    """The results of a closed question from its prefetched votes, by the rules of
    `council.services.results` (which queries per question; a list must not). None while open."""
    if question.status not in Question.STATUSES_WITH_RESULTS:
        return None
    options = list(question.options.all())
    votes = question.countable_votes
    per_option = {option.pk: 0 for option in options}
    abstentions = 0
    for vote in votes:
        if vote.option_id is None:
            abstentions += 1
        else:
            per_option[vote.option_id] = per_option.get(vote.option_id, 0) + 1
    size = council_size.of(question)
    ballots = len(votes)
    for_options = ballots - abstentions
    quorum_needed = council_services.more_than(question.quorum_percent, size)
    majority_needed = council_services.more_than(question.majority_percent, for_options) if for_options else 1
    quorum_met = ballots >= quorum_needed
    ranked = sorted(options, key=lambda o: -per_option[o.pk])
    winner = None
    if not quorum_met:
        outcome = "no_quorum"
    elif not ranked or per_option[ranked[0].pk] == 0:
        outcome = "no_majority"
    elif len(ranked) > 1 and per_option[ranked[0].pk] == per_option[ranked[1].pk]:
        outcome = "tie"
    elif per_option[ranked[0].pk] >= majority_needed:
        outcome = "adopted"
        winner = ranked[0].pk
    else:
        outcome = "no_majority"
    decision = getattr(question, "decision", None) if question.status == Question.Status.DECIDED else None
    chosen = {o.pk for o in decision.chosen_options.all()} if decision else ({winner} if winner else set())
    return {
        "council_size": size,
        "ballots": ballots,
        "abstentions": abstentions,
        "quorum_needed": quorum_needed,
        "quorum_met": quorum_met,
        "majority_needed": majority_needed,
        "outcome": outcome,
        "winner": winner,
        "per_option": [
            {"option": o.pk, "title": o.title, "votes": per_option[o.pk], "chosen": o.pk in chosen} for o in options
        ],
        "votes": [{"voter": voter_name(vote.member), "option": vote.option_id} for vote in votes],
    }


def decision_data(question):
    decision = getattr(question, "decision", None) if question.status == Question.Status.DECIDED else None
    if decision is None:
        return None
    return {
        "decided_on": decision.decided_on,
        "text": decision.text,
        "chosen_options": [o.pk for o in decision.chosen_options.all()],
    }


def question_detail_data(question, request, council_size):
    data = question_data(question, request)
    data.update(
        context=question.context,
        dilemma=question.dilemma,
        results=tally(question, council_size),
        decision=decision_data(question),
    )
    return data


ORGANIZATION_ID = "velsen-gemeenteraad"


def vote_event_data(question, request, council_size):
    """A closed question in the Popolo vocabulary (as Open Raadsinformatie uses it): a motion with
    its vote event, counts per option and the named votes."""
    results = tally(question, council_size)
    chosen = [row for row in results["per_option"] if row["chosen"]]
    result = "pass" if chosen else "fail"
    decision = decision_data(question)
    url = request.build_absolute_uri(reverse("api:vote_event", args=[question.pk]))
    return {
        "id": url,
        "identifier": f"vote-event-{question.pk}",
        "motion": {
            "id": request.build_absolute_uri(question.get_absolute_url()),
            "organization_id": ORGANIZATION_ID,
            "text": question.question_text,
            "classification": question.topic,
            "date": decision["decided_on"] if decision else local_date(question.voting_ends_at),
            "requirement": f"quorum > {question.quorum_percent}%, majority > {question.majority_percent}%",
            "result": result,
        },
        "organization_id": ORGANIZATION_ID,
        "start_date": question.voting_starts_at,
        "end_date": question.voting_ends_at,
        "result": result,
        "options": [{"id": str(row["option"]), "label": row["title"]} for row in results["per_option"]]
        + [{"id": "abstain", "label": "abstain"}],
        "counts": [{"option": str(row["option"]), "value": row["votes"]} for row in results["per_option"]]
        + [{"option": "abstain", "value": results["abstentions"]}],
        "votes": [
            {"voter": {"name": vote["voter"]}, "option": str(vote["option"]) if vote["option"] else "abstain"}
            for vote in results["votes"]
        ],
    }


# --- Woo: the grants overview ---------------------------------------------------------------------


def woo_overview(year):
    """Awarded grants of `year` for the Woo publication: each organisation by name, private persons
    only as a count and a total (never named). The totals equal the budget page's committed sum."""
    rows = []
    private = {"count": 0, "granted": Decimal("0.00"), "settled": Decimal("0.00")}
    committed = Decimal("0.00")
    for application in granted_applications(year=year):
        settled = application.settled_amount if application.status == Status.SETTLED else None
        committed += settled if settled is not None else application.granted_amount
        if application.applicant_kind != Application.ApplicantKind.ORGANISATION:
            private["count"] += 1
            private["granted"] += application.granted_amount
            private["settled"] += settled or Decimal("0.00")
            continue
        rows.append(
            {
                "reference": application.reference,
                "recipient": application.organisation_name,
                "activity": application.title,
                "pillar": application.pillar,
                "pillar_label": application.get_pillar_display() if application.pillar else "",
                "amount_granted": application.granted_amount,
                "amount_settled": settled,
                "decision_date": local_date(application.decided_at),
                "settlement_date": local_date(application.settled_at) if settled is not None else None,
            }
        )
    granted_total = sum((r["amount_granted"] for r in rows), private["granted"])
    settled_total = sum((r["amount_settled"] or Decimal("0.00") for r in rows), private["settled"])
    return {
        "year": year,
        "rows": rows,
        "private": private,
        "totals": {"granted": granted_total, "settled": settled_total, "committed": committed},
    }
