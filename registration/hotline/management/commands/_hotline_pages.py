"""Whole requests of the hotline's busiest pages, for `bench_hotline_search`: the
registrations list (search, and each filter of its sidebar) and the dashboard, through the
test client, signed in as a member of the Hotline group.

Each request is timed from the client's call to the rendered response (wall clock, the way
a caller waits); DEBUG is off so Django does not log queries. On a machine shared with other
work the wall clock grows with the load, so the CPU time spent per request is shown too: this
process's and its PostgreSQL backend's (read from /proc when the server runs on this machine;
parallel query workers, which PostgreSQL starts for big scans, are not in it)."""

import functools
import logging
import os
import statistics
import time
from importlib import import_module

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from registration.hotline.queries import forget_dashboard_counts

TARGET_P95_MS = 50
REFERENCE = "hotline index (reference)"
RECOUNTED = "dashboard, counting afresh"
RECOUNTED_ALL = "dashboard, every past day too"
USERNAME = "bench-hotline"
# The group the migration creates, under the name it gives it.
HOTLINE_GROUP = import_module("registration.hotline.migrations.0003_hotline_group").GROUP_NAME


def signed_in_client():
    """A client of a hotline member made for the run (removed by `remove_user`)."""
    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "email": "bench-hotline@example.org"}
    )
    user.groups.add(Group.objects.get(name=HOTLINE_GROUP))
    client = Client()
    client.force_login(user)
    return client


def remove_user():
    get_user_model().objects.filter(username=USERNAME).delete()


def pages_of(conference, *, search_term):
    """(name, path, query) of every page measured: the list of the conference alone, with a
    search, with each sidebar filter, and the dashboard."""
    changelist = reverse("hotline:registration_registration_changelist")
    scoped = {"conference__id__exact": conference.pk}
    day = conference.days.first()
    table = conference.world_cafe_tables.first()
    category = conference.participant_categories.first()
    filters = [
        ("status", {"status__exact": "confirmed"}),
        ("category", {"category": category.pk}),
        ("day", {"day": day.pk}),
        ("gala dinner", {"gala_dinner__exact": "1"}),
        ("table", {"table": table.pk}),
        ("no table", {"table": "none"}),
        ("country", {"country": "AT"}),
        ("email problem", {"email_problem": "yes"}),
        ("source", {"source__exact": "phone"}),
    ]
    rows = [
        # The back office's lightest page: its cost in the same run shows how fast the
        # machine is at the moment (the other rows' "× index").
        (REFERENCE, reverse("hotline:index"), {}),
        ("list, all conferences", changelist, {}),
        ("list of the conference", changelist, scoped),
        (f"list, search {search_term!r}", changelist, scoped | {"q": search_term}),
    ]
    rows += [(f"list, filter {name}", changelist, scoped | query) for name, query in filters]
    rows.append(("dashboard", reverse("hotline:dashboard", args=[conference.pk]), {}))
    # Its registration counts are kept for a few seconds: every request recounting them too,
    # and, as the first request of the hour does, the registrations of the days before today.
    rows.append((RECOUNTED, reverse("hotline:dashboard", args=[conference.pk]), {}))
    rows.append((RECOUNTED_ALL, reverse("hotline:dashboard", args=[conference.pk]), {}))
    return rows


def _backend_pid():
    """This connection's PostgreSQL backend, asked once per connection (not inside the
    CPU time of every request)."""
    raw = connection.connection
    if getattr(_backend_pid, "connection", None) is not raw or raw is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (_backend_pid.pid,) = cursor.fetchone()
        _backend_pid.connection = connection.connection
    return _backend_pid.pid


def _backend_cpu_seconds():
    """CPU seconds of this connection's PostgreSQL backend so far; 0 when it is elsewhere."""
    try:
        with open(f"/proc/{_backend_pid()}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds():
    return time.process_time() + _backend_cpu_seconds()


def time_pages(client, pages, repeat):
    """{name: (milliseconds of each of `repeat` requests, CPU ms per request)} for pages of
    (name, path, query, before_each). One untimed request per page first (caches, imports),
    then `repeat` rounds of one request per page: a burst of other work on the machine falls
    on every page alike instead of deciding one page's p95. `before_each` runs untimed."""
    timings = {name: [] for name, *_rest in pages}
    cpu = dict.fromkeys(timings, 0.0)
    # The site logs a line per request; here it would only break up the table.
    logging.getLogger("mce_site.requests").setLevel(logging.WARNING)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for round_number in range(repeat + 1):
            for name, path, query, before_each in pages:
                if before_each is not None:
                    before_each()
                cpu_started = cpu_seconds()
                started = time.perf_counter()
                response = client.get(path, query)
                elapsed = (time.perf_counter() - started) * 1000
                cpu_used = cpu_seconds() - cpu_started
                if response.status_code != 200:
                    raise RuntimeError(f"{path} {query} answered {response.status_code}")
                if round_number:
                    timings[name].append(elapsed)
                    cpu[name] += cpu_used * 1000 / repeat
    return {name: (timings[name], cpu[name]) for name in timings}


def p95(timings):
    """The 95th percentile as spreadsheets and numpy compute it (linear between the two
    nearest requests; of 50 requests, between the 3rd and the 4th slowest)."""
    if len(timings) < 2:
        return timings[0]
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def report_lines(client, conference, *, search_term, repeat):
    """The table's lines: one a page, with its p50, p95 and whether p95 meets the target."""
    yield f"{repeat} requests a page, in rounds of one request per page"
    yield (
        f"{'page (whole request)':<40} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7} {'× index':>8}"
        f"  target p95 < {TARGET_P95_MS}"
    )
    pages = [
        (name, path, query, _before_each(name, conference))
        for name, path, query in pages_of(conference, search_term=search_term)
    ]
    measured = time_pages(client, pages, repeat)
    reference_cpu_ms = measured[REFERENCE][1]
    for name, (timings, cpu_ms) in measured.items():
        worst = p95(timings)
        verdict = "–" if name == REFERENCE else "met" if worst < TARGET_P95_MS else "MISSED"
        median, times = statistics.median(timings), cpu_ms / reference_cpu_ms
        yield f"{name:<40} {median:>7.1f} {worst:>7.1f} {cpu_ms:>7.1f} {times:>8.1f}  {verdict}"


def _before_each(name, conference):
    """What to do (untimed) before each request of the page `name`: forget the dashboard's
    counts for the two rows that count afresh, nothing for the others."""
    if name not in (RECOUNTED, RECOUNTED_ALL):
        return None
    past_days = name == RECOUNTED_ALL
    return functools.partial(forget_dashboard_counts, conference, past_days=past_days)
