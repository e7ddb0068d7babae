"""Everything the benchmark reads or writes in the registration tables directly.

Clients use the web pages and the query probe uses `registration.services`, both stable;
only the reads and writes below know the model: a counter per capacity item (the
conference, each day, the gala dinner, each World Café table) and per registration a
booking of each item it chose (a seat held, a seat offered, or a place on the waiting list).

Import after django.setup()."""

import math
import threading
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from conferences.models import Conference
from registration.models import Booking, CapacityItem, ParticipantCategory, Registration

SEATED = "seat (conference seat held)"  # the outcome of holding a conference seat
# Token look-ups from the client threads at once: at most this many database connections.
LOOKUPS = threading.BoundedSemaphore(4)


@dataclass(frozen=True)
class Item:
    name: str
    capacity: int
    held: int
    counter: int

    @property
    def oversold(self):
        """Seats beyond capacity, and any disagreement between the counter and the seats
        actually held (a counter that drifted would sell seats twice or never)."""
        return max(self.held - self.capacity, 0) + abs(self.counter - self.held)


def items_held(slug):
    """Per capacity item: its capacity, the seats held or offered counted from the bookings
    themselves (not from the counter: the point is to check the counter against reality),
    and the counter."""
    held = Count("bookings", filter=Q(bookings__state__in=["held", "offered"]))
    rows = (
        CapacityItem.objects.filter(conference__slug=slug)
        .select_related("day", "table")
        .annotate(held=held)
        .order_by("pk")
    )
    return [Item(_name(item), item.capacity, item.held, item.taken) for item in rows]


def _name(item):
    if item.kind == "day":
        return f"day {item.day.date:%a %d %b}"
    if item.kind == "table":
        return f"World Café table {item.table.number}"
    return "gala dinner" if item.kind == "dinner" else "conference"


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
            day.capacity = held[f"day {day.date:%a %d %b}"] + days
            day.save(update_fields=["capacity"])
    all_tables = list(conference.world_cafe_tables.all())
    if tables is not None and all_tables:
        for table in all_tables:
            table.capacity = held[f"World Café table {table.number}"] + math.ceil(
                tables / len(all_tables)
            )
            table.save(update_fields=["capacity"])


def outcomes(slug, emails):
    """How the sign-ups under these addresses stand: {outcome: count}. A seat and a place
    on another item's waiting list (the dinner, a day) are counted apart."""
    registrations = Registration.objects.filter(conference__slug=slug, email__in=list(emails))
    seat = Booking.objects.filter(
        registration=OuterRef("pk"), item__kind="conference", state="held"
    )
    waits = Booking.objects.filter(registration=OuterRef("pk"), state="waiting")
    rows = registrations.annotate(seat=Exists(seat), waits=Exists(waits)).values_list(
        "status", "seat", "waits"
    )
    counts = {SEATED: 0, "of them also waiting (dinner, a day, a table)": 0}
    counts |= {"waiting list (no seat)": 0, "unconfirmed": 0, "cancelled": 0}
    for status, has_seat, waits_too in rows:
        if status == Registration.Status.CANCELLED:
            counts["cancelled"] += 1
        elif status == Registration.Status.PENDING:
            counts["unconfirmed"] += 1
        elif has_seat:
            counts[SEATED] += 1
            counts["of them also waiting (dinner, a day, a table)"] += waits_too
        else:
            counts["waiting list (no seat)"] += 1
    return counts


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


def personal_tokens(slug, email):
    """(manage token, confirm token) of the personal links, which only the emails carry;
    None before the sign-up is stored. Called from many client threads: a few at a time,
    each closing its connection, so they never pile up."""
    with LOOKUPS:
        try:
            return (
                Registration.objects.filter(conference__slug=slug, email=email)
                .values_list("manage_token", "confirm_token")
                .first()
            )
        finally:
            connection.close()
