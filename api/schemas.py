"""The shapes the open data API returns. Only public fields: nothing here can carry an e-mail
address, IBAN, phone number, a private applicant's name, an internal note or an open tally."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

Money = Annotated[
    str, Field(pattern=r"^-?[0-9]+\.[0-9]{2}$", examples=["10000.00"], description="Euros, two decimals, as text")
]
Quantity = Annotated[str, Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$", examples=["558.00"])]
PillarCode = Literal["A", "B", "C", "D"]


class Error(Schema):
    detail: str = Field(description="What went wrong, in words")
    errors: list[dict] = Field(default_factory=list, description="Per parameter, when parameters were wrong")


class Page(Schema):
    count: int = Field(description="Number of items over all pages")
    page: int
    page_size: int
    pages: int
    next: str | None = Field(description="Address of the next page, if any")
    previous: str | None


# --- budget and grants ---------------------------------------------------------------------------


class PillarBudget(Schema):
    pillar: PillarCode
    committed: Money


class Budget(Schema):
    year: int
    ceiling: Money
    committed: Money
    available: Money
    currency: Literal["EUR"]
    by_pillar: list[PillarBudget]


class Grant(Schema):
    reference: str
    year: int
    title: str
    organisation: str | None = Field(description="The recipient organisation; null for a private person")
    pillar: PillarCode | None
    status: Literal["granted", "account_submitted", "settled"]
    amount_granted: Money
    amount_settled: Money | None = Field(description="Null until the grant is settled")
    decision_date: datetime.date | None
    goals: list[int] = Field(description="Numbers of the Global Goals served")


class GrantPage(Page):
    results: list[Grant]


# --- partnerships --------------------------------------------------------------------------------


class PartnerCity(Schema):
    name: str
    country_code: str = Field(description="ISO 3166-1 alpha-2")
    country: str
    region: str


class Theme(Schema):
    slug: str
    name: str


class Partnership(Schema):
    id: int
    slug: str
    title: str
    kind: Literal["city_link", "project"]
    pillar: PillarCode
    status: Literal["proposed", "active", "dormant", "phasing_out", "ended"]
    status_label: str
    partners: list[PartnerCity]
    themes: list[Theme]
    goals: list[int]
    since: datetime.date | None
    until: datetime.date | None
    url: str = Field(description="The public page")


class PartnershipPage(Page):
    results: list[Partnership]


class StatusEvent(Schema):
    date: datetime.date
    event: str
    title: str
    from_status: str | None
    to_status: str | None
    reason: str
    decision_reference: str


class Activity(Schema):
    date: datetime.date
    kind: str
    kind_label: str
    title: str
    description: str


class PartnershipDetail(Partnership):
    summary: str
    lead: str
    transformed_from: int | None
    history: list[StatusEvent]
    activities: list[Activity]


# --- goals ---------------------------------------------------------------------------------------


class Measurement(Schema):
    measured_on: datetime.date
    value: Quantity


class Indicator(Schema):
    name: str
    unit: str
    baseline: Quantity
    target: Quantity
    current_value: Quantity
    measurements: list[Measurement]


class Contribution(Schema):
    id: int
    kind: Literal["base_level", "focus"]
    title: str
    description: str
    department: str
    period_start: datetime.date
    period_end: datetime.date | None
    budget: Money | None
    indicators: list[Indicator]


class GoalCounts(Schema):
    contributions: int
    partnerships: int
    grants: int = Field(description="Grants awarded (granted or settled) that serve the goal")


class Goal(Schema):
    number: int
    name_nl: str
    name_en: str
    colour: str
    is_focus: bool
    counts: GoalCounts
    contributions: list[Contribution]
    url: str


class GoalPage(Page):
    results: list[Goal]


# --- council -------------------------------------------------------------------------------------


class OptionEffects(Schema):
    money_per_year: Money
    fte: Quantity
    new_grant_ceiling: Money | None
    partnership_effect: Literal["none", "end", "transform"]
    partnerships: list[int]


class Option(Schema):
    id: int
    position: int
    title: str
    description: str
    pros: str
    cons: str
    effects: OptionEffects


class OptionCount(Schema):
    option: int
    title: str
    votes: int
    chosen: bool


class NamedVote(Schema):
    voter: str = Field(description="The council member's name (roll-call votes are public)")
    option: int | None = Field(description="The option voted for; null for an abstention")


class Results(Schema):
    council_size: int
    ballots: int
    abstentions: int
    quorum_needed: int
    quorum_met: bool
    majority_needed: int
    outcome: Literal["adopted", "tie", "no_majority", "no_quorum"]
    winner: int | None
    per_option: list[OptionCount]
    votes: list[NamedVote]


class DecisionOut(Schema):
    decided_on: datetime.date
    text: str
    chosen_options: list[int]


class Question(Schema):
    id: int
    title: str
    topic: Literal["A", "B", "C", "D", "finances"]
    status: Literal["published", "voting_open", "voting_closed", "decided", "withdrawn"]
    status_label: str
    question_text: str
    partnership: int | None
    goal: int | None
    budget_year: int | None
    published_at: datetime.datetime | None
    voting_starts_at: datetime.datetime | None
    voting_ends_at: datetime.datetime | None
    options: list[Option]
    url: str


class QuestionPage(Page):
    results: list[Question]


class QuestionDetail(Question):
    context: str
    dilemma: str
    results: Results | None = Field(description="Only once voting has closed; null before")
    decision: DecisionOut | None


# --- Popolo vote events --------------------------------------------------------------------------


class PopoloCount(Schema):
    option: str = Field(description="An option's id as text, or 'abstain'")
    value: int


class PopoloVoter(Schema):
    name: str


class PopoloVote(Schema):
    voter: PopoloVoter
    option: str = Field(description="An option's id as text, or 'abstain'")


class PopoloMotion(Schema):
    id: str
    organization_id: str
    text: str
    classification: str
    date: datetime.date | None
    requirement: str
    result: Literal["pass", "fail"]


class PopoloOption(Schema):
    id: str
    label: str


class VoteEvent(Schema):
    id: str
    identifier: str
    motion: PopoloMotion
    organization_id: str
    start_date: datetime.datetime | None
    end_date: datetime.datetime | None
    result: Literal["pass", "fail"]
    options: list[PopoloOption]
    counts: list[PopoloCount]
    votes: list[PopoloVote]


class VoteEventPage(Page):
    results: list[VoteEvent]
