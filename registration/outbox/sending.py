"""The worker's side of the outbox: claim due emails, render and send each, record the outcome.

Guarantees:
- Several workers never send one email twice: a claim takes due rows with
  SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite serialises writers and runs one worker)
  and marks them with a token; only the holder of the token records the outcome.
- Nothing is lost when a worker dies: a claim is a lease; when it runs out, the email is due
  again for any worker. The one duplicate this allows is the email the provider had accepted
  when the worker died before recording it (logged as "accepted <id>" just before the record).
- One broken email (a template mistake, a refused address) is recorded on its row, logged,
  and the worker goes on with the next one."""

import datetime
import hashlib
import logging
import time
import uuid
from email.utils import parseaddr

from anymail.backends.base import AnymailBaseBackend
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from registration.emails import TO_STAFF_KINDS, build_message
from registration.models import Registration

from .failures import SENDING_ERRORS, describe, is_permanent, retry_delay
from .models import OutboxEmail

logger = logging.getLogger(__name__)

State = OutboxEmail.State
EmailStatus = Registration.EmailStatus


def send_due_emails(*, now=None):
    """The worker's job: claims due emails batch by batch and sends them, until none is due
    or OUTBOX_SWEEP_SECONDS have passed. Returns how many were sent. `now` pretends a
    moment (for tests of back-off); by default the clock is read at each step."""
    clock = (lambda: now) if now is not None else timezone.now
    deadline = time.monotonic() + settings.OUTBOX_SWEEP_SECONDS
    mail = get_connection()
    sent = 0
    try:
        while time.monotonic() < deadline:
            batch = claim_due_emails(now=clock())
            if not batch:
                break
            sent += send_claimed_emails(batch, mail=mail, clock=clock)
    finally:
        _close_quietly(mail)
    return sent


def claim_due_emails(*, now, limit=None):
    """Claims up to `limit` due emails for this worker until now + OUTBOX_LEASE_SECONDS and
    returns them. Rows another worker is claiming at this moment are skipped, not waited for."""
    limit = limit or settings.OUTBOX_BATCH_SIZE
    token = uuid.uuid4().hex
    lease_end = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    with transaction.atomic():
        due = OutboxEmail.objects.due(now).order_by("next_attempt_at", "pk")
        if db_connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        # The due condition again: on a database without row locks (SQLite) the update
        # itself decides, so two claims can never both take a row.
        OutboxEmail.objects.due(now).filter(pk__in=ids).update(
            state=State.SENDING,
            claim_token=token,
            next_attempt_at=lease_end,
            attempts=F("attempts") + 1,
        )
    return list(
        OutboxEmail.objects.filter(claim_token=token)
        .select_related(
            "registration__conference",
            "registration__category",
            "registration__world_cafe_table",
            "mass_recipient__mass_email",
        )
        .order_by("pk")
    )


def send_claimed_emails(batch, *, mail, clock=timezone.now):
    """Sends each claimed email while at least half of its claim is left; the rest of the
    batch goes back to the queue unspent, so no email is sent after its claim ran out."""
    sent = 0
    for position, email in enumerate(batch):
        half_lease = datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS / 2)
        if clock() > email.next_attempt_at - half_lease:
            _give_back(batch[position:], now=clock())
            break
        sent += send_one(email, mail=mail, clock=clock)
    return sent


