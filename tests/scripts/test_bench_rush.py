"""The rush benchmark in miniature, end to end: it makes its own database on the test
database's PostgreSQL server, runs one gunicorn with one worker and the task worker, and
reports no seat oversold and no server error. Figures are not asserted (a shared machine)."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from scripts.bench_rush.database import SEATED
from scripts.bench_rush.environment import cache_url

REPO = Path(__file__).resolve().parents[2]
TINY = [
    *("--clients", "5", "--servers", "1", "--workers", "1"),
    *("--sign-ups-s", "6", "--sign-ups-a", "10", "--seats-a", "10"),
    *("--sign-ups-b", "10", "--seats-b", "3", "--cancel-share", "0.3"),
    # People arrive 10 a second and take a tenth of a person's time.
    *("--arrivals", "600", "--pause-scale", "0.1"),
    *("--baseline-requests", "10", "--form-requests", "5", "--waiting", "5"),
    *("--phase-seconds", "20", "--timeout", "10", "--database", "mce_bench_rush_smoke"),
]


@pytest.fixture
def redis_answers():
    """The benchmark runs production's settings, whose cache is Redis."""
    try:
        redis.Redis.from_url(cache_url(), socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {cache_url()} (or BENCH_CACHE_URL)")


def postgres_url():
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def run_benchmark(json_path):
    command = [sys.executable, "-m", "scripts.bench_rush", *TINY, "--json", str(json_path)]
    env = os.environ | {"DATABASE_URL": postgres_url()}
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    try:
        output, _ = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # it stops its servers and drops its database
        process.communicate(timeout=30)
        raise
    assert process.returncode == 0, output
    return json.loads(json_path.read_text())


def test_a_tiny_rush_oversells_nothing_and_has_no_server_errors(
    on_postgres, redis_answers, tmp_path
):
    figures = run_benchmark(tmp_path / "rush.json")

    for phase in ("S", "A", "B", "cancellations"):
        assert figures[phase]["oversold"] == 0
        assert figures[phase]["server_errors"] == 0
        assert figures[phase]["failures"] == {}
    assert figures["S"]["finished"] == 6
    assert figures["A"]["finished"] == 10
    assert figures["A"]["arrivals_per_minute"] == 600
    assert figures["S"]["arrivals_per_minute"] is None
    assert figures["A"]["outcomes"][SEATED] == 10
    assert figures["B"]["finished"] == 10
    assert figures["cancellations"]["finished"] == 3
    rows = figures["queries"]["rows"]
    assert [row["waiting"] for row in rows] == [0, 1, 1, 5, 5, 5]
    promotions = [row for row in rows if row["operation"] == "worker promotes the next"]
    assert [row["promoted"] for row in promotions] == [1, 1]


def test_the_worker_promotion_step_is_held_to_the_query_target_of_a_request():
    from scripts.bench_rush.report import MAX_QUERIES, query_targets

    rows = [
        {"operation": "worker promotes the next", "waiting": 1, "queries": MAX_QUERIES},
        {"operation": "worker promotes the next", "waiting": 1000, "queries": MAX_QUERIES},
        {"operation": "cancellation", "waiting": 1, "queries": MAX_QUERIES + 1},
        {"operation": "cancellation", "waiting": 1000, "queries": MAX_QUERIES + 1},
    ]
    assert [row["passed"] for row in query_targets(rows)] == [True, True, False, False]
    rows[1]["queries"] = MAX_QUERIES - 1  # fewer with the long list: not the same
    assert query_targets(rows)[1]["passed"] is False
