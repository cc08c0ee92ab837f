"""Whole-page cache for anonymous visitors of the public pages, shared by every app server (Redis).

What is cached: a GET of one of PUBLIC_VIEWS by a visitor without a session or messages cookie,
answered 200 with HTML, setting no cookie and not marked private. The key holds the language, the
full path with its query string and a *version*. Any saved or deleted row of an app whose data the
public pages show, and any successful POST, sets a new version after the commit, so the next visitor
sees the change; PUBLIC_PAGE_CACHE_SECONDS only bounds what changes with the clock alone.

Every cached page carries an ETag and Last-Modified, and a revalidation (If-None-Match or
If-Modified-Since) is answered 304 without rendering.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

VERSION_KEY = "publicpage:version"
PUBLIC_VIEWS = frozenset(
    {
        "home",
        "pillar",
        "privacy",
        "accessibility",
        "contact",
        "partnerships:register",
        "partnerships:world",
        "partnerships:detail",
        "global_goals:dashboard",
        "global_goals:goal",
        "global_goals:kimo",
        "grants:budget",
        "council:question_list",
        "council:question_detail",
    }
)
# Apps whose rows appear on the public pages (accounts: council members' names in roll-call votes).
WATCHED_APPS = frozenset({"accounts", "global_goals", "partnerships", "grants", "council"})


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def _set_new_version():
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def bump_version():
    """Empty the public page cache now and again once the current transaction commits: a page
    rendered from the old data in between is then never served."""
    _set_new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_set_new_version)


def on_data_change(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        bump_version()


def on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and type(instance)._meta.app_label in WATCHED_APPS:
        bump_version()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(on_data_change, dispatch_uid="velsen_intl.public_cache.save")
    post_delete.connect(on_data_change, dispatch_uid="velsen_intl.public_cache.delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="velsen_intl.public_cache.m2m")


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request, version):
    path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"publicpage:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{path}"


def _finish(request, response, etag, last_modified):
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    # Browsers and proxies keep the page but ask again each time (a cheap 304 when nothing changed).
    response.headers["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400:
                bump_version()  # also covers changes written with QuerySet.update()
            return response
        if not settings.PUBLIC_PAGE_CACHE_SECONDS or not _anonymous(request):
            return self.get_response(request)

        key = _key(request, current_version())
        cached = cache.get(key)
        if cached is not None:
            content, headers, etag, last_modified = cached
            return _finish(request, HttpResponse(content, headers=headers), etag, last_modified)

        response = self.get_response(request)
        match = request.resolver_match
        if (
            response.status_code == 200
            and match is not None
            and match.view_name in PUBLIC_VIEWS
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and not request.user.is_authenticated
        ):
            etag = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
            last_modified = int(time.time())
            headers = {name: value for name, value in response.headers.items() if name.lower() != "vary"}
            cache.set(key, (response.content, headers, etag, last_modified), settings.PUBLIC_PAGE_CACHE_SECONDS)
            return _finish(request, response, etag, last_modified)
        return response
