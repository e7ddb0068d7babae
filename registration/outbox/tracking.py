"""The email provider's tracking webhook (anymail's `tracking` signal, its integration point):
delivered / bounced / rejected are recorded as an event of the email they concern and as the
registration's email status, so the hotline sees an address that does not work.
`mce_site/email_webhook.py` mounts the configured provider's view and checks the webhook's
secret (and the provider's signature where it signs) before this runs. An event changes
something only when it names a usable recipient that is the registration's address."""

from anymail.signals import EventType, tracking
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from registration.models import Registration

from .models import EmailEvent, OutboxEmail

EVENTS = {
    EventType.DELIVERED: (EmailEvent.Kind.DELIVERED, Registration.EmailStatus.DELIVERED),
    EventType.BOUNCED: (EmailEvent.Kind.BOUNCED, Registration.EmailStatus.BOUNCED),
    EventType.REJECTED: (EmailEvent.Kind.REJECTED, Registration.EmailStatus.REJECTED),
    EventType.FAILED: (EmailEvent.Kind.REJECTED, Registration.EmailStatus.REJECTED),
}


@receiver(tracking, dispatch_uid="outbox_email_tracking")
def record_email_event(sender, event, esp_name, **kwargs):
    if event.event_type not in EVENTS:
        return  # opens, clicks, deferrals: nothing the hotline needs
    recipient = event.recipient.strip() if isinstance(event.recipient, str) else ""
    if not recipient or "\x00" in recipient:
        return  # an event that names no usable recipient changes nothing
    email = email_for_event(event)
    registration = email.registration if email else registration_for_event(event)
    if registration is None or recipient.lower() != registration.email.lower():
        return  # another address, or one changed since: the event does not describe it
    kind, status = EVENTS[event.event_type]
    detail = event.description or event.mta_response or event.reject_reason or ""
    detail = f"{esp_name}: {detail}"[:300] if detail else esp_name
    at = event.timestamp or timezone.now()
    with transaction.atomic():
        if email is not None:
            EmailEvent.objects.create(email=email, kind=kind, happened_at=at, detail=detail)
        Registration.objects.filter(pk=registration.pk).update(
            email_status=status, email_status_at=at, email_status_detail=detail
        )


def email_for_event(event):
    """By the provider's message id, else by the outbox id we send as metadata."""
    emails = OutboxEmail.objects.select_related("registration")
    if event.message_id and "\x00" not in str(event.message_id):
        email = emails.filter(provider_message_id=str(event.message_id)).first()
        if email is not None:
            return email
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    outbox_id = str(metadata.get("outbox_email", ""))
    return emails.filter(pk=outbox_id).first() if outbox_id.isdigit() else None


def registration_for_event(event):
    """Events of emails sent before the outbox: by the message id of the registration's last
    email, else by the booking reference we send as metadata."""
    if event.message_id and "\x00" not in str(event.message_id):
        registration = Registration.objects.filter(email_message_id=str(event.message_id)).first()
        if registration is not None:
            return registration
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    reference = metadata.get("booking_reference")
    if not isinstance(reference, str) or not reference.isprintable():
        return None
    return Registration.objects.filter(booking_reference=reference).first()
