"""The production smoke test: production settings on the loopback address
(PRODUCTION_ON_LOOPBACK=1) under gunicorn with the committed gunicorn.conf.py. Pages answer,
the headers are there, and no log line of gunicorn or the site holds the personal token the
requests carried."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]
TOKEN = "Sm0keT3st-" + secrets.token_urlsafe(24)
EMAIL = "smoke.tester@example.org"

pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="runs once, in the SQLite pass (its own database)"
)


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    inherited = ("DATABASE_URL", "ANYMAIL_", "EMAIL_", "DJANGO_", "CACHE_URL", "PRODUCTION_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    env |= {
        "DJANGO_SETTINGS_MODULE": "mce_site.settings.prod",
        "PRODUCTION_ON_LOOPBACK": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "LOG_LEVEL": "DEBUG",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": "127.0.0.1:0",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=PROJECT_DIR, env=env, check=True)
    seed = (
        "import django; django.setup(); "
        "from tests.factories import make_conference, make_registration; "
        f"make_registration(make_conference(), manage_token={TOKEN!r}, email={EMAIL!r})"
    )
    subprocess.run([sys.executable, "-c", seed], cwd=PROJECT_DIR, env=env, check=True)
    return env


@pytest.fixture(scope="module")
def server(production_env, tmp_path_factory):
    log_path = tmp_path_factory.mktemp("logs") / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=PROJECT_DIR,
            env=production_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base_url = _wait_for_address(log_path)
        yield {"url": base_url, "log": log_path}
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for_address(log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log_path.read_text())
        if found:
            return found[1]
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start:\n" + log_path.read_text())


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_production_on_loopback_serves_pages_with_safe_headers(server):
    status, headers = _get(server["url"] + "/healthz")
    assert status == 200
    for path in ("/", "/robots.txt", "/.well-known/security.txt", f"/registration/{TOKEN}/"):
        status, headers = _get(server["url"] + path)
        assert status == 200, path
        assert "camera=()" in headers["Permissions-Policy"]
        assert not re.search(r"\d", headers.get("Server", "")), headers["Server"]
    assert "WARNING: PRODUCTION_ON_LOOPBACK=1" in server["log"].read_text()


def test_no_log_line_holds_the_personal_token(server):
    base = server["url"]
    referer = {"Referer": f"{base}/registration/{TOKEN}/?email={EMAIL}"}
    for path in (
        f"/registration/{TOKEN}/",
        f"/registration/{TOKEN}/confirm/",
        f"/registration/{TOKEN}/calendar.ics",
        f"/de/registration/{TOKEN}/cancel/",
        f"/registration/{TOKEN}",
        f"/registration/{TOKEN}x/",
        f"/?token={TOKEN}&email={EMAIL}",
        f"/no-such-page/{TOKEN}/",
    ):
        _get(base + path, referer)
    time.sleep(0.5)  # the access log is written after the response
    lines = server["log"].read_text().splitlines()
    assert any('"GET /registration/<str:token>/' in line for line in lines), lines
    for line in lines:
        assert TOKEN not in line, line
        assert EMAIL not in line, line
