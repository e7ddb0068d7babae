"""The benchmark's own PostgreSQL databases and the environment its processes run in.

Every process (gunicorn, the task worker, manage.py, the query probe) runs the production
settings with the variables built here, so the site behaves as deployed, minus TLS."""

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import redis
from psycopg2 import sql

REPO = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
# A Redis database of its own: the rate limits and page cache of the benchmark's servers
# never meet those of a developer's site. BENCH_CACHE_URL overrides it.
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/14"
# High enough that 100 clients on one address are never throttled (production: 20/h).
SIGN_UP_RATE = "1000000/h"


class BenchmarkBroken(Exception):
    """The benchmark itself cannot go on (not a missed target): exit code 1."""


def postgres_server():
    """The PostgreSQL server of DATABASE_URL (without its database name) when that is a
    PostgreSQL address, else the local server."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return DEFAULT_POSTGRES
    return f"{parts.scheme}://{parts.netloc}"


def cache_url():
    return os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL)


def site_environment(*, database_url, static_root, site_url):
    """Production settings for a site on the loopback: no TLS proxy in front (so no redirect
    to https), mail handed to a backend that sends nothing, the sign-up rate limit lifted.
    Set explicitly, so a developer's .env cannot turn on DEBUG or a real mail provider."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "mce_site.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": site_url,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url(),
        "STATIC_ROOT": str(static_root),
        "EMAIL_PROVIDER": "",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "TRUSTED_PROXY_COUNT": "0",
        "PRODUCTION_ON_LOOPBACK": "1",
        "SIGN_UP_RATE_PER_ADDRESS": SIGN_UP_RATE,
        "SIGN_UP_RATE_PER_NETWORK": SIGN_UP_RATE,
        # Every rushing client is a real person who confirms at once; the cap is for bots.
        "MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE": "1000000",
        "LOG_LEVEL": "INFO",
    }


def check_services(server):
    """Fails early, with a message that says what to start, when PostgreSQL or Redis is down."""
    try:
        psycopg2.connect(f"{server}/postgres", connect_timeout=5).close()
    except psycopg2.OperationalError as error:
        raise BenchmarkBroken(f"PostgreSQL at {server} does not answer: {error}") from error
    try:
        redis.Redis.from_url(cache_url(), socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise BenchmarkBroken(
            f"Redis at {cache_url()} does not answer (production's cache; set BENCH_CACHE_URL "
            f"to another one): {error}"
        ) from error


def _check_name(name):
    if not re.fullmatch(r"mce_bench[a-z0-9_]*", name):
        raise BenchmarkBroken(f"database name {name!r} must start with mce_bench")


def _admin_sql(server, statement):
    connection = psycopg2.connect(f"{server}/postgres", connect_timeout=5)
    connection.autocommit = True  # CREATE/DROP DATABASE refuse to run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def create_database(server, name, *, template=None):
    """Drops the database if a previous run left it, then creates it empty (or as a copy of
    `template`, which must have no open connections)."""
    _check_name(name)
    drop_database(server, name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    _admin_sql(server, statement)


def drop_database(server, name):
    _check_name(name)
    _admin_sql(
        server, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )


def manage(env, *args):
    """Runs a manage.py command; its output is shown only when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchmarkBroken(
            f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def worker_command():
    """The task worker as `make worker` starts it (the last command of that target, with
    make's variables filled in), so a change of the worker in the Makefile is followed."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "-n", "-o", "install", "worker"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or not lines:
        raise BenchmarkBroken(f"cannot read the Makefile's worker target: {result.stderr}")
    return shlex.split(lines[-1])
