# Velsen Internationaal — every target explains itself: `make help`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=1
# `make serve` is production-like on plain HTTP at 127.0.0.1: it opts out of the HTTPS redirect and
# of Secure cookies explicitly (never do this behind a real domain).
SERVE_ENV := DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat var/secret_key)}
APPS := accounts audit global_goals partnerships grants council

.PHONY: help venv run serve test lint security format migrate demo messages check-messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed ## Create .venv and install the pinned requirements

migrate: venv ## Apply database migrations
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: migrate ## Load the demo data (idempotent)
	$(DEV_ENV) $(PY) manage.py load_demo

run: demo ## Install, migrate, load the demo data and serve on http://127.0.0.1:$(PORT) (SQLite, DEBUG on)
	@echo "Serving on http://127.0.0.1:$(PORT)/ — demo accounts use the password velsen-demo"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

var/secret_key:
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

serve: venv var/secret_key ## Production-like: gunicorn, DEBUG off, whitenoise with hashed, compressed static files
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(VENV)/bin/gunicorn velsen_intl.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

test: venv ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv ## ruff: lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

security: venv ## bandit: static security checks (no high-severity finding allowed; each nosec needs a reason)
	$(VENV)/bin/bandit -q -r $(APPS) velsen_intl -x '*/migrations/*' --severity-level high

format: venv ## ruff: fix what can be fixed and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: venv ## Extract translatable strings into the Dutch .po files and compile them (needs gettext)
	$(DEV_ENV) $(PY) manage.py makemessages -l nl --ignore=.venv --ignore=tests --ignore=staticfiles $(foreach app,$(filter-out accounts audit,$(APPS)),--ignore=$(app)) -v0
	@for app in $(filter-out accounts audit,$(APPS)); do [ ! -d $$app/locale ] || (cd $$app && $(DEV_ENV) ../$(PY) ../manage.py makemessages -l nl -v0); done
	$(DEV_ENV) $(PY) manage.py compilemessages -l nl --ignore=.venv -v0

check-messages: messages ## Fail when a string lacks its Dutch translation
	$(VENV)/bin/pytest -q tests/test_translations.py -p no:randomly

bench: venv ## Load every key page at 100x the demo data against Django's own floor (wrk; PostgreSQL: BENCH_DATABASE_URL)
	$(PY) bench/run.py $(BENCH_ARGS)

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles
