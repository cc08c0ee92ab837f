"""The public budget page: anyone may see how the year's money is spent (Woo), never private persons."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from grants import services
from grants.models import Application, Budget


def budget(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= 2100:
        year = this_year
    figures = services.budget_figures(year)
    granted = (
        Application.objects.granted_in(year)
        .order_by("decided_at", "pk")
        .only(
            "title",
            "organisation_name",
            "applicant_kind",
            "pillar",
            "status",
            "granted_amount",
            "settled_amount",
            "decided_at",
        )
    )
    years = sorted({this_year, *Budget.objects.values_list("year", flat=True)}, reverse=True)
    budget_row = Budget.objects.filter(year=year).first()
    chart = _chart(figures)
    return render(
        request,
        "grants/budget.html",
        {
            "figures": figures,
            "budget": budget_row,
            "granted": granted,
            "years": years,
            "year": year,
            "chart": chart,
            "chart_height": 30 * len(chart),
            "breadcrumbs": [(_("Grants and budget"), None)],
        },
    )


def _chart(figures, width=400):
    """Bar geometry for the server-rendered SVG: each pillar's committed amount as a share of the ceiling."""
    ceiling = figures["ceiling"] or 1
    bars = []
    for i, row in enumerate(figures["by_pillar"]):
        share = min(max(row["committed"] / ceiling, 0), 1)
        bars.append(
            {
                "pillar": row["pillar"],
                "y": i * 30,
                "text_y": i * 30 + 15,
                "full": width,
                "width": round(share * width, 1),
            }
        )
    return bars
