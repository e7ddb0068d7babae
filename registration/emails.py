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
    "email_change",  # to the new address: registration/services/details.py
    "transfer_offer",  # to a colleague: registration/services/transfer.py
    "transferred",
    "invitation_letter",  # the approved letter attached: registration/services/letters.py
    "accreditation_approved",  # registration/services/accreditation.py
    "accreditation_declined",
    "delegation_registered",  # to a delegation's lead: registration/services/delegations.py
)
# Kinds sent to an address not yet confirmed: never with the manage link (a mistyped
# address must not hand a stranger the registration).
KINDS_WITHOUT_MANAGE_LINK = ("email_change", "transfer_offer")
# Written by a hotline lead (registration/services/mass_email.py); the test goes to the lead,
# with a real registrant's details, and says nothing about that registrant's email status.
MASS_KINDS = ("mass_email", "mass_email_test")
TO_STAFF_KINDS = ("mass_email_test",)
# Kinds that carry the personal calendar of the programme.
KINDS_WITH_CALENDAR = ("confirmed", "promoted", "changed", "reminder", "schedule_changed")
# Kinds that carry the ticket (its QR code as a PNG: email programs do not show inline SVG).
KINDS_WITH_TICKET = ("confirmed", "promoted", "reminder")


def send_registration_email(
    *, registration, kind, idempotency_key=None, not_before=None, status_saved_by_caller=False
):
    """Queues the `kind` email to the registrant as part of the current transaction and marks
    the registration's email status "queued"; returns the outbox row. Pass an
    `idempotency_key` naming the event (e.g. f"reminder:{registration.pk}") where the same
    event could be queued twice: the second call then queues nothing. `not_before` holds the
    email back until then (mass emails are spread out, see services/mass_email.py).
    `status_saved_by_caller`: the caller saves the registration in the same transaction,
    after this call or (marked with `mark_email_queued`) before it, so no UPDATE of its own."""
    if kind not in KINDS + MASS_KINDS:
        raise ValueError(f"unknown registration email {kind!r}")
    email, created = queue_email(
        registration=registration,
        kind=kind,
        idempotency_key=idempotency_key,
        not_before=not_before,
    )
    if created and kind not in TO_STAFF_KINDS:
        now = mark_email_queued(registration)
        if not status_saved_by_caller:
            Registration.objects.filter(pk=registration.pk).update(
                email_status=Registration.EmailStatus.QUEUED, email_status_at=now
            )
    return email


def mark_email_queued(registration, *, now=None):
    """Sets the email status "queued" on the instance (the caller saves it); returns when."""
    registration.email_status = Registration.EmailStatus.QUEUED
    registration.email_status_at = now or timezone.now()
    return registration.email_status_at


def build_message(*, registration, kind, outbox_email=None):
    """The email in the registrant's language: plain text with an HTML alternative. A mass
    email needs its `outbox_email` (which says what was written and to whom)."""
    from .calendars import personal_calendar

    with translation.override(registration.language):
        to, extra = _recipient(registration, kind)
        ticket = _ticket(registration, kind)
        context = email_context(registration) | extra | {"ticket_attached": ticket is not None}
        if kind == "delegation_registered":
            from .delegations.queries import delegation_of_lead

            context["delegation"] = delegation_of_lead(registration)
        template = kind
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
        if ticket is not None:
            message.attach(f"ticket-{registration.booking_reference}.png", ticket, "image/png")
        if kind == "invitation_letter":
            _attach_letter(message, registration)
    # Tracking webhooks echo these back (where the provider supports metadata).
    message.metadata = {"booking_reference": registration.booking_reference}
    message.tags = [f"registration-{kind}"]
    return message


def _ticket(registration, kind):
    """PNG bytes of the ticket's QR code for a confirmed registration's kinds that carry it."""
    from .self_service.tickets import ticket_png, ticket_token

    if kind not in KINDS_WITH_TICKET or registration.status != Registration.Status.CONFIRMED:
        return None
    return ticket_png(ticket_token(registration))


def _attach_letter(message, registration):
    from .self_service.letters import approved_letter, invitation_letter_pdf, letter_filename

    letter = approved_letter(registration)
    if letter is not None:
        pdf = invitation_letter_pdf(letter)
        message.attach(letter_filename(registration), pdf, "application/pdf")


def _recipient(registration, kind):
    """(address, extra context): links for an address not yet confirmed go to that address
    only, and the registered address gets everything else."""
    from .self_service.mail import other_recipient

    if kind in KINDS_WITHOUT_MANAGE_LINK:
        other = other_recipient(registration, kind)
        if other is not None:
            return other
    return registration.email, {}


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
