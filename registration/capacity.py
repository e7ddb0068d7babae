"""Capacity: who holds a seat of what, who waits for it, and who gets a seat that is freed.

The rule (the README repeats it):

* Items. A conference has capacity items: the conference as a whole, each day, the gala
  dinner and each World Café table, each with its own seats and its own waiting list in
  arrival order. Per item it chose, a registration holds a seat, is offered one, or waits.
* Core. A conference seat and at least one chosen day belong together; without them nothing
  else is held. If the conference is full, or every chosen day is full, or any chosen day
  is full for someone who asked to wait for the whole registration, the person holds
  nothing and waits for what is full.
* Otherwise each full day is waited for on its own while the other days are held; the gala
  dinner is held if it has a seat, else waited for; the table is the first choice if it has
  a seat, else the second, else (if the person wants to) they wait for whichever of the two
  frees first.
* A seat is free for someone only when nobody is queued for it: the waiting list goes first.
* Double opt-in: a web sign-up holds its seats until the address is confirmed by the link
  or the hold time ends (one reminder before), and its waiting places join the queue only
  once the address is confirmed. An unconfirmed address is never promoted.
* Promotion: seats freed on an item (cancellation, change, expiry, lapsed offer, raised
  capacity) go to that item's first queued people, item by item, after the freeing
  transaction commits (and in the worker's sweep, should a process die in between). Each
  promoted person gets one email. The conference decides: confirmed at once, or offered the
  seats for a set time, accepted with one click; a lapsed offer passes to the next person.
  Someone at the head of a core waiting list whose other core items are full moves to wait
  for those instead, keeping their arrival time.

Concurrency: a transaction locks the registration row, then only the counter rows of the
items it changes, by conditional updates in primary-key order (`taken = taken + 1 WHERE
taken < capacity`); the database refuses `taken > capacity`. No event-wide lock, and
nothing done under a lock grows with a waiting list: the head of a queue is an index range
scan. Expiry and offers are per booking, so the sweep touches only what is due."""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference, Day, WorldCafeTable

from .emails import send_registration_email
from .models import Booking, CapacityItem, Registration, new_offer_token

logger = logging.getLogger(__name__)

Kind = CapacityItem.Kind
State = Booking.State
Status = Registration.Status
SEATED = (State.HELD, State.OFFERED)
# Attempts at taking seats before someone who keeps losing races simply waits.
TAKE_ATTEMPTS = 3
# An unconfirmed hold or an offer is reminded of when this share of its time is left.
REMIND_WHEN_LEFT = 0.25


# --- the items of a conference ------------------------------------------------------


def sync_items(conference):
    """Creates and updates the counter rows from what organisers configured (the conference's
    capacity, each day's or the conference's, the dinner's, each table's). Returns the ids
    of items that have more seats than before (their waiting lists may move up). Raises
    ValidationError if a capacity would fall below the seats taken."""
    wanted = [(Kind.CONFERENCE, None, None, conference.capacity)]
    for day in Day.objects.filter(conference=conference):
        wanted.append((Kind.DAY, day, None, day.capacity or conference.capacity))
    if conference.gala_dinner_capacity is not None:
        wanted.append((Kind.DINNER, None, None, conference.gala_dinner_capacity))
    for table in WorldCafeTable.objects.filter(conference=conference):
        wanted.append((Kind.TABLE, None, table, table.capacity))
    existing = {
        (item.kind, item.day_id, item.table_id): item
        for item in CapacityItem.objects.filter(conference=conference)
    }
    grown = []
    for kind, day, table, seats in wanted:
        key = (kind, day.pk if day else None, table.pk if table else None)
        item = existing.get(key)
        if item is None:
            CapacityItem.objects.create(
                conference=conference, kind=kind, day=day, table=table, capacity=seats
            )
        elif item.capacity != seats:
            _set_capacity(item, seats)
            if seats > item.capacity:
                grown.append(item.pk)
    return grown


def _set_capacity(item, seats):
    # Conditional, so a seat taken meanwhile cannot slip under a lowered capacity.
    changed = CapacityItem.objects.filter(pk=item.pk, taken__lte=seats).update(capacity=seats)
    if not changed:
        raise ValidationError(too_few_seats_message(item, seats))


