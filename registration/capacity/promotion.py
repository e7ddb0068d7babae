"""What the worker does every few seconds: unconfirmed holds and offers whose time is over
end, reminders go out, and free seats go to the people queued for them. Each person is
handled in a short transaction of its own; nothing here rescans a whole waiting list."""

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from registration.emails import send_registration_email
from registration.models import Booking, CapacityItem, Registration

from .items import Kind
from .seating import State, free_seats, release_all, reseat, update_status

Status = Registration.Status
# Most rows of each kind one sweep handles; the next sweep takes the rest.
BATCH = 200


def lock(registrations):
    """The registration row, locked until the transaction ends (always before counters)."""
    return registrations.select_for_update(of=("self",)).select_related("conference").get()


def promote_items(item_ids):
    """Gives the free seats of these items to their queues in arrival order, one person
    per short transaction. Returns the registrations that got seats."""
    promoted = []
    for item_id in item_ids:
        for _step in range(BATCH):  # each step seats or moves one person
            registration, seated = _promote_next(item_id)
            if registration is None:
                break
            if seated:
                promoted.append(registration)
    return promoted


def _promote_next(item_id):
    """(the registration at the head, whether it got a seat); (None, False) when the item
    has no free seat or nobody is queued. The head is an index range scan."""
    head = (
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
    return registration, any(item.pk == item_id for item in outcome.gained)


def seat_from_waiting_list(registration, *, promoting, arrival=None):
    """Seats a registration at the head of the `promoting` items' queues and emails it: an
    offer (when the conference promotes by offer, or the address was never confirmed: the
    offer's link then confirms it) or a confirmation. Should other items it needs be full,
    it waits for those instead, keeping its `arrival`."""
    offer = registration.conference.promotes_by_offer or not registration.email_confirmed
    outcome = reseat(
        registration,
        days=list(registration.days.all()),
        promoting=promoting,
        offer=offer,
        arrival=arrival,
    )
    if outcome.gained:
        update_status(registration, outcome=outcome)
        registration.save()
        send_registration_email(registration=registration, kind="offer" if offer else "promoted")
    return outcome


def items_to_promote(conference=None):
    """Items with a free seat and someone queued: one query over the counters."""
    queued = Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True)
    items = CapacityItem.objects.filter(taken__lt=F("capacity")).filter(Exists(queued))
    if conference is not None:
        items = items.filter(conference=conference)
    return list(items.order_by("pk").values_list("pk", flat=True))


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


def send_hold_reminders(*, now=None):
    """One reminder per unconfirmed sign-up and per offer when a quarter of its time is
    left. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    due = Registration.objects.filter(hold_remind_at__lte=now).values_list("pk", flat=True)
    for pk in due[:BATCH]:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.hold_remind_at is None or registration.status != Status.PENDING:
                continue
            registration.hold_remind_at = None
            registration.save(update_fields=["hold_remind_at", "updated_at"])
            send_registration_email(registration=registration, kind="hold_reminder")
            sent += 1
    offers = Booking.objects.filter(remind_at__lte=now, state=State.OFFERED)
    for pk in offers.values_list("registration_id", flat=True).distinct()[:BATCH]:
        with transaction.atomic():
            registration = lock(Registration.objects.filter(pk=pk))
            if registration.bookings.filter(remind_at__lte=now).update(remind_at=None):
                send_registration_email(registration=registration, kind="offer_reminder")
                sent += 1
    return sent


def sweep(*, now=None):
    """The worker's job (every few seconds; `manage.py expire_registrations` by hand):
    returns {"expired", "lapsed", "reminded", "promoted"} counts."""
    now = now or timezone.now()
    pending = Registration.objects.filter(status=Status.PENDING, expires_at__lte=now)
    expired = sum(
        expire_unconfirmed(pk, now=now) for pk in pending.values_list("pk", flat=True)[:BATCH]
    )
    lapsed = _end_holds(Booking.objects.filter(state=State.OFFERED, expires_at__lte=now), now)
    reminded = send_hold_reminders(now=now)
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
