"""Everything the benchmark reads or writes in the registration tables directly.

Clients use the web pages and the query probe uses `registration.services`, both stable;
only the reads and writes below know today's model (capacities on Conference, Day,
WorldCafeTable; a registration holds seats while *pending* or *confirmed* and waits while
*waitlisted*). When the new core (per-item counters and waiting lists) lands, this is the
one file to adapt: `items_held()` above all, then `set_free_seats()` and `outcomes()`.

Import after django.setup()."""

import math
import threading
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q

from conferences.models import Conference
from registration.models import ParticipantCategory, Registration

HOLDING = (Registration.Status.PENDING, Registration.Status.CONFIRMED)
WAITING = Registration.Status.WAITLISTED
SEATED = "seat (pending or confirmed)"  # the outcome of holding a conference seat
# Token look-ups from the client threads at once: at most this many database connections.
LOOKUPS = threading.BoundedSemaphore(4)


@dataclass(frozen=True)
class Item:
    name: str
    capacity: int
    held: int

    @property
    def oversold(self):
        return max(self.held - self.capacity, 0)


def items_held(slug):
    """Per capacity item (the conference, each day, the gala dinner, each World Café table):
    its capacity and how many registrations hold a seat of it right now, counted from the
    registrations themselves (with per-item counters, count the holders of each item's
    seats here, not the counters: the point is to check the counters against reality)."""
    conference = Conference.objects.get(slug=slug)
    holding = Q(registrations__status__in=HOLDING)
    holders = Registration.objects.filter(conference=conference, status__in=HOLDING)
    items = [Item("conference", conference.capacity, holders.count())]
    for day in conference.days.annotate(held=Count("registrations", filter=holding)):
        capacity = day.capacity if day.capacity is not None else conference.capacity
        items.append(Item(_day(day), capacity, day.held))
    if conference.gala_dinner_capacity is not None:
        dinner_held = holders.filter(gala_dinner=True).count()
        items.append(Item("gala dinner", conference.gala_dinner_capacity, dinner_held))
    for table in conference.world_cafe_tables.annotate(held=Count("registrations", filter=holding)):
        items.append(Item(_table(table), table.capacity, table.held))
    return items


def _day(day):
    return f"day {day.date:%a %d %b}"


def _table(table):
    return f"World Café table {table.number}"


def set_free_seats(slug, *, seats=None, days=None, dinner=None, tables=None):
    """Sets each item's capacity to what it holds now plus the given number of free seats
    (None: unchanged; `tables`: free seats at the World Café, spread evenly over its tables),
    saved like an organiser's change in admin. Never below what is held."""
    held = {item.name: item.held for item in items_held(slug)}
    conference = Conference.objects.get(slug=slug)
    if seats is not None or dinner is not None:
        if seats is not None:
            conference.capacity = held["conference"] + seats
        if dinner is not None and conference.gala_dinner_capacity is not None:
            conference.gala_dinner_capacity = held["gala dinner"] + dinner
        conference.save(update_fields=["capacity", "gala_dinner_capacity"])
    if days is not None:
        for day in conference.days.all():
            day.capacity = held[_day(day)] + days
            day.save(update_fields=["capacity"])
    all_tables = list(conference.world_cafe_tables.all())
    if tables is not None and all_tables:
        for table in all_tables:
            table.capacity = held[_table(table)] + math.ceil(tables / len(all_tables))
            table.save(update_fields=["capacity"])


def outcomes(slug, emails):
    """How the sign-ups under these addresses stand: {outcome: count}."""
    registrations = Registration.objects.filter(conference__slug=slug, email__in=list(emails))
    counts = dict(registrations.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        SEATED: sum(counts.get(status, 0) for status in HOLDING),
        "waiting list": counts.get(WAITING, 0),
        "cancelled": counts.get(Registration.Status.CANCELLED, 0),
    }


def category_for_all_days(slug):
    """The first participant category that may attend every day (member city in the demo)."""
    category = (
        ParticipantCategory.objects.filter(
            conference__slug=slug, may_attend_reserved_days=True, is_press=False
        )
        .order_by("order", "pk")
        .first()
    )
    return str(category.pk) if category else None


def manage_token(slug, email):
    """The token of the personal manage link, which only the emails carry. Called from many
    client threads: a few at a time, each closing its connection, so they never pile up."""
    with LOOKUPS:
        try:
            return (
                Registration.objects.filter(conference__slug=slug, email=email)
                .values_list("manage_token", flat=True)
                .first()
            )
        finally:
            connection.close()
