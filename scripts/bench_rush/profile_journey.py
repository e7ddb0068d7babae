"""CPU and queries per request of the rush's sign-up journey, in-process: the benchmark's own
journey (journeys.sign_up) driven through Django's test client instead of gunicorn, so each
request's process CPU (time.process_time, not wall time: the machine is shared) and queries
are counted apart. Optionally profiles one request kind: with cProfile on process CPU (what
the figures count; the default), or with pyinstrument's call tree (wall time: waits for the
database included).

Runs the production settings on a PostgreSQL database that holds the demo, as the benchmark's
servers do (see scripts/bench_rush/environment.py):

    export DJANGO_SETTINGS_MODULE=mce_site.settings.prod PRODUCTION_ON_LOOPBACK=1 \\
        SECRET_KEY=... DATABASE_URL=postgres://postgres@127.0.0.1:5432/mce_bench_profile \\
        CACHE_URL=redis://127.0.0.1:6379/14 STATIC_ROOT=var/profile-static
    python manage.py migrate && python manage.py load_demo && python manage.py collectstatic
    python -m scripts.bench_rush.profile_journey [--journeys 100] [--profile "form GET"]
        [--tree] [--sql "confirm POST"]

Each run adds its sign-ups to that database (seats are raised first so every one is seated).
The first journeys warm up (imports, templates, translations) and are not counted."""

# ruff: noqa: E402 - this module only runs as a program: Django is set up before the site loads.
import os

os.environ.setdefault("LOG_LEVEL", "WARNING")  # no request log between the figures
# What the benchmark lifts for 100 clients on one address (environment.site_environment).
os.environ.setdefault("SIGN_UP_RATE_PER_ADDRESS", "1000000/h")
os.environ.setdefault("SIGN_UP_RATE_PER_NETWORK", "1000000/h")
os.environ.setdefault("MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE", "1000000")

import django

django.setup()

import argparse
import cProfile
import pstats
import random
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.db import connection
from django.test import Client
from pyinstrument import Profiler

from conferences.models import Conference
from registration.capacity import sweep
from registration.models import Registration

from . import database, journeys
from .browser import Answer

SLUG = "2018-leipzig"  # the benchmark's demo conference
WARM_UP = 3


@dataclass
class Kind:
    requests: int = 0
    cpu_seconds: float = 0.0
    queries: int = 0
    last_statements: list = field(default_factory=list)


@dataclass
class Counts:
    """Per request kind: requests, process CPU and queries; and the query counter itself."""

    kinds: dict = field(default_factory=lambda: defaultdict(Kind))
    queries: int = 0
    counting: bool = True
    statements: list = field(default_factory=list)  # of the request being made

    def count_query(self, execute, sql, params, many, context):
        self.queries += 1
        self.statements.append(sql)
        return execute(sql, params, many, context)


class CpuProfiler:
    """cProfile on process CPU, started and stopped around each request of one kind."""

    def __init__(self):
        self.profile = cProfile.Profile(time.process_time)

    def start(self):
        self.profile.enable()

    def stop(self):
        self.profile.disable()

    def print(self):
        stats = pstats.Stats(self.profile)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)


class TreeProfiler(Profiler):
    def print(self):
        print(self.output_text(unicode=True, color=sys.stdout.isatty(), show_all=False))


class InProcessBrowser:
    """journeys.Browser's interface on Django's test client (CSRF checked, as in production)."""

    hard_stop = float("inf")

    def __init__(self, client, counts, profiler, profiled_kind):
        self.client = client
        self.client.cookies = SimpleCookie()  # a new person, a new browser
        self.counts, self.profiler, self.profiled_kind = counts, profiler, profiled_kind

    def get(self, path, kind):
        return self._request(kind, self.client.get, path)

    def post(self, path, fields, kind):
        return self._request(kind, self.client.post, path, fields)

    def csrf_token(self):
        cookie = self.client.cookies.get("csrftoken")
        return cookie.value if cookie else ""

    def _request(self, kind, send, *args):
        profiling = self.counts.counting and kind == self.profiled_kind
        queries_before = self.counts.queries
        self.counts.statements = []
        if profiling:
            self.profiler.start()
        started = time.process_time()
        response = send(*args)
        cpu = time.process_time() - started
        if profiling:
            self.profiler.stop()
        if self.counts.counting:
            figures = self.counts.kinds[kind]
            figures.requests += 1
            figures.cpu_seconds += cpu
            figures.queries += self.counts.queries - queries_before
            figures.last_statements = self.counts.statements
        body = response.content.decode() if not response.streaming else ""
        return Answer(response.status_code, response.get("Location", ""), body)


def personal_tokens(slug, email):
    """(manage token, confirm token), as the benchmark reads them (without closing the
    connection, which the next request would then pay to open again)."""
    return (
        Registration.objects.filter(conference__slug=slug, email=email)
        .values_list("manage_token", "confirm_token")
        .first()
    )


def run(args):
    conference = Conference.objects.get(slug=SLUG)
    total = args.journeys + WARM_UP
    database.set_free_seats(SLUG, seats=total, days=total, dinner=total, tables=2 * total)
    sweep()  # whoever an earlier run left waiting gets a seat: nobody queues ahead
    site = journeys.Site(
        slug=conference.slug,
        category=database.category_for_all_days(SLUG),
        balancer=None,
        timeout=30,
        lookup_tokens=personal_tokens,
    )
    counts = Counts()
    profiler = TreeProfiler(interval=0.0005) if args.tree else CpuProfiler()
    run_id = uuid.uuid4().hex[:8]
    # One client for all: each new one loads the middleware again (WhiteNoise scans the
    # static files), which a server does once.
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en", SERVER_NAME="127.0.0.1")
    with connection.execute_wrapper(counts.count_query):
        for number in range(total):
            counts.counting = number >= WARM_UP
            browser = InProcessBrowser(client, counts, profiler, args.profile)
            person = journeys.Person(f"profile-{run_id}-{number}@bench.example.org", browser)
            journeys.sign_up(person, site, random.Random(number))
    return counts, profiler


def print_table(counts, journeys_run):
    print(f"{journeys_run} sign-up journeys, in-process (process CPU, production settings)")
    print(f"{'request':<22}{'CPU ms':>9}{'queries':>9}")
    cpu_total = queries_total = 0.0
    for kind, figures in counts.kinds.items():
        cpu = figures.cpu_seconds / figures.requests * 1000
        queries = figures.queries / figures.requests
        cpu_total += cpu
        queries_total += queries
        print(f"{kind:<22}{cpu:>9.1f}{queries:>9.1f}")
    print(f"{'journey':<22}{cpu_total:>9.1f}{queries_total:>9.1f}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.bench_rush.profile_journey")
    parser.add_argument("--journeys", type=int, default=100, help="counted journeys (100)")
    parser.add_argument("--profile", metavar="KIND", help='e.g. "form GET", "confirm POST"')
    parser.add_argument("--sql", metavar="KIND", help="print the queries of one request of KIND")
    parser.add_argument("--tree", action="store_true", help="pyinstrument, not cProfile")
    args = parser.parse_args(argv)
    counts, profiler = run(args)
    print_table(counts, args.journeys)
    if args.sql:
        for statement in counts.kinds[args.sql].last_statements:
            print(f"  {statement[:200]}")
    if args.profile:
        profiler.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
