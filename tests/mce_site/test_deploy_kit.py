"""deploy/: the units run what the README says, nginx and the site agree on the proxy headers,
and a backup can be restored."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory

from mce_site.client_ip import client_ip

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = (DEPLOY / "nginx/mce-site.conf").read_text()


def _directives(text, name):
    return [line.split(None, 1)[1].rstrip(";") for line in text.splitlines()
            if line.strip() and line.split()[0] == name]  # fmt: skip


def test_web_units_run_gunicorn_with_the_projects_config_and_the_worker_runs_run_worker():
    web = (DEPLOY / "systemd/mce-web@.service").read_text()
    worker = (DEPLOY / "systemd/mce-worker.service").read_text()
    assert "gunicorn -c /srv/mce-site/gunicorn.conf.py" in web
    assert "Environment=GUNICORN_BIND=127.0.0.1:%i" in web
    assert "manage.py run_worker" in worker
    for unit in (web, worker):
        assert "Restart=always" in unit and "EnvironmentFile=/etc/mce-site/env" in unit


def test_the_production_smoke_runs_every_unit():
    # deploy/smoke/run-stack.sh starts each unit from its own lines; a new unit must join it.
    script = (DEPLOY / "smoke/run-stack.sh").read_text()
    units = [unit.name for unit in (DEPLOY / "systemd").glob("*.service")]
    assert len(units) == 3 and [unit for unit in units if unit not in script] == []


def test_nginx_sends_to_both_web_units_over_tls_and_http2():
    servers = [s.split()[0] for s in _directives(NGINX, "server") if s.startswith("127.")]
    assert servers == ["127.0.0.1:8001", "127.0.0.1:8002"]
    assert "listen 443 ssl http2;" in NGINX
    assert "gzip on;" in NGINX


def test_only_hashed_static_files_are_cached_for_a_year():
    pattern = re.search(r'location ~ "(.+?)"', NGINX).group(1).replace("(?<file>", "(?P<file>")
    assert re.match(pattern, "/static/css/site.0123456789ab.css")
    assert not re.match(pattern, "/static/css/site.css")


def test_forwarded_headers_match_one_trusted_proxy(settings):
    assert (
        _directives(NGINX, "proxy_set_header").count("X-Forwarded-For $proxy_add_x_forwarded_for")
        == 1
    )
    assert "X-Forwarded-Proto $scheme" in _directives(NGINX, "proxy_set_header")
    # What gunicorn receives when a visitor sends a forged header: nginx appends what it saw.
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9", REMOTE_ADDR="127.0.0.1"
    )
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database(on_postgres, tmp_path):
    from conferences.models import Series

    if not shutil.which("pg_dump"):
        pytest.skip("needs pg_dump and pg_restore")
    Series.objects.create(slug="kept", name_en="Kept by the backup")
    params = connection.settings_dict
    base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    scratch = f"{params['NAME']}_restore"
    env = {**os.environ, "DATABASE_URL": f"{base}/{params['NAME']}", "BACKUP_DIR": str(tmp_path)}
    backup = subprocess.run([DEPLOY / "backup/backup.sh"], env=env, capture_output=True, text=True)
    assert backup.returncode == 0, backup.stderr
    dump = next(tmp_path.glob("mce-site-*.dump"))
    subprocess.run(["dropdb", "--if-exists", "-h", params["HOST"] or "127.0.0.1", "-U",
                    params["USER"], scratch], check=True)  # fmt: skip
    subprocess.run(["createdb", "-h", params["HOST"] or "127.0.0.1", "-U", params["USER"],
                    scratch], check=True)  # fmt: skip
    try:
        env["DATABASE_URL"] = f"{base}/{scratch}"
        restore = subprocess.run(
            [DEPLOY / "backup/restore.sh", dump], env=env, capture_output=True, text=True
        )
        assert restore.returncode == 0, restore.stderr
        rows = subprocess.run(
            ["psql", env["DATABASE_URL"], "-Atc", "select name_en from conferences_series"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "Kept by the backup" in rows
    finally:
        subprocess.run(["dropdb", "--if-exists", "-h", params["HOST"] or "127.0.0.1", "-U",
                        params["USER"], scratch], check=False)  # fmt: skip
