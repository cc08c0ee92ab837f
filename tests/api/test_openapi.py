"""The OpenAPI document validates, and schemathesis finds nothing: every operation, generated
parameters, no server error, every response as the document describes it."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from velsen_intl.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_the_openapi_document_validates(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    validate(document)


def test_the_document_lists_every_operation_of_the_issue(client):
    paths = json.loads(client.get("/api/v1/openapi.json").content)["paths"]

    for path in (
        "/api/v1/budget/{year}",
        "/api/v1/grants",
        "/api/v1/partnerships",
        "/api/v1/partnerships/{id}",
        "/api/v1/goals",
        "/api/v1/goals/{number}",
        "/api/v1/questions",
        "/api/v1/questions/{id}",
        "/api/v1/vote_events",
        "/api/v1/vote_events/{id}",
        "/api/v1/city-links.jsonld",
    ):
        assert "get" in paths[path], path


@pytest.fixture
def populated(world):
    """The test world, and the test's database connection kept open across WSGI calls: the
    handler closes "old" connections at the end of each request, as Django's test client
    prevents for its own calls (otherwise PostgreSQL loses the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_schemathesis_finds_nothing(case, populated):
    case.call_and_validate()