def too_few_seats_message(item, seats):
    return _("%(item)s: %(taken)s seats are taken, so the capacity cannot be %(seats)s.") % {
        "item": str(item).capitalize(),
        "taken": CapacityItem.objects.get(pk=item.pk).taken,
        "seats": seats,
    }


def taken_by_item(conference):
    """{(kind, day id, table id): seats taken} for a conference's items."""
    rows = CapacityItem.objects.filter(conference=conference).values_list(
        "kind", "day_id", "table_id", "taken"
    )
    return {(kind, day, table): taken for kind, day, table, taken in rows}


@dataclass
class Items:
    """A conference's items as read in one query; `has_queue` is set when loaded with
    `queues_for=` (someone else is queued for the item)."""

    conference_item: CapacityItem
    days: dict
    dinner: CapacityItem | None
    tables: dict

    def all(self):
        items = [self.conference_item, *self.days.values(), *self.tables.values()]
        return items + ([self.dinner] if self.dinner else [])


def load_items(conference, *, queues_for=None):
    """The conference's items; with `queues_for` (a registration, saved or not), each says
    whether people other than that registration are queued for it."""
    rows = CapacityItem.objects.filter(conference=conference)
    if queues_for is not None:
        others = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
        if queues_for.pk:
            others = others.exclude(registration=queues_for.pk)
        rows = rows.annotate(has_queue=Exists(others))
    rows = list(rows)
    if not any(item.kind == Kind.CONFERENCE for item in rows):
        sync_items(conference)  # a conference saved before its items existed
        return load_items(conference, queues_for=queues_for)
    return Items(
        conference_item=next(item for item in rows if item.kind == Kind.CONFERENCE),
        days={item.day_id: item for item in rows if item.kind == Kind.DAY},
        dinner=next((item for item in rows if item.kind == Kind.DINNER), None),
        tables={item.table_id: item for item in rows if item.kind == Kind.TABLE},
    )


# --- what a registration asks for, and what it gets ---------------------------------


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
    """What to hold and what to wait for (the rule in the module docstring);
    `has_seat(item)` says whether the person can have a seat of the item now."""
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


class _SeatLost(Exception):
    """A seat that looked free was taken by a concurrent transaction."""


@dataclass
class Outcome:
    """What one re-seating changed: items whose seats were freed (promote them after the
    commit), items the registration newly queued for, and items it newly holds."""

    freed: list = field(default_factory=list)
    queued: list = field(default_factory=list)
    gained: list = field(default_factory=list)

    def add(self, other):
        self.freed += other.freed
        self.queued += other.queued
        self.gained += other.gained


def reseat(registration, *, days, promoting=(), offer=False, now=None, arrival=None):
    """Brings the registration's bookings in line with its wishes: keeps the seats it holds
    and still wants, takes free seats, waits for the rest and gives up what it no longer
    wants. `promoting` are items whose queue it heads (it may take their free seats despite
    the queue). With `offer`, seats taken now are offered until the conference's offer time
    ends. New waiting places join at `arrival` (default: now, the end of the list). Call
    inside a transaction that locked the registration row. Never takes a seat beyond
    capacity, whatever runs concurrently."""
    now = now or timezone.now()
    current = {booking.item_id: booking for booking in registration.bookings.all()}
    promoting_ids = {item.pk for item in promoting}
    for _attempt in range(TAKE_ATTEMPTS):
        items = load_items(registration.conference, queues_for=registration)
        wish = wish_of(registration, items, days)
        chosen = plan(wish, items, _seat_test(current, promoting_ids))
        try:
            with transaction.atomic():
                outcome = _move_counters(registration, chosen, current, promoting_ids)
        except _SeatLost:
            continue
        break
    else:  # lost every race: wait for everything not already held
        chosen = plan(wish, items, lambda item: _holds(current, item))
        outcome = _move_counters(registration, chosen, current, promoting_ids)
    _write_bookings(registration, chosen, current, outcome, offer=offer, now=now, arrival=arrival)
    return outcome


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
    """Takes and frees counter seats in primary-key order (the one lock order of the app)."""
    hold_ids = {item.pk for item in chosen.hold}
    take = [item for item in chosen.hold if not _holds(current, item)]
    free = [pk for pk, booking in current.items() if booking.state in SEATED and pk not in hold_ids]
    for pk, delta in sorted([(item.pk, 1) for item in take] + [(pk, -1) for pk in free]):
        if delta < 0:
            CapacityItem.objects.filter(pk=pk).update(taken=F("taken") - 1)
        elif not _take_seat(pk, registration, queue_first=pk not in promoting_ids):
            raise _SeatLost()
    waiting_ids = {pk for pk, booking in current.items() if booking.state == State.WAITING}
    return Outcome(
        freed=free,
        queued=[item.pk for item in chosen.wait if item.pk not in waiting_ids],
        gained=take,
    )


