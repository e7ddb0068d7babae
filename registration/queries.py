"""Reusable reads about registrations: who is registered under an address, what the manage
page shows, and where a registration stands with each capacity item. Counting seats is
`registration.capacity`'s business."""

from dataclasses import dataclass

from conferences.queries import RegistrationState

from .addresses import normalised_address
from .capacity import KIND_ORDER, waiting_position
from .models import Booking, CapacityItem, Registration


def takes_web_registrations(conference, state):
    """Whether the web form takes sign-ups in this registration state: while registration
    is open, and also when every seat is held (newcomers join the waiting list), but not
    once organisers close it as full in admin."""
    return (
        state in (RegistrationState.OPEN, RegistrationState.FULL)
        and not conference.registration_full
    )


def active_registration_for_email(conference, email):
    """The registration holding or waiting for a seat under this address or a variant of it
    (`addresses.normalised_address`), if any."""
    return (
        Registration.objects.filter(
            conference=conference,
            normalised_email=normalised_address(email),
            status__in=Registration.ACTIVE_STATUSES,
        )
        .order_by("pk")
        .first()
    )


def unconfirmed_holds(conference, *, now, limit):
    """How many web sign-ups of the conference hold seats unconfirmed now, counted up to
    `limit` only: one index range scan of at most `limit` entries, however many there are."""
    holding = Registration.objects.filter(
        conference=conference, status=Registration.Status.PENDING, expires_at__gt=now
    )
    return holding.order_by()[:limit].count()


def registration_for_manage_page():
    """Registrations with everything the manage page shows."""
    return Registration.objects.select_related(
        "conference__series",
        "category",
        "world_cafe_table",
        "first_table_choice",
        "second_table_choice",
    ).prefetch_related("days")


@dataclass(frozen=True)
class ItemStatus:
    """One line of "what do I have": an item and where the registration stands with it.
    `state` is confirmed, pending (held until the address is confirmed), offered, waiting
    or not_chosen; `position` is the place on the waiting list (None until queued)."""

    item: object
    state: str
    position: int | None = None
    offer_token: str = ""
    offer_expires_at: object = None

    @property
    def label(self):
        return str(self.item)

    @property
    def kind(self):
        return self.item.kind


def item_statuses(registration):
    """Per capacity item of the conference (conference, days, dinner, tables chosen):
    where the registration stands. A few queries whatever the number of registrations."""
    # The bookings alone: their items come from the second query (joining them again per
    # booking would build the same rows twice). Both unordered: the default orderings join
    # the conference to sort rows sorted here anyway.
    bookings = {booking.item_id: booking for booking in registration.bookings.order_by()}
    items = (
        CapacityItem.objects.filter(conference_id=registration.conference_id)
        .select_related("day", "table")
        .order_by()
    )
    chosen = _chosen_without_bookings(registration) if not bookings else None
    lines = []
    for item in sorted(items, key=lambda item: (KIND_ORDER[item.kind], _item_sort(item))):
        booking = bookings.get(item.pk)
        if booking is not None:
            booking.item = item
        if chosen is not None and chosen(item):
            lines.append(ItemStatus(item, "on_confirmation"))
            continue
        if booking is None:
            if item.kind == CapacityItem.Kind.TABLE:
                continue  # only the tables someone chose or sits at are worth a line
            lines.append(ItemStatus(item, "not_chosen"))
            continue
        lines.append(_status_of(registration, booking))
    return lines


def _chosen_without_bookings(registration):
    """For an unconfirmed sign-up that holds nothing (its hold ended, or the cap on
    unconfirmed holds left it none), whether it chose an item: confirming the address gets
    it the free seats of those. None for any other registration."""
    unconfirmed = registration.status in (Registration.Status.PENDING, Registration.Status.EXPIRED)
    if registration.email_confirmed or not unconfirmed:
        return None
    day_ids = {day.pk for day in registration.days.all()}
    table_ids = {registration.first_table_choice_id, registration.second_table_choice_id}
    by_kind = {
        CapacityItem.Kind.CONFERENCE: lambda item: True,
        CapacityItem.Kind.DAY: lambda item: item.day_id in day_ids,
        CapacityItem.Kind.DINNER: lambda item: registration.gala_dinner,
        CapacityItem.Kind.TABLE: lambda item: item.table_id in table_ids,
    }
    return lambda item: by_kind[item.kind](item)


def _item_sort(item):
    if item.day_id:
        return (item.day.date, item.pk)
    if item.table_id:
        return (item.table.number, item.pk)
    return (0, item.pk)


def _status_of(registration, booking):
    state = booking.state
    if state == Booking.State.WAITING:
        return ItemStatus(booking.item, "waiting", position=waiting_position(booking))
    if state == Booking.State.OFFERED:
        return ItemStatus(
            booking.item,
            "offered",
            offer_token=booking.offer_token,
            offer_expires_at=booking.expires_at,
        )
    pending = registration.status == Registration.Status.PENDING
    return ItemStatus(booking.item, "pending" if pending else "confirmed")
