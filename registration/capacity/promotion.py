"""What the worker does every few seconds: unconfirmed holds and offers whose time is over
end, reminders go out, and free seats go to the people queued for them. Each person is
handled in a short transaction of its own; nothing here rescans a whole waiting list."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.utils import timezone

from registration.emails import send_registration_email
from registration.models import Booking, CapacityItem, Registration, hand_days_to_history

from .items import Kind
from .seating import State, free_seats, release_all, reseat, update_status

Status = Registration.Status
# Most rows of each kind one sweep handles; the next sweep takes the rest.
BATCH = 200


def lock(registrations):
    """The registration row, locked until the transaction ends (always before counters)."""
    return registrations.select_for_update(of=("self",)).select_related("conference").get()


@dataclass(frozen=True)
class Queue:
    """An item with free seats and someone queued for them, as `items_to_promote` read it."""

    item_id: int
    free: int
    head: int  # the registration at the head of the queue


def promote_items(queues):
    """Gives the free seats of these queues (`items_to_promote`) to the people queued in
    arrival order, one person per short transaction, until the seats read are given (seats
    freed meanwhile go in the next sweep). Returns the registrations that got seats."""
    promoted = []
    for queue in queues:
        head, seats = queue.head, queue.free
        for _step in range(BATCH):  # each step seats or moves one person
            if seats <= 0:
                break
            registration, seated = _promote_next(queue.item_id, head)
            if registration is None:
                break
            head = None  # the next head is looked up
            if seated:
                promoted.append(registration)
                seats -= 1
    return promoted


def _queue_head(item_id):
    """The registration at the head of the item's queue while it has a free seat, or None:
    an index range scan."""
    return (
        Booking.objects.filter(
            item_id=item_id,
            state=State.WAITING,
            queued=True,
            item__taken__lt=F("item__capacity"),
        )
        .order_by("joined_at", "pk")
        .values_list("registration_id", flat=True)
        .first()
    )


def _promote_next(item_id, head=None):
    """(the registration at the head, whether it got a seat); (None, False) when the item
    has no free seat or nobody is queued. `head`: the head as already read."""
    head = head or _queue_head(item_id)
    if head is None:
        return None, False
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=head))
        # Read after the lock, so current; claim_seats reuses them.
        bookings = Booking.objects.select_related("item").order_by("pk")  # no joins to order
        bookings = Prefetch("bookings", queryset=bookings)
        prefetch_related_objects([registration], bookings)
        waiting = next(
            (
                booking
                for booking in registration.bookings.all()
                if booking.item_id == item_id and booking.state == State.WAITING and booking.queued
            ),
            None,
        )
        if waiting is None:
            return registration, False  # changed meanwhile: look at the new head
        outcome = seat_from_waiting_list(
            registration, promoting=[waiting.item], arrival=waiting.joined_at
        )
    return registration, any(item.pk == item_id for item in outcome.gained)


def seat_from_waiting_list(registration, *, promoting, arrival=None):
    """Seats a registration at the head of the `promoting` items' queues and emails it: an
    offer (when the conference promotes by offer, or the address was never confirmed: the
    offer's link then confirms it) or a confirmation. Should other items it needs be full,
    it waits for those instead, keeping its `arrival`."""
    offer = registration.conference.promotes_by_offer or not registration.email_confirmed
    day_links = list(
        Registration.days.through.objects.filter(registration=registration).select_related("day")
    )
    outcome = reseat(
        registration,
        days=[link.day for link in day_links],
        promoting=promoting,
        offer=offer,
        arrival=arrival,
    )
    if outcome.gained:
        update_status(registration, outcome=outcome)
        kind = "offer" if offer else "promoted"
        # Queued first: the save below writes the email status and the history's days.
        send_registration_email(registration=registration, kind=kind, status_saved_by_caller=True)
        hand_days_to_history(registration, day_links)
        registration.save()
    return outcome


def items_to_promote(conference=None):
    """Items with a free seat and someone queued, as Queues: one query over the counters,
    each queue's head an index range scan."""
    queued = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
    head = queued.order_by("joined_at", "pk").values("registration_id")[:1]
    items = (
        CapacityItem.objects.filter(taken__lt=F("capacity"))
        .annotate(head=Subquery(head))
        .filter(head__isnull=False)
    )
    if conference is not None:
        items = items.filter(conference=conference)
    rows = items.order_by("pk").values_list("pk", F("capacity") - F("taken"), "head")
    return [Queue(item_id, free, head) for item_id, free, head in rows]


def release_expired_holds(item_ids, *, now=None):
    """Ends the holds and offers on these items whose time is over (a sign-up that finds
    an item full calls this first). Returns how many registrations were affected."""
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
    """An unconfirmed registration past its hold time expires and frees its seats (no email:
    the address was never shown to be the person's)."""
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=registration_id))
        if registration.status != Status.PENDING or not registration.expires_at:
            return 0
        if registration.expires_at > now:
            return 0
        release_all(registration)
        registration.status = Status.EXPIRED
        registration.world_cafe_table = None
        registration.hold_remind_at = None
        registration.save()
    return 1


