"""Settings come from the environment, strictly; production mode is safe or refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from velsen_intl.settings import envbool

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "PYTEST_CURRENT_TEST"}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_the_deploy_check_finds_nothing_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-" + "x9Qz" * 10,
        DJANGO_ALLOWED_HOSTS="internationaal.velsen.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        envbool("SOME_FLAG", False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("0", False), ("False", False), ("", True)])
def test_booleans_are_parsed(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert envbool("SOME_FLAG", True) is expected
