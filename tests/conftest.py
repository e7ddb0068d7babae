"""Fixtures shared by every test package."""

import os
import time
from contextlib import contextmanager

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils import timezone, translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property-based tests (hypothesis) run a bounded number of examples: "dev" while working,
# "ci" in CI (CI=true), "thorough" on request (HYPOTHESIS_PROFILE=thorough) for a long hunt.
_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("dev", max_examples=6, **_SHARED)
# CI draws the same examples every run (a red build is reproducible and never a coin toss);
# dev runs draw new ones each time, and "thorough" hunts long.
hypothesis_settings.register_profile("ci", max_examples=12, derandomize=True, **_SHARED)
hypothesis_settings.register_profile("thorough", max_examples=300, **_SHARED)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _english_in_the_test_thread():
    """A request to a German page leaves German active in the test's thread; model field
    access (modeltranslation) would then read and write the German columns."""
    with translation.override("en"):
        yield


@pytest.fixture
def django_capture_on_commit_callbacks(django_capture_on_commit_callbacks):
    """pytest-django's fixture; when it runs the callbacks at the end of the block (as a real
    commit would), the email worker's job runs next, as a running worker would: the emails the
    block wrote into the outbox are sent by the real sending code from the real rows, into
    Django's test outbox (`mailoutbox`).

    Tests run in a transaction that never commits: emails queued (and never tried) before the
    block belong to setup whose commit the test did not play, so they count as sent already
    (before the outbox they were never sent) and only the block's own emails and those a
    test set up as waiting for a retry reach `mailoutbox`."""
    from registration.outbox.models import OutboxEmail
    from registration.outbox.sending import send_due_emails

    @contextmanager
    def capture(*, using=DEFAULT_DB_ALIAS, execute=False):
        if execute:
            OutboxEmail.objects.filter(state=OutboxEmail.State.WAITING, attempts=0).update(
                state=OutboxEmail.State.SENT, sent_at=timezone.now(), next_attempt_at=None
            )
        with django_capture_on_commit_callbacks(using=using, execute=execute) as callbacks:
            yield callbacks
        if execute:
            send_due_emails()

    return capture


@pytest.fixture
def later(monkeypatch):
    """later(seconds): the clock moves on by that much, so what the cache kept for a shorter
    time has expired (e.g. the seat figures shown to visitors, SEATS_SHOWN_SECONDS)."""
    shift = 0.0
    real_time = time.time

    def move_on(seconds):
        nonlocal shift
        shift += seconds
        monkeypatch.setattr(time, "time", lambda: real_time() + shift)

    return move_on


@pytest.fixture
def on_postgres():
    """Skips a test that needs PostgreSQL (locking, trigram search) on SQLite."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's headless Chromium driven by Playwright (no browser download needed)."""
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django's ORM is used around it from
    # the test only, never concurrently, so its async-safety guard may be relaxed.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Console errors: JavaScript failures and Content-Security-Policy refusals.
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (public pages, rate limits)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def axe_violations():
    """WCAG 2.1 A/AA violations axe-core finds on the page loaded in a browser page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}

    def check(page):
        results = axe.run(page, options=options)
        return [
            f"{v['impact']}: {v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
        ]

    return check


@pytest.fixture
def axe_all_rules():
    """Every violation of every axe-core rule (WCAG and best practices), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        found = results.response["violations"]
        return [
            f"{v['impact']}: {v['id']} x{len(v['nodes'])} at {v['nodes'][0]['target']}"
            for v in found
        ]

    return check


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks):
    """`run_worker()` does what the worker process does every few seconds (expire holds,
    pass on lapsed offers, send reminders, give free seats to the waiting lists) and sends
    the emails that queues, as after a real commit. Returns the sweep's counts."""
    from registration.capacity import sweep

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return sweep(**kwargs)

    return run
