"""/healthz tells the load balancer whether the site can reach its database."""

import json

from django.urls import reverse

from tests.mce_site.test_settings import run_python

PROBE_WITH_UNREACHABLE_DATABASE = (
    "import django, json; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz'); print(json.dumps({'status': r.status_code, 'body': r.json()}))"
)


def test_health_answers_200_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_does_not():
    # Nothing listens on port 1: a real connection attempt that fails.
    result = run_python(
        PROBE_WITH_UNREACHABLE_DATABASE,
        "mce_site.settings.test",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"status": 503, "body": {"status": "unavailable", "database": "down"}}
