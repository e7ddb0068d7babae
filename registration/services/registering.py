"""Getting seats: the web sign-up with double opt-in, the hotline's sign-up on someone's
behalf, the confirmation link, accepting an offered seat, and coming back after a
cancellation or expiry. Which seats a registration gets is `registration.capacity`'s rule."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from conferences.queries import registration_state
from registration import capacity
from registration.emails import mark_email_queued, send_registration_email
from registration.models import Booking, CapacityItem, Registration, record_history
from registration.queries import (
    active_registration_for_email,
    takes_web_registrations,
    unconfirmed_holds,
)
from registration.questions.services import save_answers

from .accreditation import accreditation_for
from .errors import (
    DuplicateRegistrationError,
    EligibilityError,
    RegistrationClosedError,
    RegistrationError,
)
from .links import send_manage_link
from .references import new_booking_reference

Status = Registration.Status

PERSONAL_FIELDS = (*Registration.CONTACT_FIELDS, *Registration.NEEDS_FIELDS)


def submit_registration(*, conference, data, language, source=Registration.Source.WEB, state=None):
    """The web sign-up. The registration holds the seats that are free as *pending* until
    the attendee follows the confirmation link (sent by email) and waits for the rest (see
    `registration.capacity`). Never holds more seats than capacity, also under concurrent
    requests. The same address registering again raises DuplicateRegistrationError and gets
    its manage link again; the same form submitted twice returns the first registration.
    `state` is the conference's `registration_state()` when the caller has just read it."""
    if not takes_web_registrations(conference, state or registration_state(conference)):
        raise RegistrationClosedError()
    return _register(conference=conference, data=data, language=language, source=source)


def register_on_behalf(*, conference, data, source, language, staff_user=None):
    """The hotline's sign-up (phone, fax, email, on site): the hotline vouches for the address,
    so the seats that are free are confirmed at once and the confirmed email is sent; the
    rest is waited for. Same capacity and eligibility rules as the web, but not bound to the
    registration window."""
    return _register(
        conference=conference,
        data=data,
        language=language,
        source=source,
        staff_user=staff_user,
    )


def _register(*, conference, data, language, source, staff_user=None):
    check_choices(conference, data)
    key = data.get("submission_key") or ""
    _release_expired_holds_if_full(conference, data)
    try:
        with transaction.atomic():
            return _create(conference, data, language, source, staff_user, key)
    except IntegrityError:
        # Only the unique constraints can fail here; a concurrent duplicate won.
        existing = active_registration_for_email(conference, data["email"])
        if existing is None:
            raise
    if key and existing.submission_key == key:
        return existing  # the same form sent twice (double click): one registration
    send_manage_link(registration=existing)
    raise DuplicateRegistrationError(registration=existing)


def _release_expired_holds_if_full(conference, data):
    """A sign-up that finds an item full first ends that item's holds whose time is over,
    each in its own short transaction, before taking any lock of its own."""
    wanted = Q(kind__in=[capacity.Kind.CONFERENCE, capacity.Kind.DINNER])
    wanted |= Q(day__in=data["days"])
    tables = [data.get("first_table_choice"), data.get("second_table_choice")]
    wanted |= Q(table__in=[table for table in tables if table is not None])
    full = (
        CapacityItem.objects.filter(conference=conference, taken__gte=F("capacity"))
        .filter(wanted)
        .values("pk")
    )
    if Booking.objects.filter(item__in=full, expires_at__lte=timezone.now()).exists():
        capacity.release_expired_holds(list(full.values_list("pk", flat=True)))


def check_choices(conference, data):
    """Raises EligibilityError / RegistrationError when the choices break the conference's
    rules: privacy notice accepted, at least one of its days, reserved days only for
    categories allowed on them, tables of this conference, two different tables, a dinner
    only where there is one."""
    if not data.get("privacy_consent"):
        raise RegistrationError(_("Please accept the privacy notice."))
    check_bookable(
        conference,
        category=data.get("category"),
        days=list(data.get("days") or []),
        gala_dinner=data.get("gala_dinner"),
        first_table_choice=data.get("first_table_choice"),
        second_table_choice=data.get("second_table_choice"),
    )


def check_bookable(
    conference, *, category, days, gala_dinner, first_table_choice, second_table_choice
):
    if category is None or category.conference_id != conference.pk:
        raise EligibilityError(_("Please choose a participant category of this conference."))
    if not days:
        raise RegistrationError(_("Please choose at least one day."))
    if any(day.conference_id != conference.pk for day in days):
        raise RegistrationError(_("Please choose days of this conference."))
    reserved = [day for day in days if day.is_reserved]
    if reserved and not category.may_attend_reserved_days:
        raise EligibilityError(
            format_lazy(
                _("{days}: reserved for international guests; “{category}” may not attend."),
                days=", ".join(str(day) for day in reserved),
                category=category.name,
            )
        )
    for table in (first_table_choice, second_table_choice):
        if table is not None and table.conference_id != conference.pk:
            raise RegistrationError(_("Please choose World Café tables of this conference."))
    if first_table_choice is not None and first_table_choice == second_table_choice:
        raise RegistrationError(_("Please choose two different World Café tables."))
    if gala_dinner and not conference.has_gala_dinner:
        raise RegistrationError(_("This conference has no gala dinner."))


