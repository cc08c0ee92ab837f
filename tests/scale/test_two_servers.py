"""Two app servers (separate gunicorn processes) on one PostgreSQL database and one Redis: the yearly
grant ceiling holds when concurrent grants are split over both, the login lock-out counted on one
holds on the other, and a session outlives a restart of its server.

The test makes its own database (not pytest-django's test database, which the servers cannot see
inside its transaction) and drops it afterwards. It needs Redis on 127.0.0.1:6379.
"""

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
CEILING = Decimal("1000.00")
REQUESTED = Decimal("300.00")
APPLICATIONS = 8  # 8 x 300 asked, 1000 available: exactly 3 can be granted
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (test account)

SETUP = """
import json
from datetime import timedelta
from decimal import Decimal
from django.utils import timezone
from accounts.models import User
from grants.models import Application, Budget, Status
from velsen_intl.management.commands.bench_plan import session_for

year = timezone.localdate().year
servant = User.objects.create_user("servant@two.example", "{password}", full_name="Sanne Server")
servant.set_roles(["civil_servant"])
citizen = User.objects.create_user("citizen@two.example", "{password}", full_name="Chris Citizen")
citizen.set_roles(["citizen"])
Budget.objects.update_or_create(year=year, defaults={{"ceiling": Decimal("{ceiling}")}})
now = timezone.now()
ids = []
for n in range({applications}):
    ids.append(Application.objects.create(
        applicant=citizen, status=Status.IN_REVIEW, year=year, sequence=n + 1, reference=f"VI-{{year}}-{{n + 1:04d}}",
        received_at=now, completed_at=now, decision_due=(now + timedelta(weeks=8)).date(),
        applicant_kind="organisation", organisation_name=f"Stichting {{n}}", contact_name="C", title=f"Aanvraag {{n}}",
        requested_amount=Decimal("{requested}"),
    ).pk)
print("PLAN" + json.dumps({{"ids": ids, "session": session_for(servant)}}))
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _database_url(name):
    db = settings.DATABASES["default"]
    auth = urllib.parse.quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _admin(url, statement):
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(statement)


class Server:
    def __init__(self, env, port):
        self.env, self.port = env, port
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "gunicorn"), "velsen_intl.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "2", "--timeout", "60"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):  # noqa: S310 (loopback)
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the app server on port {self.port} did not start")

    def stop(self):
        if self.process is not None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=20)
            self.process = None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(url, *, cookies=None, data=None):
    """(status, headers, body) without following redirects."""
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with OPENER.open(urllib.request.Request(url, data=body, headers=headers), timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def csrf(server, path, cookies=None):
    """A CSRF token and its cookie, from a page with a form (valid on every server: same secret key)."""
    _status, headers, body = request(server.base + path, cookies=cookies)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert cookie and token, f"no CSRF token on {path}"
    return token.group(1), cookie.group(1)


@pytest.fixture(scope="module")
def cluster():
    if not _redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: this test needs it (it runs there in CI)")
    name = f"velsen_two_servers_{os.getpid()}"
    url = _database_url(name)
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    _admin(url, f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "two-servers-test-secret-" + uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("DJANGO_TESTING", None)
    servers = []
    try:
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=180)  # noqa: S603
        setup = SETUP.format(password=PASSWORD, ceiling=CEILING, requested=REQUESTED, applications=APPLICATIONS)
        output = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", setup], cwd=ROOT, env=env, check=True, timeout=60, capture_output=True, text=True
        ).stdout
        plan = json.loads(output.split("PLAN", 1)[1])
        servers = [Server(env, _free_port()), Server(env, _free_port())]
        for server in servers:
            server.start()
        yield {"servers": servers, "url": url, **plan}
    finally:
        for server in servers:
            server.stop()
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _granted(url):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*), coalesce(sum(granted_amount), 0) FROM grants_application WHERE status = 'granted'"
        ).fetchone()


def test_concurrent_grants_over_two_servers_never_exceed_the_ceiling(cluster):
    servers, ids = cluster["servers"], cluster["ids"]
    session = {settings.SESSION_COOKIE_NAME: cluster["session"]}
    token, cookie = csrf(servers[0], f"/grants/queue/{ids[0]}/", cookies=session)
    cookies = {**session, "csrftoken": cookie}
    barrier = threading.Barrier(len(ids))
    statuses = []

    def grant(index, pk):
        server = servers[index % 2]  # half of the grants through each server
        data = {
            "csrfmiddlewaretoken": token,
            "grant-amount": str(REQUESTED),
            "grant-motivation": "Past binnen de regeling.",
            "grant-out_of_order_reason": "Gelijktijdig besloten (test).",
        }
        barrier.wait(timeout=30)
        statuses.append(request(f"{server.base}/grants/queue/{pk}/grant/", cookies=cookies, data=data)[0])

    threads = [threading.Thread(target=grant, args=(i, pk)) for i, pk in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    count, total = _granted(cluster["url"])
    assert len(statuses) == len(ids)
    assert all(status < 500 for status in statuses)
    assert total <= CEILING
    assert count == int(CEILING // REQUESTED)  # as many as fit, no more


def test_the_login_lockout_counted_on_one_server_holds_on_the_other(cluster):
    a, b = cluster["servers"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        server = (a, b)[attempt % 2]
        token, cookie = csrf(server, "/accounts/login/")
        status, headers, _body = request(
            server.base + "/accounts/login/",
            cookies={"csrftoken": cookie},
            data={"csrfmiddlewaretoken": token, "username": "citizen@two.example", "password": "wrong-password-1"},
        )
        assert settings.SESSION_COOKIE_NAME + "=" not in (headers.get("Set-Cookie") or "")
    # Now the right password, on the server that saw only some of the failures: refused all the same.
    server = b if settings.AXES_FAILURE_LIMIT % 2 == 0 else a
    token, cookie = csrf(a, "/accounts/login/")
    status, headers, body = request(
        server.base + "/accounts/login/",
        cookies={"csrftoken": cookie},
        data={"csrfmiddlewaretoken": token, "username": "citizen@two.example", "password": PASSWORD},
    )
    assert status in (403, 429)
    assert settings.SESSION_COOKIE_NAME + "=" not in (headers.get("Set-Cookie") or "")


def test_a_session_outlives_a_restart_of_its_server(cluster):
    server = cluster["servers"][1]
    session = {settings.SESSION_COOKIE_NAME: cluster["session"]}
    assert request(server.base + "/grants/queue/", cookies=session)[0] == 200
    server.stop()
    server.start()
    status, _headers, body = request(server.base + "/grants/queue/", cookies=session)
    assert status == 200
    assert "Sanne" in body