def send_one(email, *, mail, clock=timezone.now):
    """Renders and sends one claimed email and records the outcome on its row and as the
    registration's email status. Returns 1 if sent, else 0."""
    registration = email.registration
    if registration.anonymised_at is not None:
        _record_failure(email, "the person's data was erased", permanent=True, now=clock())
        return 0
    try:
        message = render(email)
    except Exception as error:
        # Any mistake in a template or in what it shows (a missing template, a syntax error,
        # a failing property) concerns this email only: recorded on the row, logged with its
        # traceback, retried with back-off (a fix may be deployed meanwhile).
        logger.exception("email %s (%s) could not be rendered", email.pk, email.kind)
        _record_failure(email, f"template error: {describe(error)}", permanent=False, now=clock())
        return 0
    if not isinstance(mail, AnymailBaseBackend):
        # The same id on every attempt: a duplicate after a crash is recognisable (and
        # folded by many mail clients); providers assign and report their own ids instead.
        message.extra_headers["Message-ID"] = outbox_message_id(email)
    try:
        mail.open()
        mail.send_messages([message])
    except (*SENDING_ERRORS, ValueError) as error:
        _close_quietly(mail)  # a broken connection is opened afresh for the next email
        _record_failure(email, describe(error), permanent=is_permanent(error), now=clock())
        return 0
    # Logged before the row is updated: a worker killed in between re-sends this email later,
    # and this line is the evidence for that duplicate.
    logger.info("accepted %s", email.pk)
    _record_sent(email, message_id=_provider_message_id(message), now=clock())
    return 1


def render(email):
    """The email in the language it was queued in, carrying its outbox id as metadata (the
    provider's tracking webhook echoes it back)."""
    registration = email.registration
    # build_message renders in registration.language: use the language of the event's time.
    registration.language = email.language
    message = build_message(registration=registration, kind=email.kind, outbox_email=email)
    message.metadata = {**(getattr(message, "metadata", None) or {}), "outbox_email": email.pk}
    return message


def outbox_message_id(email):
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(email.idempotency_key.encode()).hexdigest()[:16]
    return f"<outbox-{email.pk}.{digest}@{domain}>"


def _provider_message_id(message):
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        return str(status.message_id)[:200]
    return message.extra_headers.get("Message-ID", "")[:200]


def _still_claimed(email):
    return OutboxEmail.objects.filter(
        pk=email.pk, state=State.SENDING, claim_token=email.claim_token
    )


@transaction.atomic
def _record_sent(email, *, message_id, now):
    updated = _still_claimed(email).update(
        state=State.SENT,
        sent_at=now,
        next_attempt_at=None,
        claim_token="",
        provider_message_id=message_id,
    )
    if not updated:
        logger.warning("email %s was sent after its claim had run out", email.pk)
        return
    if email.kind in TO_STAFF_KINDS:
        return  # went to a staff member, says nothing about the registrant's address
    Registration.objects.filter(pk=email.registration_id).update(
        email_status=EmailStatus.SENT,
        email_status_at=now,
        email_status_detail=email.kind,
        email_message_id=message_id,
    )


@transaction.atomic
def _record_failure(email, error, *, permanent, now):
    final = permanent or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    changes = {"last_error": error[:2000], "claim_token": ""}
    if final:
        changes |= {"state": State.FAILED, "next_attempt_at": None}
    else:
        changes |= {"state": State.WAITING, "next_attempt_at": now + retry_delay(email.attempts)}
    if not _still_claimed(email).update(**changes):
        return
    log = logger.error if final else logger.warning
    log(
        "email %s (%s) attempt %s failed%s: %s",
        email.pk,
        email.kind,
        email.attempts,
        "" if not final else " for good",
        error,
    )
    if email.kind in TO_STAFF_KINDS:
        return
    detail = f"{email.kind}: attempt {email.attempts} of {settings.OUTBOX_MAX_ATTEMPTS} failed"
    Registration.objects.filter(pk=email.registration_id).update(
        email_status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
        email_status_at=now,
        email_status_detail=f"{detail}: {error}"[:300],
    )


def _give_back(emails, *, now):
    """Claimed emails not attempted: due again at once, the claim's attempt not counted."""
    OutboxEmail.objects.filter(
        pk__in=[email.pk for email in emails],
        claim_token=emails[0].claim_token,
        state=State.SENDING,
    ).update(state=State.WAITING, next_attempt_at=now, claim_token="", attempts=F("attempts") - 1)


def _close_quietly(mail):
    try:
        mail.close()
    except SENDING_ERRORS as error:  # the connection is gone either way
        logger.debug("closing the mail connection: %s", error)
