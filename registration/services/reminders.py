"""The reminder email a few days before the event."""

import datetime

from django.db import transaction
from django.utils import timezone

from registration.emails import send_registration_email
from registration.models import Registration


def send_reminders(*, days_before=3, today=None):
    """Emails every confirmed registrant of a conference starting within `days_before` days
    (and not yet over) once; returns how many reminders were queued."""
    today = today or timezone.localdate()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at=None,
        conference__start_date__gte=today,
        conference__start_date__lte=today + datetime.timedelta(days=days_before),
    )
    sent = 0
    for registration in due.select_related("conference"):
        with transaction.atomic():
            registration.reminder_sent_at = timezone.now()
            registration.save(update_fields=["reminder_sent_at", "updated_at"])
            send_registration_email(registration=registration, kind="reminder")
        sent += 1
    return sent
