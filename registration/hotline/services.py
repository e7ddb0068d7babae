"""Rules that only the back office applies: arrivals and the call log (a person's data:
`personal_data.py`).

Bookings themselves (register on behalf, change, cancel, promote, resend) go through
`registration.services`, so the hotline obeys the same capacity and eligibility rules."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from registration.models import Registration

from .models import CallLog, CheckIn


@dataclass(frozen=True)
class CheckInResult:
    class Outcome:
        CHECKED_IN = "checked_in"
        ALREADY = "already"
        NOT_FOR_TODAY = "not_for_today"
        NOT_CONFIRMED = "not_confirmed"

    outcome: str
    check_in: CheckIn | None = None

    @property
    def admitted(self):
        return self.outcome in (self.Outcome.CHECKED_IN, self.Outcome.ALREADY)


def check_in(*, registration, day, by):
    """Marks the arrival of a confirmed registration for one of its days. Never records two
    arrivals for the same day (a second scan, or two desks at once, get ALREADY with the
    first arrival) and never admits a registration that is not confirmed for that day."""
    if registration.status != Registration.Status.CONFIRMED:
        return CheckInResult(CheckInResult.Outcome.NOT_CONFIRMED)
    if not registration.days.filter(pk=day.pk).exists():
        return CheckInResult(CheckInResult.Outcome.NOT_FOR_TODAY)
    try:
        with transaction.atomic():
            arrival = CheckIn.objects.create(registration=registration, day=day, by=by)
    except IntegrityError:
        arrival = CheckIn.objects.get(registration=registration, day=day)
        return CheckInResult(CheckInResult.Outcome.ALREADY, arrival)
    return CheckInResult(CheckInResult.Outcome.CHECKED_IN, arrival)


def log_call(*, registration, staff_user, channel, text):
    """Adds an entry to the registration's call log (entries are never changed later)."""
    return CallLog.objects.create(
        registration=registration, staff_user=staff_user, channel=channel, text=text
    )