def lapse_offers_of(registration_id, *, now):
    """Offers of this registration past their time pass on (the next sweep gives them to
    the next person). Without the conference seat the registration's wait ends. One email.
    Returns 1 if something lapsed, else 0."""
    with transaction.atomic():
        registration = lock(Registration.objects.filter(pk=registration_id))
        lapsed = list(registration.bookings.filter(state=State.OFFERED, expires_at__lte=now))
        if not lapsed:
            return 0
        free_seats([booking.item_id for booking in lapsed])
        Booking.objects.filter(pk__in=[booking.pk for booking in lapsed]).delete()
        if not registration.bookings.filter(item__kind=Kind.CONFERENCE).exists():
            release_all(registration)
            registration.status = Status.EXPIRED
        update_status(registration, now=now)
        registration.save()
        send_registration_email(registration=registration, kind="offer_lapsed")
    return 1


def send_hold_reminders(hold_ids, offer_ids, *, now):
    """One reminder per unconfirmed sign-up (`hold_ids`) and per offer (its holders:
    `offer_ids`) due one (see `_due`). Returns how many were sent."""
    sent = 0
    for pk in hold_ids:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.hold_remind_at is None or registration.status != Status.PENDING:
                continue
            registration.hold_remind_at = None
            registration.save(update_fields=["hold_remind_at", "updated_at"])
            send_registration_email(registration=registration, kind="hold_reminder")
            sent += 1
    for pk in offer_ids:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.bookings.filter(remind_at__lte=now).update(remind_at=None):
                send_registration_email(registration=registration, kind="offer_reminder")
                sent += 1
    return sent


def _due(now):
    """Registrations with something due, in one query (the sweep runs every few seconds and
    mostly finds nothing): {"expire": unconfirmed holds over, "lapse": offers over,
    "remind": unconfirmed holds, "remind_offer": offers}, BATCH of each at most. Every
    handler checks again under the registration's lock."""
    arms = [
        Registration.objects.filter(status=Status.PENDING, expires_at__lte=now).values_list(
            Value("expire"), "pk"
        ),
        Booking.objects.filter(state=State.OFFERED, expires_at__lte=now).values_list(
            Value("lapse"), "registration_id"
        ),
        Registration.objects.filter(hold_remind_at__lte=now).values_list(Value("remind"), "pk"),
        Booking.objects.filter(state=State.OFFERED, remind_at__lte=now).values_list(
            Value("remind_offer"), "registration_id"
        ),
    ]
    first, *others = [arm.order_by() for arm in arms]
    due = {"expire": {}, "lapse": {}, "remind": {}, "remind_offer": {}}
    # Four batches in all: a kind left over (never those handled) waits for the next sweep.
    for what, registration_id in first.union(*others, all=True)[: 4 * BATCH]:
        due[what][registration_id] = None  # a dict: distinct, in order
    return {what: list(ids)[:BATCH] for what, ids in due.items()}


def sweep(*, now=None):
    """The worker's job (every few seconds; `manage.py expire_registrations` by hand):
    returns {"expired", "lapsed", "reminded", "promoted"} counts."""
    now = now or timezone.now()
    due = _due(now)
    expired = sum(expire_unconfirmed(pk, now=now) for pk in due["expire"])
    lapsed = sum(lapse_offers_of(pk, now=now) for pk in due["lapse"])
    reminded = send_hold_reminders(due["remind"], due["remind_offer"], now=now)
    promoted = promote_items(items_to_promote())
    return {"expired": expired, "lapsed": lapsed, "reminded": reminded, "promoted": len(promoted)}


def waiting_position(booking):
    """1 for the first in line; None while the address is unconfirmed."""
    if booking.state != State.WAITING or not booking.queued:
        return None
    ahead = Booking.objects.filter(item_id=booking.item_id, state=State.WAITING, queued=True)
    ahead = ahead.filter(
        Q(joined_at__lt=booking.joined_at) | Q(joined_at=booking.joined_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1
