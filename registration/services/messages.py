"""Emails sent on request: the manage link again (the address registered twice, or the
hotline sends the current link as a new, explicit email)."""

from django.db import transaction

from registration.emails import send_registration_email


def send_manage_link(*, registration):
    """Queues an email with the personal manage link (e.g. the address registered twice)."""
    with transaction.atomic():
        send_registration_email(registration=registration, kind="manage_link")
