"""CSV downloads of the public data, made to open in a spreadsheet.

UTF-8 with a byte order mark. Two dialects (`?dialect=`): `nl` (the default: `;` between fields and
a decimal comma, as Dutch spreadsheet programs expect) and `international` (`,` and a decimal
point, RFC 4180). Dates are ISO 8601 (2026-03-01). Text that a spreadsheet would take for a
formula (starting with =, +, -, @) is prefixed with an apostrophe.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from api import public
from api.http import cacheable
from council.models import Question

DIALECTS = {"nl": (";", ","), "international": (",", ".")}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
YEARS = range(2000, 2101)


def legal_basis():
    return _("General Subsidy Bylaw of Velsen; title 4.2 of the General Administrative Law Act (Awb)")


def _cell(value, decimal_mark):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", decimal_mark)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_response(request, filename, header, rows):
    dialect = request.GET.get("dialect", "nl")
    if dialect not in DIALECTS:
        return HttpResponse(
            _("Unknown dialect: use nl or international."), status=400, content_type="text/plain; charset=utf-8"
        )
    delimiter, decimal_mark = DIALECTS[dialect]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value, decimal_mark) for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _year(year):
    if year not in YEARS:
        raise Http404
    return year


@require_GET
@cacheable
def grants_csv(request, year):
    """Awarded grants of a year: the budget page's table with the decision dates and goals."""
    year = _year(year)
    header = [
        "reference",
        "year",
        "title",
        "organisation",
        "pillar",
        "status",
        "amount_granted",
        "amount_settled",
        "decision_date",
        "goals",
    ]
    rows = []
    for application in public.granted_applications(year=year):
        data = public.grant_data(application)
        rows.append(
            [
                data["reference"],
                data["year"],
                data["title"],
                data["organisation"],
                data["pillar"],
                data["status"],
                application.granted_amount,
                application.settled_amount if data["amount_settled"] is not None else None,
                data["decision_date"],
                " ".join(str(n) for n in data["goals"]),
            ]
        )
    return csv_response(request, f"velsen-grants-{year}.csv", header, rows)


@require_GET
@cacheable
def partnerships_csv(request):
    header = [
        "id",
        "title",
        "kind",
        "pillar",
        "status",
        "partners",
        "countries",
        "themes",
        "goals",
        "since",
        "until",
        "url",
    ]
    rows = []
    for partnership in public.partnerships():
        data = public.partnership_data(partnership, request)
        rows.append(
            [
                data["id"],
                data["title"],
                data["kind"],
                data["pillar"],
                data["status"],
                " | ".join(p["name"] for p in data["partners"]),
                " | ".join(p["country_code"] for p in data["partners"]),
                " | ".join(t["name"] for t in data["themes"]),
                " ".join(str(n) for n in data["goals"]),
                data["since"],
                data["until"],
                data["url"],
            ]
        )
    return csv_response(request, "velsen-partnerships.csv", header, rows)


@require_GET
@cacheable
def contributions_csv(request):
    """One row per contribution to a goal, its indicators in one column."""
    header = [
        "goal",
        "goal_name_nl",
        "goal_name_en",
        "contribution_id",
        "kind",
        "title",
        "department",
        "period_start",
        "period_end",
        "budget",
        "indicators",
    ]
    decimal_mark = DIALECTS.get(request.GET.get("dialect", "nl"), DIALECTS["nl"])[1]

    def number(value):
        return f"{value:.2f}".replace(".", decimal_mark)

    rows = []
    for goal in public.goals():
        for contribution in goal.contributions.all():
            indicators = " | ".join(
                f"{i.name}: {number(i.current_value)} / {number(i.target)} {i.unit}"
                for i in contribution.indicators.all()
            )
            rows.append(
                [
                    goal.number,
                    goal.name_nl,
                    goal.name_en,
                    contribution.pk,
                    contribution.kind,
                    contribution.title,
                    contribution.department,
                    contribution.period_start,
                    contribution.period_end,
                    contribution.budget,
                    indicators,
                ]
            )
    return csv_response(request, "velsen-goal-contributions.csv", header, rows)


@require_GET
@cacheable
def votes_csv(request):
    """Decided questions with their named votes: one row per vote (abstentions included)."""
    header = ["question_id", "question", "decided_on", "outcome", "chosen_options", "voter", "vote"]
    rows = []
    size = public.CouncilSize()
    for question in public.closed_questions().filter(status=Question.Status.DECIDED):
        results = public.tally(question, size)
        titles = {row["option"]: row["title"] for row in results["per_option"]}
        chosen = " | ".join(row["title"] for row in results["per_option"] if row["chosen"])
        decision = public.decision_data(question)
        for vote in results["votes"]:
            rows.append(
                [
                    question.pk,
                    question.title,
                    decision["decided_on"] if decision else None,
                    results["outcome"],
                    chosen,
                    vote["voter"],
                    titles.get(vote["option"], "") if vote["option"] else "abstain",
                ]
            )
    return csv_response(request, "velsen-council-votes.csv", header, rows)


@require_GET
@cacheable
def woo_csv(request, year):
    """The Woo overview of a year's grants as CSV (private persons only as one summed line)."""
    overview = public.woo_overview(_year(year))
    header = [
        "year",
        "legal_basis",
        "reference",
        "recipient",
        "activity",
        "pillar",
        "amount_granted",
        "amount_settled",
        "decision_date",
        "settlement_date",
    ]
    basis = legal_basis()
    rows = [
        [
            year,
            basis,
            row["reference"],
            row["recipient"],
            row["activity"],
            row["pillar"],
            row["amount_granted"],
            row["amount_settled"],
            row["decision_date"],
            row["settlement_date"],
        ]
        for row in overview["rows"]
    ]
    private = overview["private"]
    if private["count"]:
        rows.append(
            [
                year,
                basis,
                "",
                ngettext(
                    "Private persons (%(count)s grant, not named)",
                    "Private persons (%(count)s grants, not named)",
                    private["count"],
                )
                % {"count": private["count"]},
                "",
                "",
                private["granted"],
                private["settled"],
                None,
                None,
            ]
        )
    return csv_response(request, f"velsen-woo-grants-{year}.csv", header, rows)
