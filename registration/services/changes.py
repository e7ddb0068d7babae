"""Changing an existing registration: days, dinner and tables; leaving a waiting list;
cancelling; bringing a cancelled one back; promoting from the waiting lists."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration import capacity
from registration.emails import send_registration_email
from registration.models import Registration

from .errors import CapacityError, InvalidStateError
from .registering import check_bookable, seat_again

Status = Registration.Status


def change_registration(
    *,
    registration,
    days,
    gala_dinner,
    first_table_choice,
    second_table_choice,
    listed_consent=None,
    waits_for_all_days=None,
    waits_for_table=None,
    by=None,
):
    """Changes the days, the dinner and the table choices (None for the optional ones:
    unchanged). Seats still wanted are kept; new choices get a free seat or a place at the
    end of their waiting list; seats given up go to the waiting lists. A change that would
    give up the conference seat because the new days are full raises CapacityError and
    changes nothing. Emails the "changed" message."""
    if registration.status not in Registration.ACTIVE_STATUSES:
        raise InvalidStateError()
    days = list(days)
    check_bookable(
        registration.conference,
        category=registration.category,
        days=days,
        gala_dinner=gala_dinner,
        first_table_choice=first_table_choice,
        second_table_choice=second_table_choice,
    )
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        if registration.status not in Registration.ACTIVE_STATUSES:
            raise InvalidStateError()
        held_core = capacity.holds_conference_seat(registration)
        registration.gala_dinner = gala_dinner
        registration.first_table_choice = first_table_choice
        registration.second_table_choice = second_table_choice
        for name, value in (
            ("listed_consent", listed_consent),
            ("waits_for_all_days", waits_for_all_days),
            ("waits_for_table", waits_for_table),
        ):
            if value is not None:
                setattr(registration, name, value)
        outcome = capacity.reseat(registration, days=days)
        if held_core and not outcome.holds_conference:
            raise CapacityError(
                _("The chosen days are full; your seat is kept. Choose a day with seats left.")
            )
        registration.days.set(days)
        capacity.update_status(registration, outcome=outcome)
        _save(registration, by=by)
        send_registration_email(registration=registration, kind="changed")
    registration.refresh_from_db()
    return registration


def leave_waiting_list(*, registration, item_id, by=None):
    """The registrant no longer waits for one item (a day they also hold others of, the
    dinner or the tables) and drops that wish; leaving the wait for the conference itself
    is cancelling. Emails the "changed" message."""
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        booking = (
            registration.bookings.select_related("item")
            .filter(item_id=item_id, state=capacity.State.WAITING)
            .first()
        )
        if booking is None or not capacity.holds_conference_seat(registration):
            raise InvalidStateError(_("You are not on this waiting list, or it is your seat."))
        item = booking.item
        if item.kind == capacity.Kind.DAY:
            registration.days.remove(item.day_id)
        elif item.kind == capacity.Kind.DINNER:
            registration.gala_dinner = False
        else:
            registration.waits_for_table = False
        if item.kind == capacity.Kind.TABLE:
            registration.bookings.filter(
                item__kind=capacity.Kind.TABLE, state=capacity.State.WAITING
            ).delete()
        else:
            booking.delete()
        _save(registration, by=by)
        send_registration_email(registration=registration, kind="changed")
    return registration


def cancel_registration(*, registration, by=None):
    """Cancels; the seats are freed and go to the waiting lists once this commits.
    Cancelling a cancelled registration changes nothing."""
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        if registration.status == Status.CANCELLED:
            return registration
        capacity.release_all(registration)
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.world_cafe_table = None
        registration.expires_at = registration.hold_remind_at = None
        _save(registration, by=by)
        send_registration_email(registration=registration, kind="cancelled")
    return registration


def reinstate_registration(*, registration, by=None):
    """A cancelled or expired registration gets the seats that are free now and goes to the
    end of the waiting lists for the rest. Raises DuplicateRegistrationError if the address
    registered again meanwhile."""
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        if registration.status not in (Status.CANCELLED, Status.EXPIRED):
            raise InvalidStateError(_("Only cancelled or expired registrations can be reinstated."))
        return seat_again(registration, by=by)


def promote_registration(*, registration, by=None):
    """Staff give one waiting registration the seats it waits for, out of turn; only where
    seats are free (CapacityError if not even the conference seat and a day are). Emails
    the "promoted" message."""
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        if registration.status != Status.WAITLISTED:
            raise InvalidStateError(_("Only waiting-list registrations can be promoted."))
        items = capacity.load_items(registration.conference).all()
        outcome = capacity.reseat(registration, days=list(registration.days.all()), promoting=items)
        if not outcome.holds_conference:
            raise CapacityError(_("No seats are left for the conference or the chosen days."))
        capacity.update_status(registration, outcome=outcome)
        _save(registration, by=by)
        send_registration_email(registration=registration, kind="promoted")
    return registration


def promote_waiting_list(*, conference):
    """Gives every free seat of the conference's items to their waiting lists now, in
    arrival order, and emails each person (the worker's sweep does this every few seconds
    for every conference). Returns the promoted registrations."""
    return capacity.promote_items(capacity.items_to_promote(conference))


def _save(registration, *, by):
    """Saves with `by` (a staff user) recorded as the author in the history."""
    if by is not None:
        registration._history_user = by
    registration.save()
