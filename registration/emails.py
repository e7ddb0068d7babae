"""The one way registration emails leave the site.

`send_registration_email()` is called by the services inside their transaction. It only
records "queued" and asks for a background task *after the commit*: a rolled-back
registration sends nothing, and a slow or failing provider never delays or breaks the
request. The task renders the email in the registrant's language and sends it; a provider
failure is recorded on the registration and retried later with growing pauses, while the
registration itself is never touched by the failure."""

import datetime
import logging
import smtplib
from functools import partial

from anymail.exceptions import AnymailError
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Registration

logger = logging.getLogger(__name__)

KINDS = (
    "confirmation_request",
    "confirmed",
    "waitlisted",
    "promoted",
    "changed",
    "cancelled",
    "reminder",
    "manage_link",
    "hold_reminder",
    "offer",
    "offer_reminder",
    "offer_lapsed",
    "schedule_changed",  # registration/schedule_notices.py
)
# Kinds that carry the personal calendar of the programme.
KINDS_WITH_CALENDAR = ("confirmed", "promoted", "changed", "reminder", "schedule_changed")

MAX_ATTEMPTS = 6
# Pause before attempt n+1 after attempt n failed: 1, 4, 16, 64, 256 minutes.
RETRY_BASE_MINUTES = 1
RETRY_FACTOR = 4

# What a provider or an SMTP server raises when a message could not be handed over.
SENDING_ERRORS = (AnymailError, smtplib.SMTPException, OSError)


def send_registration_email(*, registration, kind):
    """Queues the `kind` email to the registrant once the current transaction commits and
    marks the registration's email status "queued"."""
    if kind not in KINDS:
        raise ValueError(f"unknown registration email {kind!r}")
    now = timezone.now()
    registration.email_status = Registration.EmailStatus.QUEUED
    registration.email_status_at = now
    Registration.objects.filter(pk=registration.pk).update(
        email_status=Registration.EmailStatus.QUEUED, email_status_at=now
    )
    transaction.on_commit(partial(_enqueue, registration.pk, kind, 1))


def retry_delay(attempt):
    """How long to wait after the `attempt`-th failure."""
    return datetime.timedelta(minutes=RETRY_BASE_MINUTES * RETRY_FACTOR ** (attempt - 1))


def _enqueue(registration_id, kind, attempt, run_after=None):
    from .tasks import send_registration_email_task

    task = send_registration_email_task
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(registration_id, kind, attempt)


def deliver_registration_email(*, registration_id, kind, attempt):
    """Renders and sends one email (run by the background task). Records "sent" or the
    failure on the registration; after a failure it queues the next attempt."""
    registration = (
        Registration.objects.select_related("conference", "category", "world_cafe_table")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:  # deleted (e.g. anonymised and purged) before the task ran
        return
    message = build_message(registration=registration, kind=kind)
    try:
        message.send()
    except SENDING_ERRORS as error:
        _record_failure(registration, kind=kind, attempt=attempt, error=error)
        return
    status = getattr(message, "anymail_status", None)
    Registration.objects.filter(pk=registration.pk).update(
        email_status=Registration.EmailStatus.SENT,
        email_status_at=timezone.now(),
        email_status_detail=kind,
        email_message_id=(status.message_id if status and status.message_id else "")[:200],
    )


def _record_failure(registration, *, kind, attempt, error):
    will_retry = attempt < MAX_ATTEMPTS
    logger.warning(
        "registration email failed",
        extra={"registration": registration.pk, "kind": kind, "attempt": attempt},
    )
    detail = f"{kind}: attempt {attempt} of {MAX_ATTEMPTS} failed: {error}"
    Registration.objects.filter(pk=registration.pk).update(
        email_status=Registration.EmailStatus.FAILED,
        email_status_at=timezone.now(),
        email_status_detail=detail[:300],
    )
    if will_retry:
        _enqueue(registration.pk, kind, attempt + 1, timezone.now() + retry_delay(attempt))


def build_message(*, registration, kind):
    """The email in the registrant's language: plain text with an HTML alternative."""
    from .calendars import personal_calendar

    with translation.override(registration.language):
        context = email_context(registration)
        subject = " ".join(
            render_to_string(f"registration/email/{kind}.subject.txt", context).split()
        )
        text = render_to_string(f"registration/email/{kind}.txt", context)
        html = render_to_string(f"registration/email/{kind}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            reply_to=[registration.conference.hotline_email or settings.HOTLINE["email"]],
        )
        message.attach_alternative(html, "text/html")
        if kind in KINDS_WITH_CALENDAR and registration.status == Registration.Status.CONFIRMED:
            filename = f"{registration.conference.slug}.ics"
            message.attach(filename, personal_calendar(registration), "text/calendar")
    # Tracking webhooks echo these back (where the provider supports metadata).
    message.metadata = {"booking_reference": registration.booking_reference}
    message.tags = [f"registration-{kind}"]
    return message


def email_context(registration):
    from django.urls import reverse

    from .queries import item_statuses

    site = settings.SITE_URL
    token = registration.manage_token
    items = item_statuses(registration)
    offer = next((line for line in items if line.state == "offered"), None)
    return {
        "registration": registration,
        "conference": registration.conference,
        "items": items,
        "offer_url": site
        + reverse("registration:accept_offer", kwargs={"offer_token": offer.offer_token})
        if offer
        else "",
        "offer_expires_at": offer.offer_expires_at if offer else None,
        "manage_url": site + reverse("registration:manage", kwargs={"token": token}),
        "confirm_url": site + reverse("registration:confirm", kwargs={"token": token}),
        "hotline": {
            "phone": registration.conference.hotline_phone or settings.HOTLINE["phone"],
            "email": registration.conference.hotline_email or settings.HOTLINE["email"],
        },
        "network_name": settings.NETWORK_NAME,
    }