def _take_seat(item_id, registration, *, queue_first):
    seats = CapacityItem.objects.filter(pk=item_id, taken__lt=F("capacity"))
    if queue_first:
        queued = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
        seats = seats.exclude(Exists(queued.exclude(registration=registration.pk)))
    return seats.update(taken=F("taken") + 1) == 1


def _write_bookings(registration, chosen, current, outcome, *, offer, now, arrival):
    keep = {item.pk for item in chosen.hold + chosen.wait}
    gone = [booking.pk for pk, booking in current.items() if pk not in keep]
    if gone:
        Booking.objects.filter(pk__in=gone).delete()
    gained = {item.pk for item in outcome.gained}
    offer_token = new_offer_token() if offer and gained else ""
    seat_state, expires, remind = State.HELD, None, None
    if offer_token:
        seat_state = State.OFFERED
        expires, remind = _deadline(now, registration.conference.offer_hold_hours)
    elif registration.status == Status.PENDING:
        expires = registration.expires_at
    new, changed = [], []
    for item in chosen.hold:
        booking = current.get(item.pk)
        if booking is not None and booking.state in SEATED:
            continue
        booking = booking or Booking(registration=registration, item=item, joined_at=now)
        booking.state, booking.queued = seat_state, False
        booking.expires_at, booking.remind_at, booking.offer_token = expires, remind, offer_token
        (changed if booking.pk else new).append(booking)
    for item in chosen.wait:
        if item.pk not in current:
            new.append(
                Booking(
                    registration=registration,
                    item=item,
                    state=State.WAITING,
                    joined_at=arrival or now,
                    queued=registration.email_confirmed,
                )
            )
    Booking.objects.bulk_create(new)
    fields = ["state", "queued", "expires_at", "remind_at", "offer_token"]
    if changed:
        Booking.objects.bulk_update(changed, fields)
    registration._prefetched_objects_cache = {}


def _deadline(now, hours):
    span = datetime.timedelta(hours=hours)
    return now + span, now + span * (1 - REMIND_WHEN_LEFT)


def hold_deadline(registration, now):
    """(expires_at, remind_at) of an unconfirmed sign-up's hold."""
    return _deadline(now, registration.conference.pending_hold_hours)


def release_all(registration):
    """Frees every seat of the registration and leaves every waiting list; returns the
    Outcome (the freed items). Inside the caller's transaction, registration row locked."""
    current = {booking.item_id: booking for booking in registration.bookings.all()}
    freed = sorted(pk for pk, booking in current.items() if booking.state in SEATED)
    for pk in freed:
        CapacityItem.objects.filter(pk=pk).update(taken=F("taken") - 1)
    if current:
        Booking.objects.filter(registration=registration).delete()
    return Outcome(freed=freed)


def confirm_address(registration):
    """The address is confirmed: held seats stop expiring and waiting places join their
    queues in arrival order. Returns the Outcome (the items newly queued)."""
    bookings = registration.bookings
    bookings.filter(state=State.HELD).update(expires_at=None, remind_at=None)
    queued = list(
        bookings.filter(state=State.WAITING, queued=False).values_list("item_id", flat=True)
    )
    bookings.filter(state=State.WAITING).update(queued=True)
    return Outcome(queued=queued)


