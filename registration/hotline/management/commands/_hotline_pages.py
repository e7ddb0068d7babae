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


def pages(conference, *, search_term):
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
    # Its registration counts are kept for a few seconds: every request recounting them too.
    rows.append((RECOUNTED, reverse("hotline:dashboard", args=[conference.pk]), {}))
    return rows


def _backend_cpu_seconds():
    """CPU seconds of this connection's PostgreSQL backend so far; 0 when it is elsewhere."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds():
    return time.process_time() + _backend_cpu_seconds()


def time_page(client, path, query, repeat, *, before_each=None):
    """(milliseconds of each of `repeat` requests, CPU ms per request), after one request
    that warms caches and imports; `before_each` runs untimed before every request."""
    timings, cpu_before, untimed = [], 0.0, 0.0
    # The site logs a line per request; here it would only break up the table.
    logging.getLogger("mce_site.requests").setLevel(logging.WARNING)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for attempt in range(repeat + 1):
            if before_each is not None:
                cpu_paused = cpu_seconds()
                before_each()
                untimed += (cpu_seconds() - cpu_paused) if attempt else 0.0
            started = time.perf_counter()
            response = client.get(path, query)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{path} {query} answered {response.status_code}")
            if attempt:
                timings.append(elapsed)
            else:
                cpu_before = cpu_seconds()
    return timings, (cpu_seconds() - cpu_before - untimed) * 1000 / repeat


def p95(timings):
    return statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]


def report_lines(client, conference, *, search_term, repeat):
    """The table's lines: one a page, with its p50, p95 and whether p95 meets the target."""
    yield (
        f"{'page (whole request)':<40} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7} {'× index':>8}"
        f"  target p95 < {TARGET_P95_MS}"
    )
    reference_cpu_ms = None
    for name, path, query in pages(conference, search_term=search_term):
        forget = None
        if name == RECOUNTED:
            forget = functools.partial(forget_dashboard_counts, conference)
        timings, cpu_ms = time_page(client, path, query, repeat, before_each=forget)
        reference_cpu_ms = reference_cpu_ms or cpu_ms
        worst = p95(timings)
        verdict = "–" if name == REFERENCE else "met" if worst < TARGET_P95_MS else "MISSED"
        median, times = statistics.median(timings), cpu_ms / reference_cpu_ms
        yield f"{name:<40} {median:>7.1f} {worst:>7.1f} {cpu_ms:>7.1f} {times:>8.1f}  {verdict}"
