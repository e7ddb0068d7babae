"""Rules that change outbox rows from outside the worker: queueing an email with the change
that causes it, and re-driving emails that wait or failed."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from registration.models import Registration

from .models import OutboxEmail

State = OutboxEmail.State


def queue_email(*, registration, kind, idempotency_key=None, not_before=None):
    """Writes the email as a row in the caller's transaction; returns (row, created). The
    same idempotency key again returns the first row and queues nothing (one email per
    event, also when a service is retried). Without a key every call is a new event. The
    worker sends it from `not_before` on (default: now)."""
    due = not_before or timezone.now()
    if idempotency_key is None:  # a new event: a fresh key cannot collide, no savepoint
        key = f"{kind}:{registration.pk}:{uuid.uuid4().hex}"
        return _create(registration, kind, key, due), True
    key = idempotency_key
    try:
        # A savepoint: a key already used must not break the caller's transaction.
        with transaction.atomic():
            email = _create(registration, kind, key, due)
    except IntegrityError:
        email = OutboxEmail.objects.filter(idempotency_key=key).first()
        if email is None:
            raise
        return email, False
    return email, True


def _create(registration, kind, key, due):
    return OutboxEmail.objects.create(
        registration=registration,
        kind=kind,
        language=registration.language,
        idempotency_key=key,
        next_attempt_at=due,
    )


def redrive_registration_emails(*, registration):
    """The registration's waiting and failed emails go out now (sent ones never again)."""
    return redrive_emails(emails=registration.outbox_emails.all())


@transaction.atomic
def redrive_emails(*, emails, now=None):
    """Waiting and failed emails among `emails` become due now with a new round of attempts
    (after an outage, or once a template is fixed). Never touches an email that was sent or
    is being sent, so nothing already sent goes out twice. Returns how many."""
    now = now or timezone.now()
    chosen = emails.filter(state__in=(State.WAITING, State.FAILED))
    registration_ids = list(chosen.values_list("registration_id", flat=True).distinct())
    count = chosen.update(state=State.WAITING, next_attempt_at=now, attempts=0, claim_token="")
    Registration.objects.filter(
        pk__in=registration_ids, email_status=Registration.EmailStatus.FAILED
    ).update(email_status=Registration.EmailStatus.QUEUED, email_status_at=now)
    return count