def _create(conference, data, language, source, staff_user, key, *, delegation=None):
    now = timezone.now()
    days = list(data["days"])
    by_hotline = staff_user is not None or source != Registration.Source.WEB
    registration = Registration(
        conference=conference,
        booking_reference=new_booking_reference(conference),
        source=source,
        language=language,
        status=Status.WAITLISTED if by_hotline else Status.PENDING,
        email_confirmed_at=now if by_hotline else None,
        category=data["category"],
        press_accreditation=accreditation_for(data["category"]),
        gala_dinner=bool(data.get("gala_dinner")),
        first_table_choice=data.get("first_table_choice"),
        second_table_choice=data.get("second_table_choice"),
        waits_for_all_days=bool(data.get("waits_for_all_days")),
        waits_for_table=data.get("waits_for_table", True) is not False,
        privacy_consent_at=now,
        listed_consent=bool(data.get("listed_consent")),
        submission_key=key,
        delegation=delegation,
        **{field: data.get(field) or "" for field in PERSONAL_FIELDS},
    )
    holds = by_hotline or _may_hold_unconfirmed(conference, now)
    if not by_hotline:
        # Beyond the cap the hold is over at once: confirming seats it (`seat_again`).
        registration.expires_at, registration.hold_remind_at = (
            capacity.deadline(now, conference.pending_hold_hours) if holds else (now, None)
        )
    # Seats first, so the row is inserted once, in its final state (its email queued below
    # included), with one history record.
    outcome = capacity.claim_seats(registration, days=days) if holds else None
    if outcome is not None:
        capacity.update_status(registration, outcome=outcome, now=now)
    mark_email_queued(registration, now=now)
    registration.save_without_historical_record()
    day_links = Registration.days.through.objects.bulk_create(
        Registration.days.through(registration=registration, day=day) for day in days
    )
    if outcome is not None:
        capacity.write_bookings(registration, outcome, now=now)
    save_answers(registration=registration, answers=data.get("answers"), new_registration=True)
    record_history(registration, "+", by=staff_user, days=day_links)
    if registration.status == Status.PENDING:
        kind = "confirmation_request"
    elif registration.status == Status.CONFIRMED:
        kind = "confirmed"
    else:
        kind = "waitlisted"
    send_registration_email(registration=registration, kind=kind, status_saved_by_caller=True)
    return registration


def _may_hold_unconfirmed(conference, now):
    """Whether a web sign-up may hold seats before its address is confirmed: only while fewer
    than MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE sign-ups of the conference do. Counted before
    the sign-up's transaction, without a lock: concurrent sign-ups may pass the cap by a few,
    which bounds what unconfirmed addresses keep from others all the same."""
    cap = settings.MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE
    return unconfirmed_holds(conference, now=now, limit=cap) < cap


def confirm_registration(*, registration):
    """The attendee followed the confirmation link. A pending registration within its hold
    time keeps its seats and its waiting places join their queues; one whose hold time ran
    out gets the seats that are free now and waits for the rest. Confirming twice changes
    nothing."""
    now = timezone.now()
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        if registration.status in (Status.CONFIRMED, Status.WAITLISTED):
            return registration
        if registration.status == Status.CANCELLED:
            raise RegistrationError(
                _("This registration was cancelled. Please register again or call the hotline.")
            )
        held_too_long = registration.expires_at is not None and registration.expires_at <= now
        if registration.status == Status.PENDING and held_too_long:
            capacity.release_all(registration)
            registration.status = Status.EXPIRED
        registration.email_confirmed_at = now
        if registration.status == Status.EXPIRED:
            return seat_again(registration, by=None, now=now)
        registration.expires_at = registration.hold_remind_at = None
        capacity.confirm_address(registration)
        capacity.update_status(registration, now=now)
        kind = "confirmed" if registration.status == Status.CONFIRMED else "waitlisted"
        # Queued first: the save writes its status (and one history record has both).
        send_registration_email(registration=registration, kind=kind, status_saved_by_caller=True)
        registration.save()
    return registration


def accept_offer(*, token):
    """The person accepts the seats offered to them from a waiting list (the link in the
    offer email, which also confirms the address). Returns the registration, or None when
    the offer is unknown, already accepted or lapsed."""
    registration_id = (
        Booking.objects.filter(offer_token=token, state=Booking.State.OFFERED)
        .values_list("registration_id", flat=True)
        .first()
        if token
        else None
    )
    if registration_id is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration_id))
        if not capacity.accept_offered(registration):
            return None
        if not registration.email_confirmed:
            registration.email_confirmed_at = now
            capacity.confirm_address(registration)
        capacity.update_status(registration, now=now)
        registration.save()
        send_registration_email(registration=registration, kind="confirmed")
    return registration


def seat_again(registration, *, by, now=None):
    """An expired or cancelled registration comes back: the seats that are free now, and
    the end of the waiting lists for the rest. The registration row is locked."""
    now = now or timezone.now()
    other = active_registration_for_email(registration.conference, registration.email)
    if other is not None and other.pk != registration.pk:
        raise DuplicateRegistrationError(registration=other)
    registration.status = Status.WAITLISTED
    registration.email_confirmed_at = registration.email_confirmed_at or now
    registration.cancelled_at = registration.expires_at = registration.hold_remind_at = None
    outcome = capacity.reseat(registration, days=list(registration.days.all()), now=now)
    capacity.update_status(registration, outcome=outcome, now=now)
    if by is not None:
        registration._history_user = by
    registration.save()
    kind = "confirmed" if registration.status == Status.CONFIRMED else "waitlisted"
    send_registration_email(registration=registration, kind=kind)
    return registration


def expire_pending_registrations(*, now=None):
    """The worker's sweep: unconfirmed holds past their time expire and free their seats,
    lapsed offers pass on, reminders go out, waiting lists move up. Returns how many
    registrations expired."""
    return capacity.sweep(now=now)["expired"]
