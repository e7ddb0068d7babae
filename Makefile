# One entry point for people and CI. `make run` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run serve worker test lint fmt bench bench-open-data bench-email bench-rush \
	bench-pages profile demo chromium pango smoke-production clean

# Debian and Ubuntu ship venv separately: without it `python3 -m venv` fails half-way (and
# leaves a broken .venv behind), so say what to install in one line instead.
VENV_MISSING := make: Python 3 with venv is needed: install it (Debian/Ubuntu: apt-get install python3-venv) and run make again.

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || \
	  { rm -rf $(VENV); echo "$(VENV_MISSING)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# WeasyPrint (every PDF: mce_site/pdf.py) draws text with Pango from the system: installed
# when missing as root, like Chromium; otherwise one line says what to install.
PANGO := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
pango: install
	@$(BIN)/python -c 'import weasyprint' 2>/dev/null || \
	  if [ "$$(id -u)" = 0 ]; then bash .ci/apt-install $(PANGO); \
	  else echo "make: Pango is missing, so PDFs cannot be made (as root: apt-get install $(PANGO))." >&2; fi

# Compiled translations (.mo) are build output, written with polib (no GNU gettext needed).
messages: install
	$(BIN)/python manage.py compile_translations

# Sets up everything and serves the demo conference on http://$(HOST):$(PORT)
# with the background worker that sends emails.
# PORT is passed on, so SITE_URL (links in emails, canonical links) follows it.
run: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_registrations
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C stops the site and the email worker)"
	@trap 'kill 0' INT TERM EXIT; \
	  PORT=$(PORT) $(BIN)/python manage.py run_worker & \
	  PORT=$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_registrations

# Production settings on this machine only (PRODUCTION_ON_LOOPBACK=1) under gunicorn with the
# committed gunicorn.conf.py, on http://$(HOST):$(PORT): what benchmarks run against.
LOOPBACK_KEY := var/loopback-secret-key
LOOPBACK = DJANGO_SETTINGS_MODULE=mce_site.settings.prod PRODUCTION_ON_LOOPBACK=1 \
	SECRET_KEY=$$(cat $(LOOPBACK_KEY))

$(LOOPBACK_KEY):
	mkdir -p var && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: messages $(LOOPBACK_KEY)
	$(LOOPBACK) $(BIN)/python manage.py migrate --noinput -v 0
	$(LOOPBACK) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(LOOPBACK) GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

# The background worker alone: sends the email outbox and runs the other WORKER_JOBS.
worker: install
	$(BIN)/python manage.py run_worker

# Headless Chromium for the browser tests (Debian's package): installed when missing and
# make runs as root (CI); otherwise one line says so and the browser tests are skipped.
chromium:
	@command -v chromium >/dev/null || \
	  if [ "$$(id -u)" = 0 ]; then bash .ci/apt-install chromium; \
	  else echo "make: Chromium is missing, so the browser tests are skipped (as root: apt-get install chromium)." >&2; fi

# Installs what the tests need and runs the whole suite with coverage, one pytest worker per
# core (at most 4; TEST_WORKERS=0 runs it in one process, e.g. for pdb).
# DATABASE_URL=postgres://... runs it against PostgreSQL.
TEST_WORKERS ?= auto
test: messages chromium pango
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=mce_site.settings.prod ALLOWED_HOSTS=www.example.org \
	  SITE_URL=https://www.example.org TRUSTED_PROXY_COUNT=1 EMAIL_PROVIDER=postmark \
	  ANYMAIL_WEBHOOK_SECRET=ci:$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(20))') \
	  SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python manage.py bench_hotline_search

# CPU per request of each programme export (JSON, frab, xCal, PDF, API) against the
# programme page, cache cold, on a temporary 150-session conference (rolled back).
bench-open-data: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py bench_open_data --sessions 150

# Emails per second through one worker into a local SMTP server, against sending the same
# messages pre-rendered, and the rendering cost per email. Uses a database of its own
# (BENCH_DATABASE_URL, default an SQLite file in var/), so a running `make run` is not
# disturbed; BENCH_DATABASE_URL=postgres://... measures on PostgreSQL.
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-email.sqlite3
bench-email: install
	@mkdir -p var
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench_email

# Registration rush: two production-like gunicorn servers on PostgreSQL (a database of its
# own, mce_bench_rush) and 100 concurrent clients; prints a table with the issue's targets.
# Options: make bench-rush BENCH_ARGS='--clients 50 --json rush.json' (see --help).
bench-rush: install
	$(BIN)/python -m scripts.bench_rush $(BENCH_ARGS)

# Every public page under gunicorn with production settings, page cache off and on, against
# a bare Django page in the same run; prints CPU ms per request, the ratio to that floor and
# the issue's targets, and writes var/bench-pages.md. Options: BENCH_ARGS='--requests 200'.
bench-pages: messages
	$(BIN)/python -m scripts.bench_pages $(BENCH_ARGS)

# Where one page spends its time (cold page cache), profiled with pyinstrument on the demo
# database: make profile PAGE=/conferences/2018-leipzig/programme/ (a manage page:
# make profile PROFILE_ARGS=--manage)
PAGE ?= /conferences/2018-leipzig/
profile: demo
	$(BIN)/python -m scripts.profile_page $(PAGE) $(PROFILE_ARGS)

# The production stack on this machine as deploy/ describes it (PostgreSQL, Redis, two gunicorn
# servers and the worker from the systemd units, nginx from Debian's package with the committed
# site and a self-signed certificate), smoke-tested over HTTPS, then stopped. Installs nginx
# when missing (as root). See deploy/README.md, "Try it on this machine".
smoke-production: messages
	bash deploy/smoke/run-stack.sh

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .coverage