def accept_offered(registration):
    """Offered seats become held. Returns how many."""
    return registration.bookings.filter(state=State.OFFERED).update(
        state=State.HELD, expires_at=None, remind_at=None, offer_token=""
    )


def leave_waiting_list(registration, item_id):
    return registration.bookings.filter(item_id=item_id, state=State.WAITING).delete()[0]


def holds_core(registration):
    return registration.bookings.filter(item__kind=Kind.CONFERENCE, state=State.HELD).exists()


def held_table_id(registration):
    return (
        registration.bookings.filter(item__kind=Kind.TABLE, state=State.HELD)
        .values_list("item__table_id", flat=True)
        .first()
    )


# --- promotion -----------------------------------------------------------------------


def promote_after_commit(item_ids):
    """Promotes for these items once the current transaction has committed (immediately
    outside a transaction). Should the process die first, the worker's sweep does it."""
    item_ids = sorted(set(item_ids))
    if item_ids:
        transaction.on_commit(lambda: promote_items(item_ids))


def promote_items(item_ids):
    """Gives the free seats of these items to their queues, person by person, each in a
    short transaction of its own. Returns the promoted registrations."""
    promoted = []
    for item_id in item_ids:
        for _step in range(10_000):  # bounded: each step seats or moves one person
            registration, seated = _promote_next(item_id)
            if registration is None:
                break
            if seated:
                promoted.append(registration)
    return promoted


def _promote_next(item_id):
    """(registration at the head, whether it got a seat), or (None, False) when the item
    has no free seat or nobody queued."""
    if not CapacityItem.objects.filter(pk=item_id, taken__lt=F("capacity")).exists():
        return None, False
    head = (
        Booking.objects.filter(item_id=item_id, state=State.WAITING, queued=True)
        .order_by("joined_at", "pk")
        .values_list("registration_id", flat=True)
        .first()
    )
    if head is None:
        return None, False
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=head))
        waiting = (
            registration.bookings.select_related("item")
            .filter(item_id=item_id, state=State.WAITING, queued=True)
            .first()
        )
        if waiting is None:
            return registration, False  # changed meanwhile: look at the new head
        outcome = seat_from_waiting_list(
            registration, promoting=[waiting.item], arrival=waiting.joined_at
        )
    return registration, item_id in {gained.pk for gained in outcome.gained}


def seat_from_waiting_list(registration, *, promoting, arrival=None):
    """Re-seats a waiting registration at the head of the `promoting` items' queues and
    emails it if it gained seats: an offer (conference setting, or an address never
    confirmed, whose click on the offer then confirms it) or a confirmation. Should other
    items it needs be full, it waits for those instead, keeping its `arrival`."""
    conference = registration.conference
    offer = conference.promotes_by_offer or not registration.email_confirmed
    outcome = reseat(
        registration,
        days=list(registration.days.all()),
        promoting=promoting,
        offer=offer,
        arrival=arrival,
    )
    if outcome.gained:
        update_status(registration)
        registration.save()
        send_registration_email(registration=registration, kind="offer" if offer else "promoted")
    promote_after_commit(outcome.freed + outcome.queued)
    return outcome


def lock(registrations):
    """The registration row, locked until the transaction ends (always before any counter)."""
    return registrations.select_for_update(of=("self",)).select_related("conference").get()


def update_status(registration, *, now=None):
    """Status from the bookings: pending until the address is confirmed, confirmed when it
    holds the conference seat, else on the waiting list. The caller saves it."""
    now = now or timezone.now()
    if registration.status not in Registration.ACTIVE_STATUSES:
        return registration
    if not registration.email_confirmed:
        status = Status.PENDING
    elif holds_core(registration):
        status = Status.CONFIRMED
    else:
        status = Status.WAITLISTED
    if status == Status.CONFIRMED and registration.status != Status.CONFIRMED:
        registration.confirmed_at = now
    if status == Status.WAITLISTED and registration.status != Status.WAITLISTED:
        registration.waitlisted_at = registration.waitlisted_at or now
    registration.status = status
    registration.world_cafe_table_id = held_table_id(registration)
    return registration


