"""The open data API: read-only, anonymous, JSON, under /api/v1/ (django-ninja).

Errors are JSON `{"detail": ..., "errors": [...]}`: 400 for bad parameters, 404 for what does not
exist or is not public. The OpenAPI document is at /api/v1/openapi.json; the docs page (api.views)
is rendered from it by the portal itself, without outside assets.
"""

import json
import math
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError

from api import public, schemas
from grants import services as grant_services
from velsen_intl.pillars import Pillar

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 2_147_483_647  # the largest id any table holds; larger numbers are refused with 400
ERRORS = {400: schemas.Error, 404: schemas.Error}

api = NinjaAPI(
    title="Velsen Internationaal open data",
    version="1.0.0",
    description=(
        "Public, read-only data of Velsen Internationaal: the grant budget, awarded grants, "
        "partnerships, the Global Goals and council questions with their votes (Popolo vote events). "
        'Amounts are decimal strings in euros ("10000.00"). Lists are paginated with `page` and '
        "`page_size` (at most 100). Responses carry an ETag; send If-None-Match to get 304."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    errors = [
        {"parameter": ".".join(str(part) for part in error.get("loc", [])[1:]), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors) or "Invalid parameters"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found", "errors": []}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


Page = Query(1, ge=1, le=100_000, description="Page number, from 1")
PageSize = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 100")
Year = Query(None, ge=2000, le=2100, description="Budget year")
Id = Path(..., ge=1, le=MAX_ID)
PillarFilter = Query(None, description="Pillar A, B, C or D")


def paginate(request, items, page, page_size, serialise):
    """Slice a QuerySet (one COUNT and one SELECT plus its prefetches) into the page envelope."""
    count = items.count()
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise Http404(f"There is no page {page}; the last page is {pages}.")
    start = (page - 1) * page_size
    rows = list(items[start : start + page_size])

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        query["page_size"] = str(page_size)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [serialise(row) for row in rows],
    }


# --- budget and grants ---------------------------------------------------------------------------


@api.get("/budget/{year}", response={200: schemas.Budget, **ERRORS}, tags=["grants"], summary="Budget of a year")
def budget(request, year: int = Path(..., ge=2000, le=2100, description="Calendar year")):
    """The year's ceiling, what is committed and what is available, per pillar: the same figures as
    the public budget page (grants.services.budget_figures)."""
    figures = grant_services.budget_figures(year)
    return {
        "year": figures["year"],
        "ceiling": public.money(figures["ceiling"]),
        "committed": public.money(figures["committed"]),
        "available": public.money(figures["available"]),
        "currency": "EUR",
        "by_pillar": [
            {"pillar": row["pillar"], "committed": public.money(row["committed"])} for row in figures["by_pillar"]
        ],
    }


@api.get("/grants", response={200: schemas.GrantPage, **ERRORS}, tags=["grants"], summary="Awarded grants")
def grants(
    request,
    year: int | None = Year,
    pillar: Pillar | None = PillarFilter,
    page: int = Page,
    page_size: int = PageSize,
):
    """Granted (and settled) applications. A private person is never named: `organisation` is
    null for them."""
    items = public.granted_applications(year=year, pillar=pillar)
    return paginate(request, items, page, page_size, public.grant_data)


# --- partnerships --------------------------------------------------------------------------------

PartnershipKind = Literal["city_link", "project"]
PartnershipStatus = Literal["proposed", "active", "dormant", "phasing_out", "ended"]


@api.get(
    "/partnerships", response={200: schemas.PartnershipPage, **ERRORS}, tags=["partnerships"], summary="Partnerships"
)
def partnerships(
    request,
    kind: PartnershipKind | None = None,
    status: PartnershipStatus | None = None,
    pillar: Pillar | None = None,
    country: str | None = Query(None, pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code"),
    theme: str | None = Query(None, pattern="^[-a-zA-Z0-9_]{1,80}$", description="Theme slug"),
    page: int = Page,
    page_size: int = PageSize,
):
    """City links and project-based cooperations with their partners, themes and goals."""
    items = public.partnerships(kind=kind, status=status, pillar=pillar, country=country, theme=theme)
    return paginate(request, items, page, page_size, lambda p: public.partnership_data(p, request))


@api.get(
    "/partnerships/{id}",
    response={200: schemas.PartnershipDetail, **ERRORS},
    tags=["partnerships"],
    summary="One partnership",
    url_name="partnership",
)
def partnership(request, id: int = Id):  # noqa: A002 - the path parameter's public name
    """One partnership with its status history and activities."""
    found = get_object_or_404(public.partnership_with_details(), pk=id)
    return public.partnership_detail_data(found, request)


@api.get(
    "/city-links.jsonld",
    response={200: dict},
    tags=["partnerships"],
    summary="City links as linked data (JSON-LD)",
    url_name="city_links_jsonld",
    openapi_extra={
        "responses": {
            "200": {
                "description": "A JSON-LD document",
                "content": {"application/ld+json": {"schema": {"type": "object", "required": ["@context", "@graph"]}}},
            }
        }
    },
)
def city_links(request):
    """Velsen and its partner cities, linked by Wikidata's "twinned administrative body" (P190),
    each link qualified with its start time (P580) and end time (P582)."""
    from api import linked_data

    document = linked_data.city_links_document(request)
    return HttpResponse(json.dumps(document, cls=DjangoJSONEncoder), content_type="application/ld+json")


# --- goals ---------------------------------------------------------------------------------------


@api.get("/goals", response={200: schemas.GoalPage, **ERRORS}, tags=["goals"], summary="The 17 Global Goals")
def goals(
    request,
    focus: bool | None = Query(None, description="Only the focus goals"),
    page: int = Page,
    page_size: int = PageSize,
):
    """The goals with Velsen's contributions, their indicators, and counts of partnerships and grants."""
    items = public.goals()
    if focus is not None:
        items = items.filter(is_focus=focus)
    return paginate(request, items, page, page_size, lambda g: public.goal_data(g, request))


@api.get("/goals/{number}", response={200: schemas.Goal, **ERRORS}, tags=["goals"], summary="One Global Goal")
def goal(request, number: int = Path(..., ge=1, le=MAX_ID, description="Goal number, 1 to 17")):
    found = get_object_or_404(public.goals(), number=number)
    return public.goal_data(found, request)


# --- council -------------------------------------------------------------------------------------

QuestionStatus = Literal["published", "voting_open", "voting_closed", "decided"]
Topic = Literal["A", "B", "C", "D", "finances"]


@api.get("/questions", response={200: schemas.QuestionPage, **ERRORS}, tags=["council"], summary="Council questions")
def questions(
    request,
    topic: Topic | None = None,
    status: QuestionStatus | None = None,
    page: int = Page,
    page_size: int = PageSize,
):
    """Published questions to the council with their options and effects (results: see the
    question itself or the vote events)."""
    items = public.listed_questions(topic=topic, status=status)
    return paginate(request, items, page, page_size, lambda q: public.question_data(q, request))


@api.get("/questions/{id}", response={200: schemas.QuestionDetail, **ERRORS}, tags=["council"], summary="One question")
def question(request, id: int = Id):  # noqa: A002
    """A published question; its results and named votes only once voting has closed."""
    found = get_object_or_404(public.public_questions(), pk=id)
    return public.question_detail_data(found, request, public.CouncilSize())


@api.get(
    "/vote_events", response={200: schemas.VoteEventPage, **ERRORS}, tags=["council"], summary="Popolo vote events"
)
def vote_events(request, page: int = Page, page_size: int = PageSize):
    """Every question whose voting has closed, as a Popolo motion with its vote event."""
    size = public.CouncilSize()
    return paginate(
        request, public.closed_questions(), page, page_size, lambda q: public.vote_event_data(q, request, size)
    )


@api.get(
    "/vote_events/{id}",
    response={200: schemas.VoteEvent, **ERRORS},
    tags=["council"],
    summary="One Popolo vote event",
    url_name="vote_event",
)
def vote_event(request, id: int = Id):  # noqa: A002
    found = get_object_or_404(public.closed_questions(), pk=id)
    return public.vote_event_data(found, request, public.CouncilSize())
