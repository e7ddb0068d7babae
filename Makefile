# One entry point for people and CI. `make run` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run serve worker test lint fmt bench bench-open-data bench-email bench-rush demo chromium clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

# WeasyPrint (every PDF: mce_site/pdf.py) draws text with Pango from the system.
install: $(STAMP)
	@$(BIN)/python -c 'import weasyprint' 2>/dev/null || \
	  bash .ci/apt-install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

# Compiled translations (.mo) are build output; msgfmt comes from GNU gettext.
messages: install
	@command -v msgfmt >/dev/null || bash .ci/apt-install gettext
	$(BIN)/python manage.py compilemessages --ignore '.venv' -v 0

# Sets up everything and serves the demo conference on http://$(HOST):$(PORT)
# with the background worker that sends emails.
run: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C stops the site and the email worker)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py run_worker & \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo

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

# Headless Chromium for the browser tests (Debian's package; installed when missing).
chromium:
	@command -v chromium >/dev/null || bash .ci/apt-install chromium

# Installs what the tests need and runs the whole suite with coverage.
# DATABASE_URL=postgres://... runs it against PostgreSQL.
test: messages chromium
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

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

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .coverage
