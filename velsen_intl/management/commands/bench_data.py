"""`manage.py bench_data --scale N`: the data set `make bench` measures, in its own database.

The bench database is a SQLite file (var/bench.sqlite3) unless --database-url or BENCH_DATABASE_URL
names a PostgreSQL database (`velsen_bench`). It is rebuilt from scratch (dropped, migrated, the demo
loaded) unless it already holds the data of the same scale, so running it twice is cheap. Rows are
written with bulk_create, in dependency order, so that x100 takes seconds, not minutes.

Scale 1 is about the demo; scale 100 (the default) is roughly: 20,000 grant applications over six
years with cost lines, goals and history; 2,000 applicants; 500 partnerships with 5,000 activities;
340 contributions to the goals with indicators and measurements; 200 council questions with the votes
of a council of 35; 10,000 audit events (the plain reference page lists them).
"""

import datetime
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CHILD_FLAG = "VELSEN_BENCH_CHILD"
COUNCIL_SIZE = 35
BENCH_PASSWORD = "velsen-bench"  # noqa: S105  (bench-only accounts in the bench database)


def bench_database_url(explicit=""):
    url = explicit or os.environ.get("BENCH_DATABASE_URL", "")
    return url or f"sqlite:///{settings.BASE_DIR / 'var' / 'bench.sqlite3'}"


def read_marker(url):
    """The scale the bench database holds, or None (missing database, table or marker)."""
    config = dj_database_url.parse(url)
    try:
        if config["ENGINE"].endswith("sqlite3"):
            import sqlite3

            if not Path(config["NAME"]).exists():
                return None
            with sqlite3.connect(config["NAME"]) as conn:
                row = conn.execute("SELECT scale FROM bench_meta").fetchone()
        else:
            import psycopg

            with psycopg.connect(url) as conn:
                row = conn.execute("SELECT scale FROM bench_meta").fetchone()
    except Exception:  # no database or no marker table yet: build it
        return None
    return row[0] if row else None


