"""`manage.py bench_plan`: what `make bench` loads, as JSON, from the database in DATABASE_URL.

Prints {pages: [{name, path, public, role}], cookies: {role: "sessionid=..."}, queries: {path: n},
home_first_view_bytes}. Sessions for the bench's users are written straight into the session store
(the second factor belongs to the login, which the bench does not measure). Queries are counted with
Django's test client on the same database, for a page rendered from scratch (the public page cache
emptied first: a cached page costs none).
"""

import gzip
import json
import re
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from velsen_intl.middleware import LAST_SEEN_KEY
from velsen_intl.public_cache import bump_version

ROLES = {
    "civil_servant": "ambtenaar@example.org",
    "citizen": "inwoner@example.org",
    "council_member": "raadslid1@example.org",
}
ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/static/[^"]+)"')


def pages():
    """The pages of issue 9, found in whatever data the database holds (bench or demo)."""
    from council.models import Question
    from grants.models import Application
    from partnerships.models import Partnership

    year = timezone.localdate().year
    partnership = (
        Partnership.objects.filter(slug__startswith="bench-").order_by("pk").first()
        or Partnership.objects.order_by("pk").first()
    )
    decided = Question.objects.filter(status=Question.Status.DECIDED).order_by("pk")
    question = decided.filter(title__startswith="Raadsvraag ").first() or decided.first()
    application = Application.objects.open().in_queue_order().first()
    rows = [
        ("home", "/", True, ""),
        ("public budget", "/grants/budget/", True, ""),
        ("grants granted list (last year)", f"/grants/budget/?year={year - 1}", True, ""),
        ("partnership register", "/partnerships/", True, ""),
        ("partnership page", partnership.get_absolute_url() if partnership else None, True, ""),
        ("goals dashboard", "/global-goals/", True, ""),
        ("goal 14", "/global-goals/goals/14/", True, ""),
        ("decided question", question.get_absolute_url() if question else None, True, ""),
        ("civil servant: queue", "/grants/queue/", False, "civil_servant"),
        ("civil servant: application", application.get_staff_url() if application else None, False, "civil_servant"),
        ("citizen: my applications", "/grants/my-applications/", False, "citizen"),
        ("council member: open questions", "/council/my/", False, "council_member"),
    ]
    return [{"name": n, "path": p, "public": pub, "role": r} for n, p, pub, r in rows if p]


def session_for(user):
    """A logged-in session written straight into the session store; returns its key."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[LAST_SEEN_KEY] = time.time()
    store.create()
    return store.session_key


def count_queries(path, session_key=None):
    client = Client(SERVER_NAME="127.0.0.1")
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    bump_version()  # render from scratch
    client.get(path)  # warm what every process has warm (content types, translations)
    bump_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}")
    return len(captured), response


def compressed_size(data):
    return len(gzip.compress(data, compresslevel=9))


def first_view_bytes(html):
    """The page plus every asset it references, gzip-compressed as whitenoise serves them."""
    total = compressed_size(html)
    static_root = Path(settings.STATIC_ROOT)
    for url in sorted(set(ASSET.findall(html.decode()))):
        name = url[len(settings.STATIC_URL) :]
        path = static_root / name
        if not path.exists():
            from django.contrib.staticfiles import finders

            found = finders.find(name)
            path = Path(found) if found else None
        if path is None:
            continue
        gz = Path(str(path) + ".gz")
        total += gz.stat().st_size if gz.exists() else compressed_size(path.read_bytes())
    return total


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def handle(self, *args, **options):
        User = get_user_model()
        cookies = {}
        for role, email in ROLES.items():
            user = User.objects.filter(email=email).first()
            if user is None:
                raise CommandError(f"{email} is missing: run bench_data (or load_demo) first")
            cookies[role] = session_for(user)
        plan = pages()
        queries = {}
        home_html = b""
        for page in plan:
            session_key = cookies.get(page["role"])
            n, response = count_queries(page["path"], session_key)
            queries[page["path"]] = n
            if page["path"] == "/":
                home_html = response.content
        self.stdout.write(
            json.dumps(
                {
                    "pages": plan,
                    "cookies": {role: f"{settings.SESSION_COOKIE_NAME}={key}" for role, key in cookies.items()},
                    "queries": queries,
                    "home_first_view_bytes": first_view_bytes(home_html),
                },
                indent=2,
            )
        )
