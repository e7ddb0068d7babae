"""Queries per sign-up and per promoting cancellation, with a short and a long waiting list,
counted in-process around the services `submit_registration()` and `cancel_registration()`.

Each call is made outside any transaction, so the service's own transaction commits inside
the count, email rows included. Promotion is the worker's job: its step (the registration
sweep) is counted as a row of its own.

The waiting list is of confirmed people who hold a conference seat and wait for the full
gala dinner. It is built through the services; building stops early after BUILD_SECONDS and
the report shows the length reached.

Runs in a process of its own on a copy of the freshly loaded demo database, started by the
benchmark with the site's environment:
    python -m scripts.bench_rush.query_probe SLUG WAITING BUILD_SECONDS OUT.json"""

# ruff: noqa: E402 - this module only runs as a program: Django is set up before the models load.
import django

django.setup()

import json
import sys
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conferences.models import Conference
from registration import services
from registration.capacity import sweep
from registration.models import Booking
from tests.factories import registration_data

from . import database

DINNER_HOLDERS = 10
SIGN_UPS_MEASURED = 3  # the median is reported


def queries_of(action):
    """(queries, milliseconds) of one call; queries as a string "≥ N" when there were more
    than Django keeps in its query log."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        action()
        milliseconds = (time.perf_counter() - started) * 1000
    count = len(captured)
    return (f"≥ {count}" if count >= connection.queries_limit else count), milliseconds


class Probe:
    def __init__(self, slug):
        self.slug = slug
        self.conference = Conference.objects.get(slug=slug)
        self.category = self.conference.participant_categories.get(
            pk=database.category_for_all_days(slug)
        )
        self.days = list(self.conference.days.all())
        self.tables = list(self.conference.world_cafe_tables.all())
        self.rows = []
        self.count = 0

    def data(self, *, dinner):
        self.count += 1
        first = self.tables[self.count % len(self.tables)] if self.tables else None
        return registration_data(
            self.conference,
            email=f"probe-{self.count}@bench.example.org",
            category=self.category,
            days=self.days,
            gala_dinner=dinner,
            first_table_choice=first,
        )

    def sign_up(self, *, dinner):
        """A sign-up whose address is confirmed: its waiting places are in the queue."""
        registration = services.submit_registration(
            conference=self.conference, data=self.data(dinner=dinner), language="en"
        )
        return services.confirm_registration(registration=registration)

    def waiting(self):
        """People queued for the gala dinner (the probe's long list)."""
        return Booking.objects.filter(
            item__conference=self.conference, item__kind="dinner", state="waiting", queued=True
        ).count()

    def measure_sign_up(self, waiting):
        """The median of three sign-ups: a drawn booking reference that is already taken
        (about 1 in 350 at a thousand registrations) costs one more query, by chance."""
        counted = []
        for _ in range(SIGN_UPS_MEASURED):
            data = self.data(dinner=False)
            counted.append(
                queries_of(
                    lambda data=data: services.submit_registration(
                        conference=self.conference, data=data, language="en"
                    )
                )
            )
        counted.sort(key=lambda pair: (pair[0] if isinstance(pair[0], int) else float("inf"),))
        queries, ms = counted[SIGN_UPS_MEASURED // 2]
        self.rows.append(
            {"operation": "sign-up, gets a seat", "waiting": waiting, "queries": queries, "ms": ms}
        )

    def measure_cancellation(self, registration, waiting):
        """The cancellation request, then the worker's step that gives the freed seat to the
        head of the waiting list (promotion runs in the worker, not in the request)."""
        before = self.waiting()
        queries, ms = queries_of(lambda: services.cancel_registration(registration=registration))
        self.rows.append(
            {"operation": "cancellation", "waiting": waiting, "queries": queries, "ms": ms}
        )
        queries, ms = queries_of(sweep)
        self.rows.append(
            {
                "operation": "worker promotes the next",
                "waiting": waiting,
                "queries": queries,
                "ms": ms,
                "promoted": before - self.waiting(),
            }
        )

    def run(self, long_list, build_seconds):
        free = long_list + 100
        database.set_free_seats(
            self.slug, seats=free, days=free, dinner=DINNER_HOLDERS, tables=free
        )
        holders = [self.sign_up(dinner=True) for _ in range(DINNER_HOLDERS)]  # dinner full
        self.measure_sign_up(waiting=0)
        self.sign_up(dinner=True)  # the one person waiting for the dinner
        self.measure_cancellation(holders[0], waiting=1)

        started = time.monotonic()
        for _ in range(long_list):
            self.sign_up(dinner=True)
            if time.monotonic() - started > build_seconds:
                break
        built_in = time.monotonic() - started

        waiting = self.waiting()
        self.measure_sign_up(waiting=waiting)
        self.measure_cancellation(holders[1], waiting=waiting)
        return {"rows": self.rows, "build_seconds": built_in, "asked_waiting": long_list}


def main(slug, long_list, build_seconds, out_path):
    result = Probe(slug).run(int(long_list), float(build_seconds))
    with open(out_path, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main(*sys.argv[1:])
