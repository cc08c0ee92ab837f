"""`bench_data` builds its own database once per scale; `bench_plan` says what to load."""

import io
import json

import pytest
from django.core.management import call_command

from velsen_intl.management.commands.bench_data import Builder, read_marker


def test_bench_data_builds_its_own_database_once_per_scale(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    out = io.StringIO()
    call_command("bench_data", scale=1, database_url=url, stdout=out)
    assert read_marker(url) == 1
    assert "Building" in out.getvalue()

    again = io.StringIO()
    call_command("bench_data", scale=1, database_url=url, stdout=again)
    assert "already holds scale 1" in again.getvalue()


@pytest.mark.django_db
def test_bench_plan_lists_the_pages_with_sessions_queries_and_the_home_page_weight():
    Builder(1, seed=1, stdout=io.StringIO()).build()
    out = io.StringIO()
    call_command("bench_plan", stdout=out)
    plan = json.loads(out.getvalue())

    assert len(plan["pages"]) == 12
    assert {page["role"] for page in plan["pages"]} == {"", "civil_servant", "citizen", "council_member"}
    assert all(value.startswith("sessionid=") for value in plan["cookies"].values())
    assert all(0 < plan["queries"][page["path"]] <= 12 for page in plan["pages"])
    assert 0 < plan["home_first_view_bytes"] <= 60 * 1024
