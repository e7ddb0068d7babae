"""Reads about email delivery: what the monitoring endpoint and the back office show."""

from django.db.models import Max, Min, Q

from registration.models import Registration

from .models import OutboxEmail, WorkerHeartbeat

EmailStatus = Registration.EmailStatus

# The registration's own email status that means the address or the sending has a problem.
PROBLEM_STATUSES = (EmailStatus.FAILED, EmailStatus.BOUNCED, EmailStatus.REJECTED)


def email_problem():
    """A filter for registrations with an email problem: an email that failed for good, or
    the last known email bounced or was rejected by the provider."""
    # The few registrations with a failed email, looked up once (a hashed set), rather than
    # a subquery per registration: over 50,000 of them that was most of the list's time.
    failed = OutboxEmail.objects.filter(
        state=OutboxEmail.State.FAILED, registration__isnull=False
    ).values("registration_id")
    return Q(email_status__in=PROBLEM_STATUSES) | Q(pk__in=failed)


def last_heartbeat():
    """When a worker last showed it is alive (None: never)."""
    return WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]


def oldest_due_since(now):
    """Since when the longest-waiting due email has been due (None: nothing is due). Emails
    waiting for a later retry are not due; an email whose worker's claim ran out is."""
    return OutboxEmail.objects.due(now).aggregate(since=Min("next_attempt_at"))["since"]


def email_history(registration):
    """The registration's emails, newest first, with the provider's events."""
    return registration.outbox_emails.prefetch_related("events").order_by("-created_at", "-pk")
