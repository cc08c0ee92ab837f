"""Settings for Velsen Internationaal, read from the environment (12-factor).

One module, no chain of settings files. Every variable is parsed strictly:
a malformed value stops the process with a message instead of being guessed.
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a boolean variable; only 0/1/true/false (any case) are accepted."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {value!r})")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {value!r})") from None


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", False)
TESTING = "pytest" in sys.modules or envbool("DJANGO_TESTING", False) or (len(sys.argv) > 1 and sys.argv[1] == "test")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        # Development only: never used when DEBUG is off outside the test suite.
        SECRET_KEY = "django-insecure-development-key-velsen-internationaal-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG unset or 0) refuses to start "
            "without a secret key: set DJANGO_SECRET_KEY to a long random value, or run with "
            "DJANGO_DEBUG=1 for local development."
        )

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if TESTING:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # The task queue (e-mail leaves the request): django-tasks with its database backend.
    "django_tasks",
    "django_tasks_db",
    # Project apps, lowest layer first (see STYLE.md: council -> grants -> partnerships -> global_goals).
    "accounts",
    "audit",
    "global_goals",
    "partnerships",
    "grants",
    "council",
    "api",
    "velsen_intl",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous public pages from the shared cache (after the language is known, before any per-user work).
    "velsen_intl.public_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "velsen_intl.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "velsen_intl.middleware.SecurityHeadersMiddleware",
    "velsen_intl.middleware.BadInputMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "velsen_intl.urls"
WSGI_APPLICATION = "velsen_intl.wsgi.application"
ASGI_APPLICATION = "velsen_intl.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "velsen_intl.context_processors.portal",
            ],
            "builtins": ["velsen_intl.templatetags.portal"],
        },
    },
]

# Database: SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # One test database per checkout, so that parallel checkouts on one server do not collide.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("DJANGO_TEST_DB_NAME")
        or "test_velsen_" + "".join(c if c.isalnum() else "_" for c in BASE_DIR.name)
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses logins while an account/IP pair is locked out. Its records live in
# the database, so the lock-out holds across app servers. Keep authentication pluggable: a DigiD or
# eHerkenning backend can be added to this list.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)  # the 6th wrong password is refused
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = True
OTP_TOTP_ISSUER = "Velsen Internationaal"
# Staff sessions end after this many seconds without a request (BIO); citizens keep SESSION_COOKIE_AGE.
STAFF_IDLE_TIMEOUT = envint("DJANGO_STAFF_IDLE_TIMEOUT", 30 * 60)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
EMAIL_VERIFICATION_MAX_AGE = 60 * 60 * 24 * 3  # three days

# Internationalisation: Dutch by default, complete English translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Years and ids must not be grouped ("2.026"): money and big figures are grouped explicitly (|money, |intcomma).
USE_THOUSAND_SEPARATOR = False

# Static files: served by whitenoise, compressed with hashed names outside DEBUG.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads live outside the static files and are only served through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "uploads"))
MEDIA_URL = "/files/"  # never served directly; see grants.views for the checked download
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Velsen Internationaal <internationaal@velsen.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's public address, for links in e-mails sent outside a request (reminders, commands).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
STAFF_NOTIFICATION_EMAIL = os.environ.get("STAFF_NOTIFICATION_EMAIL", "internationaal@velsen.example")

# Cache: Redis when REDIS_URL is set (shared by several app servers), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "velsen"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous public pages are cached whole (velsen_intl/public_cache.py); any data change empties
# them at once, this only bounds what depends on the clock (a vote that opens at a set time).
# Only with a shared cache: in local memory a change would not reach the other processes (0 = off).
PUBLIC_PAGE_CACHE_SECONDS = envint("DJANGO_PUBLIC_PAGE_CACHE_SECONDS", 60 if REDIS_URL or TESTING else 0)
# Sessions live in the database, so they survive a restart and are shared by every app server; with
# Redis they are also read from the cache (one query less per page). Never cached in local memory:
# a logout on one server would not reach the copy cached in another.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# Background work: tasks are rows in the database, run by `manage.py db_worker` (docs/deploy.md).
# Tests run them at once, so mail.outbox still sees every message.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        # Development and tests send at once (the console shows the mail); production queues it.
        if (TESTING or DEBUG) and not envbool("VELSEN_TASKS_DATABASE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}
MAIL_MAX_ATTEMPTS = envint("MAIL_MAX_ATTEMPTS", 8)  # then the message stays in the queue as failed, never lost

# Security. Production defaults; `make serve` opts out of the HTTPS redirect explicitly
# (DJANGO_SECURE_SSL_REDIRECT=0) because it serves plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("DJANGO_BEHIND_PROXY", False) else None
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
X_FRAME_OPTIONS = "DENY"
if not SECURE_SSL_REDIRECT and not DEBUG:
    # The opt-out is deliberate (local production-like serving); silence only that finding.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The grant budget: the default yearly ceiling (changed only by an administrator or a council decision).
GRANT_DEFAULT_CEILING = "10000.00"

# Development and tests serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Retention terms (AVG), as published in the privacy statement; `manage.py purge_expired` applies them.
RETENTION = {
    "draft_applications_days": envint("RETENTION_DRAFT_DAYS", 365),
    "settled_application_years": envint("RETENTION_GRANT_FILE_YEARS", 7),
    "unverified_accounts_days": envint("RETENTION_UNVERIFIED_DAYS", 30),
    "audit_events_days": envint("RETENTION_AUDIT_DAYS", 365),
}
