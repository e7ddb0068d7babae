"""The rule of who holds what (see the package docstring) and the moves that apply it:
claiming seats on the counters, writing the bookings, releasing them."""

import datetime
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from registration.models import Booking, CapacityItem, Registration, new_offer_token

from .items import Items, Kind, load_items

State = Booking.State
Status = Registration.Status
SEATED = (State.HELD, State.OFFERED)
# An unconfirmed hold or an offer is reminded of when this share of its time is left.
REMIND_WHEN_LEFT = 0.25


@dataclass
class Wish:
    days: list
    dinner: CapacityItem | None
    tables: list
    all_days: bool
    wait_for_table: bool


def wish_of(registration, items, days):
    tables = [
        items.tables[table_id]
        for table_id in (registration.first_table_choice_id, registration.second_table_choice_id)
        if table_id in items.tables
    ]
    return Wish(
        days=[items.days[day.pk] for day in days if day.pk in items.days],
        dinner=items.dinner if registration.gala_dinner else None,
        tables=tables,
        all_days=registration.waits_for_all_days,
        wait_for_table=registration.waits_for_table,
    )


@dataclass
class Plan:
    hold: list = field(default_factory=list)
    wait: list = field(default_factory=list)


def plan(wish, items, has_seat):
    """What to hold and what to wait for; `has_seat(item)` says whether the person can
    have a seat of the item now. This is the rule of the package docstring."""
    conference = items.conference_item
    free_days = [day for day in wish.days if has_seat(day)]
    full_days = [day for day in wish.days if not has_seat(day)]
    if not has_seat(conference):
        return Plan(wait=[conference])
    if not free_days or (wish.all_days and full_days):
        return Plan(wait=full_days)
    result = Plan(hold=[conference, *free_days], wait=list(full_days))
    if wish.dinner is not None:
        (result.hold if has_seat(wish.dinner) else result.wait).append(wish.dinner)
    table = next((table for table in wish.tables if has_seat(table)), None)
    if table is not None:
        result.hold.append(table)
    elif wish.wait_for_table:
        result.wait.extend(wish.tables)
    return result


@dataclass
class Outcome:
    """A claim on the counters and what it changed: items whose seats were freed, items
    newly waited for, items newly seated."""

    plan: Plan
    current: dict
    freed: list = field(default_factory=list)
    queued: list = field(default_factory=list)
    gained: list = field(default_factory=list)
    offered: bool = False  # the seats gained are only offered (written by write_bookings)

    def _held(self):
        gained = {item.pk for item in self.gained} if self.offered else set()
        return [item for item in self.plan.hold if item.pk not in gained]

    @property
    def holds_conference(self):
        return any(item.kind == Kind.CONFERENCE for item in self._held())

    @property
    def table_id(self):
        return next((item.table_id for item in self._held() if item.kind == Kind.TABLE), None)


class _SeatLost(Exception):
    """A seat that looked free was taken by a concurrent transaction."""


def reseat(registration, *, days, promoting=(), offer=False, now=None, arrival=None):
    """Brings a saved registration's bookings in line with its wishes: keeps the seats it
    holds and still wants, takes free seats, waits for the rest, gives up what it no longer
    wants. See `claim_seats` and `write_bookings`."""
    outcome = claim_seats(registration, days=days, promoting=promoting)
    write_bookings(registration, outcome, offer=offer, now=now, arrival=arrival)
    return outcome


def claim_seats(registration, *, days, promoting=()):
    """Moves the counters for the registration's wishes (it may be unsaved: a sign-up claims
    before it is inserted). `promoting` are items whose queue it heads: it may take their
    free seats although others are queued. Call inside a transaction that locked the
    registration row; never takes a seat beyond capacity, whatever runs concurrently.

    The counters it may touch (what it wishes for and what it holds) are locked in
    primary-key order and read under the lock, so the plan holds until the commit; the moves
    are then at most two statements, whatever the number of items."""
    current = {b.item_id: b for b in registration.bookings.all()} if registration.pk else {}
    promoting_ids = {item.pk for item in promoting}
    items = _lock_counters(registration, days, current)
    chosen = plan(wish_of(registration, items, days), items, _seat_test(current, promoting_ids))
    try:
        return _move_counters(registration, chosen, current, promoting_ids)
    except _SeatLost:
        # Only where rows cannot be locked (SQLite serialises writers instead): wait.
        chosen = plan(wish_of(registration, items, days), items, lambda i: _holds(current, i))
        return _move_counters(registration, chosen, current, promoting_ids)


