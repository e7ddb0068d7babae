"""The email provider's tracking webhook (anymail's `tracking` signal, its integration point):
delivered / bounced / rejected are recorded as an event of the email they concern and as the
registration's email status, so the hotline sees an address that does not work. anymail's
views check the webhook's basic-auth secret (ANYMAIL WEBHOOK_SECRET) and, where the provider
signs its calls, the signature, before this runs."""

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
    email = email_for_event(event)
    registration = email.registration if email else registration_for_event(event)
    if registration is None:
        return
    if event.recipient and event.recipient.lower() != registration.email.lower():
        return  # the address was changed since: the event no longer describes it
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
    if event.message_id:
        email = emails.filter(provider_message_id=str(event.message_id)).first()
        if email is not None:
            return email
    outbox_id = str((event.metadata or {}).get("outbox_email", ""))
    return emails.filter(pk=outbox_id).first() if outbox_id.isdigit() else None


def registration_for_event(event):
    """Events of emails sent before the outbox: by the message id of the registration's last
    email, else by the booking reference we send as metadata."""
    if event.message_id:
        registration = Registration.objects.filter(email_message_id=str(event.message_id)).first()
        if registration is not None:
            return registration
    reference = (event.metadata or {}).get("booking_reference")
    return Registration.objects.filter(booking_reference=reference).first() if reference else None