# --- the sweep: expiry, lapsed offers, reminders, promotion left over ---------------------

BATCH = 200


def release_expired_holds(item_ids, *, now=None):
    """Ends the holds and offers on these items whose time is over (a sign-up that finds an
    item full calls this first). Returns how many ended."""
    now = now or timezone.now()
    due = Booking.objects.filter(item_id__in=item_ids, expires_at__lte=now)
    return _end_holds(due, now)


def _end_holds(due, now):
    ended = 0
    for registration_id, state in due.values_list("registration_id", "state").distinct()[:BATCH]:
        if state == State.OFFERED:
            ended += lapse_offers_of(registration_id, now=now)
        else:
            ended += expire_unconfirmed(registration_id, now=now)
    return ended


def expire_unconfirmed(registration_id, *, now):
    """An unconfirmed registration past its hold time expires and frees its seats."""
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=registration_id))
        if registration.status != Status.PENDING or not registration.expires_at:
            return 0
        if registration.expires_at > now:
            return 0
        outcome = release_all(registration)
        registration.status = Status.EXPIRED
        registration.world_cafe_table = None
        registration.hold_remind_at = None
        registration.save()
        promote_after_commit(outcome.freed)
    return 1


def lapse_offers_of(registration_id, *, now):
    """Offers of this registration past their time pass to the next person; an offer of
    the conference seat that lapses ends the registration's wait. One email."""
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=registration_id))
        lapsed = list(registration.bookings.filter(state=State.OFFERED, expires_at__lte=now))
        if not lapsed:
            return 0
        ids = sorted(booking.item_id for booking in lapsed)
        for pk in ids:
            CapacityItem.objects.filter(pk=pk).update(taken=F("taken") - 1)
        Booking.objects.filter(pk__in=[booking.pk for booking in lapsed]).delete()
        if not registration.bookings.filter(item__kind=Kind.CONFERENCE).exists():
            freed = release_all(registration).freed
            registration.status = Status.EXPIRED
            ids += freed
        update_status(registration, now=now)
        registration.save()
        send_registration_email(registration=registration, kind="offer_lapsed")
        promote_after_commit(ids)
    return len(lapsed)


def send_hold_reminders(*, now=None):
    """One reminder per unconfirmed hold and per offer when a quarter of its time is left."""
    now = now or timezone.now()
    sent = 0
    for pk in Registration.objects.filter(hold_remind_at__lte=now).values_list("pk", flat=True)[
        :BATCH
    ]:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.hold_remind_at is None or registration.status != Status.PENDING:
                continue
            registration.hold_remind_at = None
            registration.save(update_fields=["hold_remind_at", "updated_at"])
            send_registration_email(registration=registration, kind="hold_reminder")
            sent += 1
    due = Booking.objects.filter(remind_at__lte=now, state=State.OFFERED)
    for pk in due.values_list("registration_id", flat=True).distinct()[:BATCH]:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.bookings.filter(remind_at__lte=now).update(remind_at=None):
                send_registration_email(registration=registration, kind="offer_reminder")
                sent += 1
    return sent


def items_to_promote(conference=None):
    """Items with a free seat and someone queued (normally none: promotion runs after each
    commit; left over only if a process died in between)."""
    queued = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
    items = CapacityItem.objects.filter(taken__lt=F("capacity")).filter(Exists(queued))
    if conference is not None:
        items = items.filter(conference=conference)
    return list(items.values_list("pk", flat=True))


def sweep(*, now=None):
    """What the worker runs every minute; returns {what: how many}."""
    now = now or timezone.now()
    due = Booking.objects.filter(expires_at__lte=now)
    pending = Registration.objects.filter(status=Status.PENDING, expires_at__lte=now)
    expired = sum(
        expire_unconfirmed(pk, now=now) for pk in pending.values_list("pk", flat=True)[:BATCH]
    )
    lapsed = _end_holds(due.filter(state=State.OFFERED), now)
    reminded = send_hold_reminders(now=now)
    promoted = promote_items(items_to_promote())
    return {"expired": expired, "lapsed": lapsed, "reminded": reminded, "promoted": len(promoted)}


# --- figures ---------------------------------------------------------------------------


