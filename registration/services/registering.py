"""Getting a seat: the web sign-up with double opt-in, the hotline's sign-up on someone's
behalf, the confirmation link, and expiry of registrations never confirmed."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference
from conferences.queries import registration_state
from registration.emails import send_registration_email
from registration.models import Registration
from registration.queries import active_registration_for_email, takes_web_registrations

from . import seats as seat_rules
from .errors import DuplicateRegistrationError, RegistrationClosedError, RegistrationError
from .messages import send_manage_link
from .references import new_booking_reference

Status = Registration.Status

PERSONAL_FIELDS = (*Registration.CONTACT_FIELDS, *Registration.NEEDS_FIELDS)


def submit_registration(*, conference, data, language, source=Registration.Source.WEB):
    """The web sign-up. The registration holds its seats as *pending* until the attendee
    follows the confirmation link (sent by email), or goes onto the waiting list when any
    chosen part is full. Never holds more seats than capacity, also under concurrent
    requests. The same address registering again raises DuplicateRegistrationError and gets
    its manage link again; the same form submitted twice returns the first registration."""
    if not takes_web_registrations(conference, registration_state(conference)):
        raise RegistrationClosedError()
    return _register(
        conference=conference,
        data=data,
        language=language,
        source=source,
        seat_status=Status.PENDING,
        by=None,
    )


def register_on_behalf(*, conference, data, source, language, staff_user=None):
    """The hotline's sign-up (phone, fax, email, on site): no email confirmation needed, so
    a registration that fits is confirmed at once and the confirmed email is sent; one that
    does not fit goes onto the waiting list. Same capacity and eligibility rules as the web,
    but not bound to the registration window."""
    return _register(
        conference=conference,
        data=data,
        language=language,
        source=source,
        seat_status=Status.CONFIRMED,
        by=staff_user,
    )


def _register(*, conference, data, language, source, seat_status, by):
    _check_data(conference, data)
    key = data.get("submission_key") or ""
    with transaction.atomic():
        conference = seat_rules.lock_conference(conference)
        seat_rules.release_expired(conference)
        seat_rules.promote_fitting(conference)
        existing = active_registration_for_email(conference, data["email"])
        if existing is None:
            try:
                with transaction.atomic():
                    return _create(conference, data, language, source, seat_status, by, key)
            except IntegrityError:
                # Only the unique constraints can fail here; a concurrent duplicate won.
                existing = active_registration_for_email(conference, data["email"])
                if existing is None:
                    raise
    if key and existing.submission_key == key:
        return existing  # the same form sent twice (double click): one registration
    send_manage_link(registration=existing)
    raise DuplicateRegistrationError(registration=existing)


def _check_data(conference, data):
    if not data.get("privacy_consent"):
        raise RegistrationError(_("Please accept the privacy notice."))
    seat_rules.check_choices(
        conference,
        category=data.get("category"),
        days=list(data.get("days") or []),
        first_table_choice=data.get("first_table_choice"),
        second_table_choice=data.get("second_table_choice"),
    )
    seat_rules.check_gala_dinner(conference, data.get("gala_dinner"))


def _create(conference, data, language, source, seat_status, by, key):
    now = timezone.now()
    days = list(data["days"])
    registration = Registration(
        conference=conference,
        booking_reference=new_booking_reference(conference),
        source=source,
        language=language,
        category=data["category"],
        gala_dinner=bool(data.get("gala_dinner")),
        first_table_choice=data.get("first_table_choice"),
        second_table_choice=data.get("second_table_choice"),
        privacy_consent_at=now,
        listed_consent=bool(data.get("listed_consent")),
        submission_key=key,
        **{field: data.get(field) or "" for field in PERSONAL_FIELDS},
    )
    fitting, seats = seat_rules.fits(
        conference, registration, days=days, gala_dinner=registration.gala_dinner
    )
    if fitting:
        seat_rules.give_seat(registration, seats, status=seat_status, now=now)
    else:
        seat_rules.put_on_waiting_list(registration, now=now)
    seat_rules.save(registration, by=by)
    registration.days.set(days)
    if registration.status == Status.PENDING:
        kind = "confirmation_request"
    elif registration.status == Status.CONFIRMED:
        kind = "confirmed"
    else:
        kind = "waitlisted"
    send_registration_email(registration=registration, kind=kind)
    return registration


def confirm_registration(*, registration):
    """The attendee followed the confirmation link. A pending registration within its hold
    time is confirmed; one whose hold time ran out is confirmed only if its seats are still
    free, else it goes onto the waiting list. Confirming twice changes nothing."""
    with transaction.atomic():
        conference = seat_rules.lock_conference(registration.conference)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in (Status.CONFIRMED, Status.WAITLISTED):
            return registration
        if registration.status == Status.CANCELLED:
            raise RegistrationError(
                _("This registration was cancelled. Please register again or call the hotline.")
            )
        seat_rules.release_expired(conference)
        registration.refresh_from_db()
        if registration.status == Status.PENDING:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = timezone.now()
            registration.expires_at = None
            registration.save()
            send_registration_email(registration=registration, kind="confirmed")
            return registration
        return seat_again(conference, registration, by=None)


def seat_again(conference, registration, *, by):
    """An expired or cancelled registration comes back: confirmed if it fits, else waiting."""
    other = active_registration_for_email(conference, registration.email)
    if other is not None and other.pk != registration.pk:
        raise DuplicateRegistrationError(registration=other)
    fitting, seats = seat_rules.fits(
        conference,
        registration,
        days=list(registration.days.all()),
        gala_dinner=registration.gala_dinner,
    )
    if fitting:
        seat_rules.give_seat(registration, seats, status=Status.CONFIRMED)
        registration.cancelled_at = None
        kind = "confirmed"
    else:
        seat_rules.put_on_waiting_list(registration)
        kind = "waitlisted"
    seat_rules.save(registration, by=by)
    send_registration_email(registration=registration, kind=kind)
    return registration


def expire_pending_registrations(*, now=None):
    """Pending registrations past their hold time expire and free their seats; the waiting
    list of each affected conference moves up. Returns how many expired (for cron)."""
    now = now or timezone.now()
    conference_ids = (
        Registration.objects.filter(status=Status.PENDING, expires_at__lte=now)
        .values_list("conference_id", flat=True)
        .distinct()
    )
    expired = 0
    for conference in Conference.objects.filter(pk__in=list(conference_ids)):
        with transaction.atomic():
            conference = seat_rules.lock_conference(conference)
            expired += seat_rules.release_expired(conference, now=now)
            seat_rules.promote_fitting(conference)
    return expired