def recreate_database(url):
    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("sqlite3"):
        path = Path(config["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100, help="times the demo data (default 100)")
        parser.add_argument("--database-url", default="", help="default: BENCH_DATABASE_URL or var/bench.sqlite3")
        parser.add_argument("--force", action="store_true", help="rebuild even when the scale is already there")
        parser.add_argument("--seed", type=int, default=9, help="random seed (the same data every time)")

    def handle(self, *args, scale, database_url, force, seed, **options):
        if scale < 1:
            raise SystemExit("--scale must be 1 or more")
        if os.environ.get(CHILD_FLAG) == "1":
            started = time.monotonic()
            Builder(scale, seed, self.stdout).build()
            self.stdout.write(self.style.SUCCESS(f"Bench data x{scale} built in {time.monotonic() - started:.1f} s."))
            return
        url = bench_database_url(database_url)
        if not force and read_marker(url) == scale:
            self.stdout.write(f"The bench database already holds scale {scale}: {url}")
            return
        self.stdout.write(f"Building the bench data x{scale} in {url} ...")
        recreate_database(url)
        # The demo's e-mails go nowhere: the bench database has no real people in it.
        env = {
            **os.environ,
            "DATABASE_URL": url,
            CHILD_FLAG: "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        # Building data signs nothing that outlives the run; a key is only needed for Django to start.
        env.setdefault("DJANGO_SECRET_KEY", "bench-data-build-only-" + "x" * 40)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [*manage, "bench_data", "--scale", str(scale), "--seed", str(seed)], env=env, check=True
        )


def _at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=AMSTERDAM)


class Builder:
    def __init__(self, scale, seed, stdout, tag=""):
        self.scale = scale
        self.tag = tag  # a second data set in the same database gets other names (tests build two)
        self.random = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.year = self.today.year

    def log(self, text):
        self.stdout.write(f"  {text}")

    def build(self):
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:  # a scratch database: no fsync per commit while building
                cursor.execute("PRAGMA synchronous=OFF")
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (discard the demo's chatter)
        with transaction.atomic():
            self.users()
            self.partnerships()
            self.goals()
            self.grants()
            self.council()
            self.audit()
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (scale integer NOT NULL)")
                cursor.execute("DELETE FROM bench_meta")
                cursor.execute("INSERT INTO bench_meta (scale) VALUES (%s)", [self.scale])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # --- accounts ---------------------------------------------------------------------------
    def users(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from accounts.roles import Role

        User = get_user_model()
        password = make_password(BENCH_PASSWORD)
        now = timezone.now()
        citizens = [
            User(
                email=f"burger{self.tag}{n}@bench.example",
                full_name=f"Burger {n}",
                password=password,
                email_verified_at=now,
            )
            for n in range(20 * self.scale)
        ]
        have = User.objects.filter(groups__name=Role.COUNCIL_MEMBER).count()
        members = [
            User(email=f"raadslid{self.tag}{n}@bench.example", full_name=f"Raadslid {n:02d}", password=password)
            for n in range(max(COUNCIL_SIZE - have, 0))
        ]
        User.objects.bulk_create(citizens + members, batch_size=2000)
        through = User.groups.through
        citizen_group = Group.objects.get_or_create(name=str(Role.CITIZEN))[0]
        member_group = Group.objects.get_or_create(name=str(Role.COUNCIL_MEMBER))[0]
        through.objects.bulk_create(
            [through(user_id=u.pk, group_id=citizen_group.pk) for u in citizens]
            + [through(user_id=u.pk, group_id=member_group.pk) for u in members],
            batch_size=5000,
        )
        self.citizens = citizens
        self.citizen = User.objects.get(email="inwoner@example.org")
        self.servant = User.objects.get(email="ambtenaar@example.org")
        self.members = list(User.objects.filter(groups__name=Role.COUNCIL_MEMBER).order_by("pk"))
        self.log(f"{len(citizens)} applicants, a council of {len(self.members)}")

    # --- partnerships -----------------------------------------------------------------------
    def partnerships(self):
        from partnerships.models import Activity, Partner, Partnership, StatusChange, Theme

        rnd = self.random
        countries = ["DE", "BE", "FR", "GB", "DK", "NO", "SE", "PL", "ES", "IT", "CN", "LK", "US", "ZA", "MA", "TR"]
        partners = [
            Partner(
                name=f"Bench-stad {self.tag}{n}", country_code=countries[n % len(countries)], region=f"Regio {n % 40}"
            )
            for n in range(3 * self.scale)
        ]
        Partner.objects.bulk_create(partners, batch_size=2000)
        statuses = [s for s, _label in Partnership.Status.choices]
        rows = []
        for n in range(5 * self.scale):
            kind = Partnership.Kind.CITY_LINK if n % 3 == 0 else Partnership.Kind.PROJECT
            since = datetime.date(1950 + n % 70, 1 + n % 12, 1 + n % 28)
            status = statuses[n % len(statuses)]
            rows.append(
                Partnership(
                    title=f"Samenwerking {n:04d} {'stedenband' if kind == Partnership.Kind.CITY_LINK else 'project'}",
                    slug=f"bench-{self.tag}{n:04d}",
                    kind=kind,
                    pillar="B" if kind == Partnership.Kind.CITY_LINK else "ADA"[n % 3],
                    status=status,
                    summary="Een samenwerking uit de benchgegevens. " * 4,
                    since=since,
                    until=since + datetime.timedelta(days=365 * 20) if status == Partnership.Status.ENDED else None,
                    lead=Partnership.Lead.MAYOR,
                    lead_name="Burgemeester",
                    official_contact="Team Internationaal",
                )
            )
        partnerships = Partnership.objects.bulk_create(rows, batch_size=1000)
        themes = list(Theme.objects.values_list("pk", flat=True))
        partner_link = Partnership.partners.through
        goal_link = Partnership.goals.through
        theme_link = Partnership.themes.through
        links, goals, theme_rows, history, activities = [], [], [], [], []
        for n, p in enumerate(partnerships):
            for partner in rnd.sample(partners, 2):
                links.append(partner_link(partnership_id=p.pk, partner_id=partner.pk))
            # Every third partnership serves goal 14 (the focus), so even scale 1 has some on its page.
            for goal in {1 + n % 17, 14} if n % 3 == 0 else rnd.sample(range(1, 18), 2):
                goals.append(goal_link(partnership_id=p.pk, goal_id=goal))
            if themes:
                theme_rows.append(theme_link(partnership_id=p.pk, theme_id=themes[n % len(themes)]))
            history.append(
                StatusChange(
                    partnership=p,
                    event=StatusChange.Event.CREATED,
                    at=_at(p.since),
                    actor=self.servant,
                    to_status=Partnership.Status.PROPOSED,
                    reason="Geregistreerd.",
                )
            )
            history.append(
                StatusChange(
                    partnership=p,
                    event=StatusChange.Event.STATUS,
                    at=_at(p.since) + datetime.timedelta(days=30),
                    actor=self.servant,
                    from_status=Partnership.Status.PROPOSED,
                    to_status=p.status,
                    reason="Besluit van het college.",
                )
            )
            for a in range(10):
                activities.append(
                    Activity(
                        partnership=p,
                        kind=Activity.Kind.values[a % len(Activity.Kind.values)],
                        date=self.today - datetime.timedelta(days=37 * a + n % 30),
                        title=f"Activiteit {a + 1} van {p.title}",
                        participants="Delegatie van de gemeente",
                        costs=Decimal(100 * (a % 7)),
                        logged_by=self.servant,
                    )
                )
        partner_link.objects.bulk_create(links, batch_size=5000)
        goal_link.objects.bulk_create(goals, batch_size=5000)
        theme_link.objects.bulk_create(theme_rows, batch_size=5000)
        StatusChange.objects.bulk_create(history, batch_size=5000)
        Activity.objects.bulk_create(activities, batch_size=5000)
        self.partnership_ids = [p.pk for p in partnerships]
        self.log(f"{len(partnerships)} partnerships, {len(activities)} activities")

    # --- global goals -----------------------------------------------------------------------
    def goals(self):
        from global_goals.models import Contribution, Indicator, IndicatorMeasurement

        per_goal = max(self.scale // 5, 1)
        rows = []
        for goal in range(1, 18):
            for n in range(per_goal):
                rows.append(
                    Contribution(
                        goal_id=goal,
                        kind=Contribution.Kind.FOCUS if goal == 14 and n < 2 else Contribution.Kind.BASE_LEVEL,
                        title=f"Bijdrage {self.tag}{n + 1} aan doel {goal}",
                        description="Regulier beleid dat aan dit doel bijdraagt.",
                        department="Beleid",
                        period_start=datetime.date(self.year - 4, 1, 1),
                        period_end=None if n % 4 else datetime.date(self.year + 2, 12, 31),
                        budget=Decimal(1000 * (n % 9 + 1)),
                    )
                )
        contributions = Contribution.objects.bulk_create(rows, batch_size=2000)
        indicators = Indicator.objects.bulk_create(
            [Indicator(contribution=c, name="Bereikte mensen", unit="mensen", target=1000) for c in contributions],
            batch_size=2000,
        )
        IndicatorMeasurement.objects.bulk_create(
            [
                IndicatorMeasurement(
                    indicator=i, measured_on=datetime.date(self.year - y, 12, 31), value=Decimal(100 * (5 - y))
                )
                for i in indicators
                for y in range(1, 5)
            ],
            batch_size=5000,
        )
        self.log(f"{len(rows)} contributions to the goals, with indicators and measurements")

    # --- grants -----------------------------------------------------------------------------
    def grants(self):
        from django.db.models import Max

        from grants.models import Application, ApplicationEvent, Budget, CostLine, Status

        rnd = self.random
        years = list(range(self.year - 5, self.year + 1))
        ceiling = Decimal(10_000 * max(self.scale // 10, 1))
        for year in years:
            Budget.objects.update_or_create(year=year, defaults={"ceiling": ceiling})
        per_year = 200 * self.scale // len(years)
        pillars = ["A", "B", "C", "D"]
        apps = []
        for year in years:
            sequence = Application.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0
            committed = Application.objects.in_year(year).committed_total()  # the demo's grants count too
            for n in range(per_year):
                sequence += 1
                # The bench citizen has 2 x scale applications, the rest spread over the applicants.
                applicant = self.citizen if n < 2 * self.scale // len(years) else rnd.choice(self.citizens)
                received = _at(datetime.date(year, 1, 1) + datetime.timedelta(days=n * 360 // per_year), 9)
                if received.date() > self.today:
                    received = _at(self.today - datetime.timedelta(days=rnd.randint(0, 60)), 9)
                requested = Decimal(rnd.randrange(250, 2500, 50)).quantize(Decimal("0.01"))
                status = self._status(year, n, per_year)
                granted = None
                settled = None
                if status in (Status.GRANTED, Status.ACCOUNT_SUBMITTED, Status.SETTLED):
                    amount = requested if status != Status.SETTLED else requested
                    if committed + amount > ceiling:
                        status = Status.REFUSED
                    else:
                        granted = amount
                        settled = (amount * Decimal("0.9")).quantize(Decimal("0.01"))
                        committed += settled if status == Status.SETTLED else amount
                if status != Status.SETTLED:
                    settled = None
                org = n % 3 != 0
                apps.append(
                    Application(
                        applicant=applicant,
                        status=status,
                        year=year,
                        sequence=sequence,
                        reference=f"VI-{year}-{sequence:04d}",
                        received_at=received,
                        completed_at=received,
                        decision_due=(received + datetime.timedelta(weeks=8)).date(),
                        applicant_kind=Application.ApplicantKind.ORGANISATION
                        if org
                        else Application.ApplicantKind.PERSON,
                        contact_name=f"Contact {n}",
                        organisation_name=f"Stichting Bench {n % 500}" if org else "",
                        kvk_number=f"{40000000 + n % 500}" if org else "",
                        address="Dudokplein 1, 1971 EN IJmuiden",
                        contact_email=applicant.email,
                        iban="NL91ABNA0417164300",
                        account_holder=f"Stichting Bench {n % 500}" if org else f"Contact {n}",
                        title=f"Activiteit {year}-{n:05d}",
                        pillar=pillars[n % 4],
                        partnership_id=self.partnership_ids[n % len(self.partnership_ids)] if n % 2 else None,
                        activity_plan="Wat we gaan doen, voor wie en met welk resultaat. " * 3,
                        start_date=datetime.date(year, 3, 1),
                        end_date=datetime.date(year, 11, 30),
                        requested_amount=requested,
                        decided_at=received + datetime.timedelta(weeks=4)
                        if granted or status == Status.REFUSED
                        else None,
                        decided_by=self.servant if granted or status == Status.REFUSED else None,
                        granted_amount=granted,
                        decision_motivation="Past binnen de regeling." if granted else "",
                        decision_sent_at=received + datetime.timedelta(weeks=4) if granted else None,
                        settled_amount=settled,
                        settled_at=received + datetime.timedelta(weeks=30) if settled is not None else None,
                    )
                )
        Application.objects.bulk_create(apps, batch_size=2000)
        rows = [(a.pk, a.status, a.received_at) for a in apps]
        goal_link = Application.goals.through
        goal_link.objects.bulk_create(
            [goal_link(application_id=pk, goal_id=1 + pk % 17) for pk, _s, _r in rows], batch_size=5000
        )
        CostLine.objects.bulk_create(
            [
                CostLine(application_id=pk, description=description, amount=Decimal(amount))
                for pk, _s, _r in rows
                for description, amount in (("Vervoer", 800), ("Programma", 450))
            ],
            batch_size=5000,
        )
        events = []
        for pk, status, received in rows:
            events.append(
                ApplicationEvent(
                    application_id=pk,
                    at=received,
                    actor=None,
                    action=ApplicationEvent.Action.SUBMITTED,
                    from_status=Status.DRAFT,
                    to_status=Status.SUBMITTED,
                )
            )
            if status != Status.SUBMITTED:
                events.append(
                    ApplicationEvent(
                        application_id=pk,
                        at=received + datetime.timedelta(weeks=4),
                        actor=self.servant,
                        action=ApplicationEvent.Action.REVIEW_STARTED,
                        from_status=Status.SUBMITTED,
                        to_status=status,
                        reason="Benchgegevens.",
                    )
                )
        ApplicationEvent.objects.bulk_create(events, batch_size=5000)
        self.log(f"{len(rows)} grant applications over {len(years)} years (ceiling {ceiling} a year)")

    def _status(self, year, n, per_year):
        from grants.models import Status

        rnd = self.random
        if year < self.year:
            return rnd.choices(
                [Status.SETTLED, Status.GRANTED, Status.REFUSED, Status.WITHDRAWN, Status.SET_ASIDE],
                weights=[25, 3, 50, 15, 7],
            )[0]
        return rnd.choices(
            [
                Status.SUBMITTED,
                Status.IN_REVIEW,
                Status.INFORMATION_REQUESTED,
                Status.GRANTED,
                Status.ACCOUNT_SUBMITTED,
                Status.REFUSED,
                Status.WITHDRAWN,
            ],
            weights=[20, 20, 5, 20, 5, 25, 5],
        )[0]

    # --- council ----------------------------------------------------------------------------
    def council(self):
        from council.models import Decision, Option, Question, QuestionStatusChange, Vote, VoteChange

        S = Question.Status
        rnd = self.random
        now = timezone.now()
        questions = []
        count = 2 * self.scale
        open_count = max(1, min(6, count // 4))
        for n in range(count):
            # A council deliberates on a handful of questions at a time; the others are decided.
            status = S.DECIDED if n < count - open_count else (S.VOTING_OPEN if n % 2 else S.PUBLISHED)
            published = now - datetime.timedelta(days=7 * (count - n))
            questions.append(
                Question(
                    title=f"Raadsvraag {self.tag}{n + 1}: welke koers kiest de raad?",
                    topic=["A", "B", "C", "D", "finances"][n % 5],
                    context="De achtergrond die de raad nodig heeft. " * 5,
                    dilemma="Het dilemma in een paar zinnen. " * 3,
                    question_text="Welke optie kiest de raad?",
                    status=status,
                    published_at=published,
                    voting_starts_at=published + datetime.timedelta(days=1) if status != S.PUBLISHED else None,
                    voting_ends_at=(
                        published + datetime.timedelta(days=8)
                        if status == S.DECIDED
                        else now + datetime.timedelta(days=5)
                        if status == S.VOTING_OPEN
                        else None
                    ),
                    council_size_at_close=len(self.members) if status == S.DECIDED else None,
                    created_by=self.servant,
                )
            )
        Question.objects.bulk_create(questions, batch_size=1000)
        created_options = Option.objects.bulk_create(
            [
                Option(
                    question=q,
                    position=i,
                    title=f"Optie {'ABC'[i]}",
                    description="Wat deze optie betekent.",
                    pros="Voordelen.",
                    cons="Nadelen.",
                    money_per_year=Decimal(5000 * i),
                )
                for q in questions
                for i in range(3)
            ],
            batch_size=2000,
        )
        options = {}
        for option in created_options:
            options.setdefault(option.question_id, []).append(option)
        votes, changes, decisions = [], [], []
        for q in questions:
            rows = [QuestionStatusChange(question=q, actor=self.servant, at=q.published_at, to_status=S.PUBLISHED)]
            if q.status == S.DECIDED:
                for member in self.members:
                    option = rnd.choice([*options[q.pk], None])
                    votes.append(
                        Vote(
                            question=q,
                            member=member,
                            option=option,
                            cast_at=q.voting_ends_at,
                            changed_at=q.voting_ends_at,
                        )
                    )
                rows.append(
                    QuestionStatusChange(
                        question=q,
                        actor=self.servant,
                        at=q.voting_ends_at,
                        from_status=S.VOTING_CLOSED,
                        to_status=S.DECIDED,
                        reason="Besluit vastgelegd.",
                    )
                )
                decisions.append(
                    Decision(
                        question=q,
                        text="De raad kiest optie A.",
                        decided_on=q.voting_ends_at.date(),
                        recorded_by=self.servant,
                    )
                )
            changes.extend(rows)
        QuestionStatusChange.objects.bulk_create(changes, batch_size=5000)
        Vote.objects.bulk_create(votes, batch_size=5000)
        VoteChange.objects.bulk_create(
            [VoteChange(vote=v, kind=VoteChange.Kind.CAST, to_option_id=v.option_id, at=v.cast_at) for v in votes],
            batch_size=5000,
        )
        Decision.objects.bulk_create(decisions, batch_size=1000)
        chosen = Decision.chosen_options.through
        chosen.objects.bulk_create(
            [chosen(decision_id=d.pk, option_id=options[d.question_id][0].pk) for d in decisions],
            batch_size=5000,
        )
        self.log(f"{len(questions)} council questions, {len(votes)} votes")

    # --- audit ------------------------------------------------------------------------------
    def audit(self):
        from audit.models import AuditEvent

        actions = ["grants.submitted", "grants.granted", "partnerships.status", "council.vote", "accounts.login"]
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    actor=self.servant if n % 2 else self.citizen,
                    actor_label="ambtenaar@example.org" if n % 2 else "inwoner@example.org",
                    action=actions[n % len(actions)],
                    object_type="grants.application",
                    object_id=str(n),
                    object_repr=f"Object {n}",
                    ip="127.0.0.1",
                )
                for n in range(10_000)
            ],
            batch_size=5000,
        )
        self.log("10000 audit events")
