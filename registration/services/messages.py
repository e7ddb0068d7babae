"""Emails sent on request (the attendee asks again, or the hotline presses "resend")."""

from django.db import transaction

from registration.emails import send_registration_email
from registration.models import Registration

Status = Registration.Status

# The email that describes each state, for "resend".
STATE_EMAIL = {
    Status.PENDING: "confirmation_request",
    Status.CONFIRMED: "confirmed",
    Status.WAITLISTED: "waitlisted",
    Status.CANCELLED: "cancelled",
}


def send_confirmation_request(*, registration):
    """Queues the email with the confirmation link (for a pending registration)."""
    with transaction.atomic():
        send_registration_email(registration=registration, kind="confirmation_request")


def send_manage_link(*, registration):
    """Queues an email with the personal manage link (e.g. the address registered twice)."""
    with transaction.atomic():
        send_registration_email(registration=registration, kind="manage_link")


def resend_confirmation(*, registration):
    """Sends again the email that matches the registration's state: the confirmation link
    while pending, otherwise the confirmed / waiting-list / cancelled email; an expired
    registration gets its manage link."""
    kind = STATE_EMAIL.get(registration.status, "manage_link")
    with transaction.atomic():
        send_registration_email(registration=registration, kind=kind)
