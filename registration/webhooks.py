"""The email provider's tracking webhook (anymail's `tracking` signal, its integration point):
delivered / bounced / rejected land on the registration, so the hotline sees an address that
does not work. anymail's views check the webhook's basic-auth secret (ANYMAIL WEBHOOK_SECRET)
and, where the provider signs its calls, the signature, before this runs."""

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
    as metadata; only while the event's recipient is still the registration's address."""
    candidates = Registration.objects.none()
    if event.message_id:
        candidates = Registration.objects.filter(email_message_id=str(event.message_id))
    reference = (event.metadata or {}).get("booking_reference")
    if not candidates.exists() and reference:
        candidates = Registration.objects.filter(booking_reference=reference)
    registration = candidates.first()
    if registration is None:
        return None
    if event.recipient and event.recipient.lower() != registration.email.lower():
        return None
    return registration