def lock_all_counters(conference):
    """Every counter of the conference, locked in primary-key order: for a transaction that
    seats several people one after the other (a delegation). Taking each person's counters
    as they come would lock them out of order across people, and a single sign-up locking
    the same counters in order could then deadlock with it."""
    return list(
        CapacityItem.objects.select_for_update()
        .filter(conference=conference)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _lock_counters(registration, days, current):
    """The registration's items, locked (`SELECT … FOR UPDATE`, primary-key order) with
    `has_queue`: someone else is queued for it."""
    wanted = Q(kind=Kind.CONFERENCE) | Q(day__in=[day.pk for day in days]) | Q(pk__in=current)
    if registration.gala_dinner:
        wanted |= Q(kind=Kind.DINNER)
    tables = [registration.first_table_choice_id, registration.second_table_choice_id]
    wanted |= Q(table__in=[table for table in tables if table])
    others = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
    if registration.pk:
        others = others.exclude(registration=registration.pk)
    rows = list(
        CapacityItem.objects.select_for_update(of=("self",))
        .filter(wanted, conference=registration.conference_id)
        .annotate(has_queue=Exists(others))
        .order_by("pk")
    )
    if not any(item.kind == Kind.CONFERENCE for item in rows):
        load_items(registration.conference)  # counters not made yet (e.g. raw fixtures)
        return _lock_counters(registration, days, current)
    return Items.from_rows(rows)


def _holds(current, item):
    booking = current.get(item.pk)
    return booking is not None and booking.state in SEATED


def _seat_test(current, promoting_ids):
    def has_seat(item):
        if _holds(current, item):
            return True
        if item.taken >= item.capacity:
            return False
        return item.pk in promoting_ids or not item.has_queue

    return has_seat


def _move_counters(registration, chosen, current, promoting_ids):
    """Takes the new seats with one conditional statement and frees the seats given up with
    another. The rows are locked already; the condition (`taken < capacity`) still guards
    databases without row locks: there a lost seat undoes the takes and raises _SeatLost."""
    hold_ids = {item.pk for item in chosen.hold}
    take = [item for item in chosen.hold if not _holds(current, item)]
    free = [pk for pk, booking in current.items() if booking.state in SEATED and pk not in hold_ids]
    take_ids = [item.pk for item in take]
    if take_ids:
        # With row locks the condition always holds; without, a savepoint undoes a partial take.
        locked = connection.features.has_select_for_update
        with nullcontext() if locked else transaction.atomic():
            taken = CapacityItem.objects.filter(pk__in=take_ids, taken__lt=F("capacity")).update(
                taken=F("taken") + 1
            )
            if taken != len(take_ids):
                raise _SeatLost()
    if free:
        CapacityItem.objects.filter(pk__in=free).update(taken=F("taken") - 1)
    waiting_ids = {pk for pk, booking in current.items() if booking.state == State.WAITING}
    return Outcome(
        plan=chosen,
        current=current,
        freed=free,
        queued=[item.pk for item in chosen.wait if item.pk not in waiting_ids],
        gained=take,
    )


def write_bookings(registration, outcome, *, offer=False, now=None, arrival=None):
    """Writes the bookings of a claim (the registration is saved by now). New seats are
    offered until the conference's offer time ends when `offer`; a pending registration's
    seats end with its hold. New waiting places join at `arrival` (default: now)."""
    now = now or timezone.now()
    chosen, current = outcome.plan, outcome.current
    keep = {item.pk for item in chosen.hold + chosen.wait}
    gone = [booking.pk for pk, booking in current.items() if pk not in keep]
    if gone:
        Booking.objects.filter(pk__in=gone).delete()
    outcome.offered = offer and bool(outcome.gained)
    seat = _seat_fields(registration, offer=outcome.offered, now=now)
    new, changed = [], []
    for item in chosen.hold:
        booking = current.get(item.pk)
        if booking is not None and booking.state in SEATED:
            continue
        booking = booking or Booking(registration=registration, item=item, joined_at=now)
        for name, value in seat.items():
            setattr(booking, name, value)
        (changed if booking.pk else new).append(booking)
    new += [
        Booking(
            registration=registration,
            item=item,
            state=State.WAITING,
            joined_at=arrival or now,
            queued=registration.email_confirmed,
        )
        for item in chosen.wait
        if item.pk not in current
    ]
    Booking.objects.bulk_create(new)
    if changed:
        Booking.objects.bulk_update(changed, list(seat))
    registration._prefetched_objects_cache = {}


def _seat_fields(registration, *, offer, now):
    if offer:
        expires, remind = deadline(now, registration.conference.offer_hold_hours)
        return {
            "state": State.OFFERED,
            "queued": False,
            "expires_at": expires,
            "remind_at": remind,
            "offer_token": new_offer_token(),
        }
    expires = registration.expires_at if registration.status == Status.PENDING else None
    return {
        "state": State.HELD,
        "queued": False,
        "expires_at": expires,
        "remind_at": None,
        "offer_token": "",
    }


def deadline(now, hours):
    """(ends at, remind at) of a hold of `hours` starting `now`."""
    span = datetime.timedelta(hours=hours)
    return now + span, now + span * (1 - REMIND_WHEN_LEFT)


def release_all(registration):
    """Frees every seat of the registration and leaves every waiting list; returns the ids
    of the items freed. The registration row is locked by the caller."""
    freed = free_seats(registration.bookings.filter(state__in=SEATED).values("item_id"))
    registration.bookings.all().delete()
    return freed


def free_seats(item_ids):
    """One seat less taken on each of these items: the counters are locked in primary-key
    order (the app's one lock order), then freed with one statement. Returns their ids."""
    freed = list(
        CapacityItem.objects.select_for_update()
        .filter(pk__in=item_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if freed:
        CapacityItem.objects.filter(pk__in=freed).update(taken=F("taken") - 1)
    return freed


def confirm_address(registration):
    """The address is confirmed: held seats stop expiring and waiting places join their
    queues (in their arrival order). One statement for both."""
    held, waiting = Q(state=State.HELD), Q(state=State.WAITING)
    no_time = Value(None, output_field=DateTimeField())
    registration.bookings.filter(held | waiting).update(
        expires_at=Case(When(held, then=no_time), default=F("expires_at")),
        remind_at=Case(When(held, then=no_time), default=F("remind_at")),
        queued=Case(When(waiting, then=Value(True)), default=F("queued")),
    )


def accept_offered(registration):
    """Offered seats become held. Returns how many."""
    return registration.bookings.filter(state=State.OFFERED).update(
        state=State.HELD, expires_at=None, remind_at=None, offer_token=""
    )


def holds_conference_seat(registration):
    return registration.bookings.filter(item__kind=Kind.CONFERENCE, state=State.HELD).exists()


def _conference_seat_and_table(registration):
    """(whether it holds its conference seat, the table it holds or None) in one query."""
    held = registration.bookings.filter(
        state=State.HELD, item__kind__in=(Kind.CONFERENCE, Kind.TABLE)
    ).order_by("item_id")
    kinds_and_tables = list(held.values_list("item__kind", "item__table_id"))
    holds = any(kind == Kind.CONFERENCE for kind, _table in kinds_and_tables)
    table_id = next((table for kind, table in kinds_and_tables if kind == Kind.TABLE), None)
    return holds, table_id


def update_status(registration, *, outcome=None, now=None):
    """Status from the bookings (or from the claim just made): pending until the address
    is confirmed, confirmed when it holds the conference seat, else waiting. Also the
    assigned table. The caller saves."""
    if registration.status not in Registration.ACTIVE_STATUSES:
        return registration
    now = now or timezone.now()
    if outcome is not None:
        holds, table_id = outcome.holds_conference, outcome.table_id
    else:
        holds, table_id = _conference_seat_and_table(registration)
    if not registration.email_confirmed:
        status = Status.PENDING
    else:
        status = Status.CONFIRMED if holds else Status.WAITLISTED
    if status == Status.CONFIRMED and registration.status != Status.CONFIRMED:
        registration.confirmed_at = now
    if status == Status.WAITLISTED and registration.status != Status.WAITLISTED:
        registration.waitlisted_at = now
    registration.status = status
    registration.world_cafe_table_id = table_id
    return registration
