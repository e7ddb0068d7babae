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
    "hold_reminder",
    "offer",
    "offer_reminder",
    "offer_lapsed",
    "schedule_changed",  # registration/schedule_notices.py
    "accreditation_approved",  # registration/services/accreditation.py
    "accreditation_declined",
)
# Written by a hotline lead (registration/services/mass_email.py); the test goes to the lead,
# with a real registrant's details, and says nothing about that registrant's email status.
MASS_KINDS = ("mass_email", "mass_email_test")
TO_STAFF_KINDS = ("mass_email_test",)
# Kinds that carry the personal calendar of the programme.
KINDS_WITH_CALENDAR = ("confirmed", "promoted", "changed", "reminder", "schedule_changed")


def send_registration_email(*, registration, kind, idempotency_key=None, not_before=None):
    """Queues the `kind` email to the registrant as part of the current transaction and marks
    the registration's email status "queued"; returns the outbox row. Pass an
    `idempotency_key` naming the event (e.g. f"reminder:{registration.pk}") where the same
    event could be queued twice: the second call then queues nothing. `not_before` holds the
    email back until then (mass emails are spread out, see services/mass_email.py)."""
    if kind not in KINDS + MASS_KINDS:
        raise ValueError(f"unknown registration email {kind!r}")
    email, created = queue_email(
        registration=registration,
        kind=kind,
        idempotency_key=idempotency_key,
        not_before=not_before,
    )
    if created and kind not in TO_STAFF_KINDS:
        now = timezone.now()
        registration.email_status = Registration.EmailStatus.QUEUED
        registration.email_status_at = now
        Registration.objects.filter(pk=registration.pk).update(
            email_status=Registration.EmailStatus.QUEUED, email_status_at=now
        )
    return email


def build_message(*, registration, kind, outbox_email=None):
    """The email in the registrant's language: plain text with an HTML alternative. A mass
    email needs its `outbox_email` (which says what was written and to whom)."""
    from .calendars import personal_calendar

    with translation.override(registration.language):
        context = email_context(registration)
        to, template = registration.email, kind
        if kind in MASS_KINDS:
            context, to = _mass_email_context(context, outbox_email, registration)
            template = "mass_email"
            subject = context["mass"].subject
        else:
            subject = " ".join(
                render_to_string(f"registration/email/{kind}.subject.txt", context).split()
            )
        text = render_to_string(f"registration/email/{template}.txt", context)
        html = render_to_string(f"registration/email/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
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


def _mass_email_context(context, outbox_email, registration):
    from .hotline.mass_email_text import fill_mass_email

    mass_email = outbox_email.mass_recipient.mass_email
    mass = fill_mass_email(mass_email=mass_email, registration=registration)
    to = mass_email.sent_by.email if mass_email.is_test else registration.email
    return context | {"mass": mass}, to


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
