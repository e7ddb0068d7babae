"""Passing a place on: a confirmed registrant hands their seats to a colleague. The
colleague confirms their address by following the link sent to it and becomes the
registrant of those very seats: the bookings move to the colleague's new registration
(same items, same waiting-list places), so no seat is freed and none passes through a
waiting list. The first registration ends as cancelled and its owner is told; their link
no longer changes anything."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration import capacity
from registration.emails import send_registration_email
from registration.models import Booking, Registration, record_history
from registration.queries import active_registration_for_email
from registration.questions.services import save_answers
from registration.self_service.models import Transfer

from .errors import DuplicateRegistrationError, InvalidStateError
from .references import new_booking_reference
from .registering import check_bookable

Status = Registration.Status
TRANSFER_VALID_FOR = timedelta(days=7)
NOT_CONFIRMED = _("Only a confirmed registration can be passed on.")
GONE = _("This place can no longer be passed on: the registration changed meanwhile.")
ADDRESS_TAKEN = _("This email address is already registered for the conference.")
# What the colleague brings of their own; everything about the seats stays as it was.
OWN_FIELDS = (
    *(name for name in Registration.CONTACT_FIELDS if name != "email"),
    *Registration.NEEDS_FIELDS,
)
CHOICE_FIELDS = (
    "gala_dinner",
    "first_table_choice",
    "second_table_choice",
    "world_cafe_table",
    "waits_for_all_days",
    "waits_for_table",
)


def offer_transfer(*, registration, first_name, last_name, email, now=None):
    """Emails the colleague a link to take the place over; the place stays the registrant's
    until then. A new offer replaces an earlier one (its link stops working)."""
    if registration.status != Status.CONFIRMED:
        raise InvalidStateError(NOT_CONFIRMED)
    if active_registration_for_email(registration.conference, email) is not None:
        raise DuplicateRegistrationError(ADDRESS_TAKEN)
    with transaction.atomic():
        Transfer.objects.filter(registration=registration).delete()
        transfer = Transfer.objects.create(
            registration=registration,
            first_name=first_name,
            last_name=last_name,
            email=email,
            offered_at=now or timezone.now(),
        )
        send_registration_email(registration=registration, kind="transfer_offer")
    return transfer


def pending_transfer(token, *, now=None):
    """The offer behind this link, if not yet accepted and not too old."""
    oldest = (now or timezone.now()) - TRANSFER_VALID_FOR
    return (
        Transfer.objects.filter(token=token, accepted_at=None, offered_at__gt=oldest)
        .select_related("registration__conference", "registration__category")
        .first()
    )


def accept_transfer(*, token, details, language, now=None):
    """The colleague takes the place over with their own `details` (OWN_FIELDS, category,
    listed_consent). Checks that their category may attend the place's days (reserved days)
    and that their address holds no other registration. Returns the new registration, or
    None for an unknown, used or expired link."""
    now = now or timezone.now()
    with transaction.atomic():
        transfer = pending_transfer(token, now=now)
        if transfer is None:
            return None
        first = capacity.lock(Registration.objects.filter(pk=transfer.registration_id))
        _check_takeover(first, transfer, details["category"])
        successor = _successor(first, transfer, details, language=language, now=now)
        # The seats themselves change hands: counters and waiting lists stay as they are.
        Booking.objects.filter(registration=first).update(registration=successor)
        _end_first(first, now=now)
        transfer.accepted_at, transfer.successor = now, successor
        transfer.save()
        send_registration_email(registration=first, kind="transferred")
        send_registration_email(registration=successor, kind="confirmed")
    return successor


def _check_takeover(first, transfer, category):
    if first.status != Status.CONFIRMED:
        raise InvalidStateError(GONE)
    check_bookable(
        first.conference,
        category=category,
        days=list(first.days.all()),
        gala_dinner=first.gala_dinner,
        first_table_choice=first.first_table_choice,
        second_table_choice=first.second_table_choice,
    )
    if active_registration_for_email(first.conference, transfer.email) is not None:
        raise DuplicateRegistrationError(ADDRESS_TAKEN)


def _successor(first, transfer, details, *, language, now):
    """The colleague's registration: their details, the first registration's choices."""
    successor = Registration(
        conference=first.conference,
        booking_reference=new_booking_reference(first.conference),
        language=language,
        status=Status.CONFIRMED,
        email=transfer.email,
        email_confirmed_at=now,  # they followed the link sent to it
        confirmed_at=now,
        privacy_consent_at=now,
        listed_consent=bool(details.get("listed_consent")),
        category=details["category"],
        **{name: getattr(first, name) for name in CHOICE_FIELDS},
        **{name: details.get(name) or "" for name in OWN_FIELDS},
    )
    successor.save_without_historical_record()
    Registration.days.through.objects.bulk_create(
        Registration.days.through(registration=successor, day=day) for day in first.days.all()
    )
    # The questions are about the person, so the colleague answers them anew.
    save_answers(registration=successor, answers=details.get("answers"))
    record_history(successor, "+")
    return successor


def _end_first(first, *, now):
    """Cancelled without freeing anything: its bookings have moved to the successor."""
    first.status = Status.CANCELLED
    first.cancelled_at = now
    first.world_cafe_table = None
    first.save()
