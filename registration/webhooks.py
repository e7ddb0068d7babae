"""The email provider's tracking webhook (anymail's `tracking` signal, its integration point):
delivered / bounced / rejected land on the registration, so the hotline sees an address that
does not work. `mce_site/email_webhook.py` mounts the configured provider's view and checks
the webhook's secret (and the provider's signature where it signs) before this runs."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver
from django.utils import timezone

from .models import Registration

STATUS_FOR_EVENT = {
    EventType.DELIVERED: Registration.EmailStatus.DELIVERED,
    EventType.BOUNCED: Registration.EmailStatus.BOUNCED,
    EventType.REJECTED: Registration.EmailStatus.REJECTED,
    EventType.FAILED: Registration.EmailStatus.REJECTED,
}


@receiver(tracking, dispatch_uid="registration_email_tracking")
def record_email_event(sender, event, esp_name, **kwargs):
    status = STATUS_FOR_EVENT.get(event.event_type)
    if status is None:
        return  # opens, clicks, deferrals: nothing the hotline needs
    registration = registration_for_event(event)
    if registration is None:
        return
    detail = event.description or event.mta_response or event.reject_reason or ""
    Registration.objects.filter(pk=registration.pk).update(
        email_status=status,
        email_status_at=event.timestamp or timezone.now(),
        email_status_detail=f"{esp_name}: {detail}"[:300] if detail else esp_name,
    )


def registration_for_event(event):
    """By the provider's message id of our last email, else by the booking reference we send
    as metadata; only when the event's recipient is the registration's address (an event
    without a recipient, or for another address, finds nothing)."""
    recipient = event.recipient if isinstance(event.recipient, str) else ""
    if not recipient.strip() or "\x00" in recipient:
        return None  # an event that names no (usable) recipient changes nothing
    addressed = Registration.objects.filter(email__iexact=recipient.strip())
    registration = None
    if event.message_id and "\x00" not in str(event.message_id):
        registration = addressed.filter(email_message_id=str(event.message_id)).first()
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    reference = metadata.get("booking_reference")
    if registration is None and isinstance(reference, str) and reference.isprintable():
        registration = addressed.filter(booking_reference=reference).first()
    return registration
