"""What every rule shares: locking a conference, checking eligibility, giving and freeing
seats, and moving the waiting list up. Called only inside a service's transaction."""

import datetime

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference
from registration.emails import send_registration_email
from registration.models import Registration
from registration.queries import availability, waiting_list

from .errors import CapacityError, EligibilityError, RegistrationError

Status = Registration.Status


def lock_conference(conference):
    """Locks the conference row until the transaction ends. Every change to who holds a seat
    takes this lock first, so seats are counted by one transaction at a time and two
    requests can never both take the last seat (on SQLite, writes are serialised anyway)."""
    return Conference.objects.select_for_update().get(pk=conference.pk)


def check_choices(conference, *, category, days, first_table_choice, second_table_choice):
    """Raises EligibilityError / RegistrationError when the choices break the conference's
    rules: at least one of its days, reserved days only for categories allowed on them,
    tables of this conference, two different tables."""
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


def check_gala_dinner(conference, gala_dinner):
    if gala_dinner and not conference.has_gala_dinner:
        raise RegistrationError(_("This conference has no gala dinner."))


def release_expired(conference, *, now=None):
    """Pending registrations past their hold time expire (and stop holding seats); called
    before seats are counted, so a seat is never held past its time. Returns how many."""
    now = now or timezone.now()
    stale = Registration.objects.filter(
        conference=conference, status=Status.PENDING, expires_at__lte=now
    )
    expired = 0
    for registration in stale:
        registration.status = Status.EXPIRED
        registration.world_cafe_table = None
        registration.save(update_fields=["status", "world_cafe_table", "updated_at"])
        expired += 1
    return expired


def fits(conference, registration, *, days, gala_dinner):
    """(fits, availability) for these choices, not counting the registration's own seats."""
    seats = availability(conference, excluding=registration if registration.pk else None)
    return not seats.shortfalls(days=days, gala_dinner=gala_dinner), seats


def require_fit(conference, registration, *, days, gala_dinner):
    seats = availability(conference, excluding=registration if registration.pk else None)
    full = seats.shortfalls(days=days, gala_dinner=gala_dinner)
    if full:
        raise CapacityError(
            format_lazy(
                _("No seats are left for {what}."), what=", ".join(str(item) for item in full)
            )
        )
    return seats


def give_seat(registration, seats, *, status, now=None):
    """Makes the registration hold a seat (pending or confirmed) and assigns its table."""
    now = now or timezone.now()
    registration.status = status
    registration.world_cafe_table = seats.table_for(
        first_choice=registration.first_table_choice,
        second_choice=registration.second_table_choice,
    )
    if status == Status.CONFIRMED:
        registration.confirmed_at = now
        registration.expires_at = None
    else:
        hours = seats.conference.pending_hold_hours
        registration.expires_at = now + datetime.timedelta(hours=hours)


def put_on_waiting_list(registration, *, now=None):
    registration.status = Status.WAITLISTED
    registration.world_cafe_table = None
    registration.expires_at = None
    registration.waitlisted_at = now or timezone.now()


def promote_fitting(conference, *, by=None):
    """Confirms waiting-list registrations that fit now, in arrival order (one that does not
    fit, e.g. its day is still full, keeps its place and the next one is looked at).
    Each promoted registrant is emailed. Returns the promoted registrations."""
    promoted = []
    for registration in waiting_list(conference):
        fitting, seats = fits(
            conference,
            registration,
            days=list(registration.days.all()),
            gala_dinner=registration.gala_dinner,
        )
        if seats.conference_left <= 0:
            break
        if not fitting:
            continue
        give_seat(registration, seats, status=Status.CONFIRMED)
        save(registration, by=by)
        send_registration_email(registration=registration, kind="promoted")
        promoted.append(registration)
    return promoted


def save(registration, *, by=None):
    """Saves with `by` (a staff user) recorded as the author in the history."""
    if by is not None:
        registration._history_user = by
    registration.save()
