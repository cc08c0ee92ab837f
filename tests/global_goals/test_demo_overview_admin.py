"""Demo data, the civil servant's overview and Django admin."""

import pytest
from django.urls import reverse

from global_goals import demo, overview
from global_goals.models import (
    ActionResult,
    Contribution,
    HistoryEvent,
    IndicatorMeasurement,
    Label,
    Meeting,
    Network,
    NetworkRole,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            Network,
            NetworkRole,
            Meeting,
            ActionResult,
            Contribution,
            IndicatorMeasurement,
            Label,
            HistoryEvent,
        )
    ]


def test_the_demo_loads_kimo_the_label_and_contributions_and_is_idempotent():
    make_user("ambtenaar@example.org", roles=["civil_servant"])
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first

    kimo = Network.objects.get(slug="kimo")
    roles = {role.kind for role in kimo.roles.current()}
    assert roles == {NetworkRole.Kind.CHAIR, NetworkRole.Kind.BOARD_MEMBER}
    assert kimo.meetings.filter(hosted_by_velsen=True).count() >= 3
    assert kimo.meetings.upcoming().exists() and kimo.meetings.past().exists()
    results = {r.year: (r.quantity, r.participants) for r in ActionResult.objects.all()}
    assert results[2019] == (558, 137) and results[2021][0] == 756 and results[2022][0] == 512
    assert Label.objects.get().status == Label.Status.PROPOSED
    assert Contribution.objects.base_level().count() >= 4
    focus = Contribution.objects.focus().get()
    assert focus.goal_id == 14 and focus.indicators.count() == 1
    assert HistoryEvent.objects.filter(actor__email="ambtenaar@example.org").exists()


def test_the_demo_writes_to_stdout_when_asked():
    class Out:
        lines = []

        def write(self, line):
            self.lines.append(line)

    demo.load(stdout=Out())
    assert any("KIMO" in line for line in Out.lines)


def test_the_staff_overview_counts_and_links():
    demo.load()
    result = overview.staff_overview()
    assert result["title"]
    by_url = {item["url"]: item for item in result["items"]}
    assert by_url[reverse("global_goals:manage")]["count"] == Contribution.objects.count()
    assert any(item["url"] == reverse("global_goals:manage_label") and item["count"] == 1 for item in result["items"])
    for item in result["items"]:
        assert isinstance(item["count"], int) and item["label"]


def test_the_public_pages_render_with_the_demo_data(client):
    demo.load()
    for url in (
        reverse("global_goals:dashboard"),
        reverse("global_goals:goal", args=[14]),
        reverse("global_goals:goal", args=[7]),
        reverse("global_goals:kimo"),
        "/en/global-goals/kimo/",
    ):
        assert client.get(url).status_code == 200, url


def test_admin_lists_open_for_an_administrator(admin_client_):
    demo.load()
    for model in (
        "goal",
        "contribution",
        "indicator",
        "network",
        "networkrole",
        "meeting",
        "action",
        "label",
        "historyevent",
    ):
        url = reverse(f"admin:global_goals_{model}_changelist")
        assert admin_client_.get(url).status_code == 200, url
        assert admin_client_.get(url, {"q": "KIMO"}).status_code == 200, url
