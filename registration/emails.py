"""The one way registration emails leave the site.

`send_registration_email()` is called by the services inside their transaction. It writes
the email into the outbox (`registration/outbox/`) in that same transaction: a change that
commits always has its email, a rolled-back one has none, and a process that dies right
after the commit loses nothing. The worker (`manage.py run_worker`) renders each email in the
registrant's language with `build_message()` and sends it; a failing provider is retried with
growing pauses and never delays or breaks the request, nor touches the registration."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Registration
from .outbox.services import queue_email

KINDS = (
    "confirmation_request",
    "confirmed",
    "waitlisted",
    "promoted",
    "changed",
    "cancelled",
    "reminder",
    "manage_link",
    "lost_link",  # registration/services/links.py
    "new_manage_link",
    "hold_reminder",
    "offer",
    "offer_reminder",
    "offer_lapsed",
    "schedule_changed",  # registration/schedule_notices.py
)
# Kinds that carry the personal calendar of the programme.
KINDS_WITH_CALENDAR = ("confirmed", "promoted", "changed", "reminder", "schedule_changed")


def send_registration_email(*, registration, kind, idempotency_key=None):
    """Queues the `kind` email to the registrant as part of the current transaction and marks
    the registration's email status "queued"; returns the outbox row. Pass an
    `idempotency_key` naming the event (e.g. f"reminder:{registration.pk}") where the same
    event could be queued twice: the second call then queues nothing."""
    if kind not in KINDS:
        raise ValueError(f"unknown registration email {kind!r}")
    email, created = queue_email(
        registration=registration, kind=kind, idempotency_key=idempotency_key
    )
    if created:
        now = timezone.now()
        registration.email_status = Registration.EmailStatus.QUEUED
        registration.email_status_at = now
        Registration.objects.filter(pk=registration.pk).update(
            email_status=Registration.EmailStatus.QUEUED, email_status_at=now
        )
    return email


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
        "unheld": any(line.state == "on_confirmation" for line in items),
        "manage_url": site + registration.get_manage_url(),
        "confirm_url": site + registration.get_confirm_url(),
        # Mail sent on request repeats the confirmation link while it is still needed.
        "awaits_confirmation": not registration.email_confirmed
        and registration.status in (Registration.Status.PENDING, Registration.Status.EXPIRED),
        "hotline": {
            "phone": registration.conference.hotline_phone or settings.HOTLINE["phone"],
            "email": registration.conference.hotline_email or settings.HOTLINE["email"],
        },
        "network_name": settings.NETWORK_NAME,
    }
