"""Rules that only the back office applies: arrivals, the call log and personal data.

Bookings themselves (register on behalf, change, cancel, promote, resend) go through
`registration.services`, so the hotline obeys the same capacity and eligibility rules."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.models import Registration
from registration.outbox.models import EmailEvent, OutboxEmail

from .models import CallLog, CheckIn

# What anonymisation leaves: the status, days, category, country and dates stay for
# statistics; everything that names or reaches a person becomes a neutral value.
ANONYMOUS_VALUES = {
    "title": "",
    "first_name": "Anonymised",
    "last_name": "",
    "organisation": "",
    "position": "",
    "city": "",
    "phone": "",
    "dietary_needs": "",
    "accessibility_needs": "",
    "listed_consent": False,
    "email_status_detail": "",
}


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


class StillActiveError(Exception):
    """Erasing the data of someone who still holds or waits for a seat."""

    message = _("Cancel the registration before erasing the person's data.")


@transaction.atomic
def erase_personal_data(*, registration):
    """Erases one person's data on request: the registration is anonymised (kept for the
    counts), its history rows and call-log texts lose their personal data. Refuses while the
    registration is active, so no email can go to the erased address afterwards."""
    if registration.is_active:
        raise StillActiveError(StillActiveError.message)
    _anonymise(Registration.objects.filter(pk=registration.pk))
    registration.refresh_from_db()


@transaction.atomic
def anonymise_ended_conferences(*, older_than_days, now=None):
    """Anonymises every registration of conferences that ended more than `older_than_days`
    days ago and were not anonymised yet; returns how many. Counts by status, day,
    category and country stay as they were."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=older_than_days)
    registrations = Registration.objects.filter(
        conference__end_date__lt=cutoff, anonymised_at__isnull=True
    )
    return _anonymise(registrations)


def _anonymise(registrations):
    """Five bulk updates whatever the number of rows; history and call log first, while
    the registrations still match their filter."""
    pks = registrations.values("pk")
    Registration.history.model.objects.filter(id__in=pks).update(
        **ANONYMOUS_VALUES, email=_anonymous_email("id")
    )
    CallLog.objects.filter(registration__in=pks).update(text="")
    # Providers' error texts and events may quote the address.
    OutboxEmail.objects.filter(registration__in=pks).update(last_error="")
    EmailEvent.objects.filter(email__registration__in=pks).update(detail="")
    # Each row keeps a unique invalid address (the one-active-registration-per-email
    # constraint holds) and gets an unguessable new token, so the old manage link dies.
    token_prefix = secrets.token_urlsafe(24)
    return registrations.update(
        **ANONYMOUS_VALUES,
        email=_anonymous_email("pk"),
        manage_token=Concat(Value(f"{token_prefix}-"), Cast("pk", CharField())),
        anonymised_at=timezone.now(),
    )


def _anonymous_email(pk_field):
    return Concat(Value("anonymised-"), Cast(pk_field, CharField()), Value("@invalid.invalid"))


def export_personal_data(*, registration):
    """Everything stored about one person, as JSON-ready data (for a subject access request):
    the registration, its days, the call log, arrivals, every historical version and the
    emails sent to them."""
    fields = [
        f.name
        for f in Registration._meta.concrete_fields
        if f.name not in ("manage_token", "submission_key", "email_message_id")
    ]
    history = registration.history.order_by("history_date").values(
        "history_date", "history_type", *[f for f in fields if f not in ("id",)]
    )
    return {
        "registration": {name: _plain(getattr(registration, name)) for name in fields}
        | {
            "conference": str(registration.conference),
            "category": str(registration.category),
            "days": [day.date.isoformat() for day in registration.days.all()],
        },
        "call_log": [
            {"when": log.logged_at.isoformat(), "channel": log.channel, "text": log.text}
            for log in registration.call_logs.all()
        ],
        "check_ins": [
            {"day": c.day.date.isoformat(), "at": c.checked_in_at.isoformat()}
            for c in registration.check_ins.select_related("day")
        ],
        "history": [{key: _plain(value) for key, value in row.items()} for row in history],
        "emails": [
            {
                "kind": email.kind,
                "state": email.state,
                "queued": _plain(email.created_at),
                "sent": _plain(email.sent_at),
                "last_error": email.last_error,
                "events": [
                    {"event": e.kind, "at": _plain(e.happened_at), "detail": e.detail}
                    for e in email.events.all()
                ],
            }
            for email in registration.outbox_emails.prefetch_related("events")
        ],
    }


def _plain(value):
    """A JSON-ready version of a model value (dates as ISO text, objects as their text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return str(value)
