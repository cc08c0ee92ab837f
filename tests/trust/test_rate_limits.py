"""Rate limits on applying, uploading and voting: over the limit a clear 429 page, logged."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent


def _hammer(client, url, data, times):
    return [client.post(url, data) for _ in range(times)]


def _assert_limited(responses, allowed, client):
    assert all(r.status_code != 429 for r in responses[:allowed])
    last = responses[allowed]
    assert last.status_code == 429
    assert int(last["Retry-After"]) > 0
    assert "no-store" in last["Cache-Control"]
    page = last.content.decode()
    assert "<h1>" in page and ("Te veel" in page or "Too many" in page)


@pytest.mark.parametrize(
    "name, role, allowed, action",
    [
        ("grants:apply", "citizen_a", 30, "ratelimit.grants_apply"),
        ("grants:edit", "citizen_a", 30, "ratelimit.grants_apply"),
        ("grants:account", "citizen_a", 20, "ratelimit.grants_upload"),
        ("partnerships:log_activity", "civil_servant", 60, "ratelimit.partnerships_upload"),
        ("partnerships:add_document", "civil_servant", 60, "ratelimit.partnerships_upload"),
        ("council:vote", "council_member", 10, "ratelimit.council_vote"),
    ],
)
def test_too_many_posts_get_the_429_page_and_an_audit_line(world, name, role, allowed, action):
    from tests.trust.matrix import kwargs_for

    url = reverse(name, kwargs=kwargs_for(name, world))
    client = world["clients"][role]
    responses = _hammer(client, url, {}, allowed + 1)
    _assert_limited(responses, allowed, client)
    refused = AuditEvent.objects.filter(action=action, result=AuditEvent.Result.REFUSED, actor=world[role])
    assert refused.count() == 1


def test_the_limit_is_per_person(world):
    url = reverse("council:vote", args=[world["question"].pk])
    _hammer(world["clients"]["council_member"], url, {}, 11)
    from tests.factories import make_user

    other = make_user("raad2@velsen.example", roles=["council_member"])
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert client.post(url, {}).status_code == 400  # their own (empty) vote is judged normally


def test_a_vote_over_the_limit_does_not_count(world):
    from council.models import Vote

    question, option = world["question"], world["option"]
    url = reverse("council:vote", args=[question.pk])
    client = world["clients"]["council_member"]
    _hammer(client, url, {}, 10)
    response = client.post(url, {"choice": str(option.pk)})
    assert response.status_code == 429
    assert not Vote.objects.filter(question=question, member=world["council_member"]).exists()


def test_reading_pages_is_not_limited(world):
    client = world["clients"]["citizen_a"]
    url = reverse("grants:apply")
    assert all(client.get(url).status_code == 200 for _ in range(35))
