"""Changing an existing registration: days, dinner and tables; cancelling; bringing a
cancelled one back; moving the waiting list up."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.emails import send_registration_email
from registration.models import Registration

from . import seats as seat_rules
from .errors import InvalidStateError
from .registering import seat_again

Status = Registration.Status


def change_registration(
    *,
    registration,
    days,
    gala_dinner,
    first_table_choice,
    second_table_choice,
    listed_consent=None,
    by=None,
):
    """Changes the days, the dinner and the table choices. A registration holding seats
    keeps them only if the new choices fit (else CapacityError and nothing changes); its
    table is assigned again (first choice, else second). A waiting-list registration just
    changes its wishes and is promoted if they fit now. Seats given up go to the waiting
    list. `listed_consent` (None: unchanged) is the consent to the participants list.
    Emails the "changed" message."""
    if registration.status not in Registration.ACTIVE_STATUSES:
        raise InvalidStateError()
    days = list(days)
    seat_rules.check_choices(
        registration.conference,
        category=registration.category,
        days=days,
        first_table_choice=first_table_choice,
        second_table_choice=second_table_choice,
    )
    seat_rules.check_gala_dinner(registration.conference, gala_dinner)
    with transaction.atomic():
        conference = seat_rules.lock_conference(registration.conference)
        seat_rules.release_expired(conference)
        registration.refresh_from_db()
        registration.gala_dinner = gala_dinner
        registration.first_table_choice = first_table_choice
        registration.second_table_choice = second_table_choice
        if listed_consent is not None:
            registration.listed_consent = listed_consent
        if registration.status in (Status.PENDING, Status.CONFIRMED):
            seats = seat_rules.require_fit(
                conference, registration, days=days, gala_dinner=gala_dinner
            )
            registration.world_cafe_table = seats.table_for(
                first_choice=first_table_choice, second_choice=second_table_choice
            )
        elif registration.status != Status.WAITLISTED:
            raise InvalidStateError()
        seat_rules.save(registration, by=by)
        registration.days.set(days)
        send_registration_email(registration=registration, kind="changed")
        seat_rules.promote_fitting(conference, by=by)
    registration.refresh_from_db()
    return registration


def cancel_registration(*, registration, by=None):
    """Cancels; the seats are freed and the waiting list moves up at once (in arrival
    order). Cancelling a cancelled registration changes nothing."""
    with transaction.atomic():
        conference = seat_rules.lock_conference(registration.conference)
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return registration
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.world_cafe_table = None
        registration.expires_at = None
        seat_rules.save(registration, by=by)
        send_registration_email(registration=registration, kind="cancelled")
        seat_rules.promote_fitting(conference, by=by)
    return registration


def reinstate_registration(*, registration, by=None):
    """A cancelled or expired registration is confirmed again if its choices fit, else it
    goes to the end of the waiting list. Raises DuplicateRegistrationError if the address
    registered again meanwhile."""
    with transaction.atomic():
        conference = seat_rules.lock_conference(registration.conference)
        seat_rules.release_expired(conference)
        registration.refresh_from_db()
        if registration.status not in (Status.CANCELLED, Status.EXPIRED):
            raise InvalidStateError(_("Only cancelled or expired registrations can be reinstated."))
        return seat_again(conference, registration, by=by)


def promote_registration(*, registration, by=None):
    """Staff confirm one waiting-list registration out of order; only if it fits
    (CapacityError otherwise). Emails the "promoted" message."""
    with transaction.atomic():
        conference = seat_rules.lock_conference(registration.conference)
        seat_rules.release_expired(conference)
        registration.refresh_from_db()
        if registration.status != Status.WAITLISTED:
            raise InvalidStateError(_("Only waiting-list registrations can be promoted."))
        seats = seat_rules.require_fit(
            conference,
            registration,
            days=list(registration.days.all()),
            gala_dinner=registration.gala_dinner,
        )
        seat_rules.give_seat(registration, seats, status=Status.CONFIRMED)
        seat_rules.save(registration, by=by)
        send_registration_email(registration=registration, kind="promoted")
    return registration


def promote_waiting_list(*, conference):
    """Confirms every waiting-list registration that fits now, in arrival order, and emails
    each. Returns the promoted registrations."""
    with transaction.atomic():
        conference = seat_rules.lock_conference(conference)
        seat_rules.release_expired(conference)
        return seat_rules.promote_fitting(conference)