def seats_left(conference):
    """{(kind, day id, table id): seats left for a newcomer} in one query: an item whose
    waiting list has people queued counts as full."""
    queued = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
    rows = (
        CapacityItem.objects.filter(conference=conference)
        .annotate(has_queue=Exists(queued))
        .values_list("kind", "day_id", "table_id", "capacity", "taken", "has_queue")
    )
    return {
        (kind, day, table): 0 if has_queue else max(capacity - taken, 0)
        for kind, day, table, capacity, taken, has_queue in rows
    }


def item_figures(conference):
    """Per item: capacity, confirmed, pending, offered, waiting (for the hotline), in two
    queries whatever the number of registrations."""
    counts = (
        Booking.objects.filter(item__conference=conference)
        .values_list("item_id", "state", "registration__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    figures = {}
    for item in CapacityItem.objects.filter(conference=conference).select_related("day", "table"):
        figures[item.pk] = {"item": item, "capacity": item.capacity, "taken": item.taken}
        figures[item.pk].update(confirmed=0, pending=0, offered=0, waiting=0)
    for item_id, state, status, n in counts:
        if state == State.WAITING:
            key = "waiting"
        elif state == State.OFFERED:
            key = "offered"
        else:
            key = "pending" if status == Status.PENDING else "confirmed"
        figures[item_id][key] += n
    order = {Kind.CONFERENCE: 0, Kind.DAY: 1, Kind.DINNER: 2, Kind.TABLE: 3}
    return sorted(figures.values(), key=lambda f: (order[f["item"].kind], f["item"].pk))


def is_conference_full(conference):
    return (
        CapacityItem.objects.filter(conference=conference, kind=Kind.CONFERENCE)
        .filter(taken__gte=F("capacity"))
        .exists()
    )


def waiting_position(booking):
    """1 for the first in line (None while the address is unconfirmed)."""
    if booking.state != State.WAITING or not booking.queued:
        return None
    ahead = Booking.objects.filter(item_id=booking.item_id, state=State.WAITING, queued=True)
    ahead = ahead.filter(
        Q(joined_at__lt=booking.joined_at) | Q(joined_at=booking.joined_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1


class SeatCounter:
    """What the conferences app asks of seats (see conferences/capacity.py)."""

    def is_full(self, conference):
        return is_conference_full(conference)

    def participation_facts(self, conference):
        return Registration.objects.filter(
            conference=conference, status=Status.CONFIRMED
        ).aggregate(participants=Count("pk"), countries=Count("country", distinct=True))

    def check_capacity(self, instance):
        """Refuses a capacity below the seats taken, before admin saves it."""
        conference = instance if isinstance(instance, Conference) else instance.conference
        if not conference.pk:
            return
        taken = taken_by_item(conference)
        errors = {}
        if isinstance(instance, Conference):
            checks = [("capacity", (Kind.CONFERENCE, None, None), instance.capacity)]
            checks.append(
                ("gala_dinner_capacity", (Kind.DINNER, None, None), instance.gala_dinner_capacity)
            )
            # Days without their own capacity have the conference's.
            for day_id in Day.objects.filter(conference=conference, capacity=None).values_list(
                "pk", flat=True
            ):
                checks.append(("capacity", (Kind.DAY, day_id, None), instance.capacity))
        elif isinstance(instance, Day):
            checks = [("capacity", (Kind.DAY, instance.pk, None), instance.capacity)]
        else:
            checks = [("capacity", (Kind.TABLE, None, instance.pk), instance.capacity)]
        for field_name, key, seats in checks:
            held = taken.get(key, 0)
            if seats is None and key[0] == Kind.DAY:
                continue  # the conference's capacity applies, checked with the conference
            if held and (seats is None or seats < held):
                errors[field_name] = _(
                    "%(taken)s seats are taken; the capacity cannot be lower."
                ) % {"taken": held}
        if errors:
            raise ValidationError(errors)


def on_configuration_saved(conference):
    """After organisers save a conference, day or table: counters follow, and people who
    now fit a raised capacity are promoted once the save commits."""
    promote_after_commit(sync_items(conference))
