"""Walking the project's URLs: every named route, the object behind its parameters, one request."""

from urllib.parse import urlparse

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.trust.conftest import ROLES

METHODS = ("GET", "POST")
# Counted by the tests, printed at the end of the run (see conftest.pytest_terminal_summary).
FIGURES = {"routes": set(), "cells": 0, "header_checks": 0}
FUZZ = {}  # target -> cases tried


def walk(patterns=None, namespace=()):
    """(name, pattern) of every URL pattern, recursively; `/en/` shares its names with the Dutch one."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, namespace + ((p.namespace,) if p.namespace else ()))
        elif isinstance(p, URLPattern):
            yield ":".join(namespace + (p.name or f"<unnamed {p.pattern}>",)), str(p.pattern)


def route_names():
    """Every route the matrix must decide on: all but Django admin (its own permission checks)."""
    return sorted({name for name, _pattern in walk() if not name.startswith("admin:")})


def kwargs_for(name, w):
    """The URL parameters of a route, pointing at a real object of the world (citizen A's where owned)."""
    from accounts import services as account_services

    draft, granted, q = w["draft"], w["granted"], w["question"]
    slug = w["partnership"].slug
    table = {
        "pillar": {"slug": _pillar_slug()},
        "accounts:verify_email": {"token": account_services.make_verification_token(w["citizen_a"])},
        "accounts:password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(w["citizen_a"].pk)),
            "token": default_token_generator.make_token(w["citizen_a"]),
        },
        "partnerships:detail": {"slug": slug},
        "partnerships:document": {"pk": w["document"].pk},
        "partnerships:partner_edit": {"pk": w["partner"].pk},
        "partnerships:complete_step": {"slug": slug, "step_pk": w["step"].pk},
        "partnerships:add_document": {"slug": slug, "pk": w["activity"].pk},
        "global_goals:goal": {"number": 14},
        "global_goals:manage_contribution": {"pk": w["contribution"].pk},
        "global_goals:manage_contribution_edit": {"pk": w["contribution"].pk},
        "global_goals:manage_indicator_create": {"pk": w["contribution"].pk},
        "global_goals:manage_indicator_edit": {"pk": w["indicator"].pk},
        "global_goals:manage_measurement_create": {"pk": w["indicator"].pk},
        "global_goals:manage_meeting": {"pk": w["meeting"].pk},
        "global_goals:manage_action": {"pk": w["action"].pk},
        "global_goals:manage_action_edit": {"pk": w["action"].pk},
        "grants:detail": {"pk": draft.pk},
        "grants:edit": {"pk": draft.pk},
        "grants:withdraw": {"pk": draft.pk},
        "grants:remove_attachment": {"pk": draft.pk, "attachment_pk": w["attachment"].pk},
        "grants:submitted": {"pk": granted.pk},
        "grants:answer": {"pk": granted.pk},
        "grants:account": {"pk": granted.pk},
        "grants:letter": {"pk": granted.pk},
        "grants:attachment": {"pk": granted.pk, "attachment_pk": w["granted_attachment"].pk},
        "grants:staff_detail": {"pk": granted.pk},
        "grants:staff_action": {"pk": granted.pk, "name": "note"},
        "council:option_edit": {"pk": q.pk, "option_pk": w["option"].pk},
        "api:budget": {"year": granted.year},
        "api:partnership": {"id": w["partnership"].pk},
        "api:goal": {"number": 14},
        "api:question": {"id": q.pk},
        "api:vote_event": {"id": q.pk},
        "api:grants_csv": {"year": granted.year},
        "api:woo_csv": {"year": granted.year},
    }
    if name in table:
        return table[name]
    if name.startswith("partnerships:") and name in {
        "partnerships:manage_detail",
        "partnerships:edit",
        "partnerships:change_status",
        "partnerships:transform",
        "partnerships:phase_out",
        "partnerships:log_activity",
    }:
        return {"slug": slug}
    if name.startswith("council:") and name not in {
        "council:question_list",
        "council:my_questions",
        "council:manage",
        "council:question_create",
    }:
        return {"pk": q.pk}
    return {}


def _pillar_slug():
    from velsen_intl.views import SLUG_TO_PILLAR

    return next(iter(SLUG_TO_PILLAR))


def request(w, name, role, method):
    """One request, rolled back afterwards so that the next cell sees the same world."""
    url = reverse(name, kwargs=kwargs_for(name, w))
    client = w["clients"][role]
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    if role != "anonymous":
        # A logout (or a login page) may have ended the session; the next cell starts logged in again.
        client.force_login(w[role])
    return url, response


def outcome(response):
    """The response as a table word: 200, L (to the login page), R (elsewhere), or the status code."""
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlparse(response["Location"]).path
        path = path[3:] if path.startswith("/en/") else path
        with translation.override("nl"):
            login = reverse("accounts:login")
        return "L" if path == login else "R"
    return str(response.status_code)


def expected(table_row, method, role):
    get, post = table_row
    return (get if method == "GET" else post).split()[ROLES.index(role)]
