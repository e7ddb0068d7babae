"""Self-service emails that go to an address other than the registered one: the link that
confirms a new address, and the offer of a place passed on to a colleague. Both addresses
are unproven, so these emails never carry the manage link (registration/emails.py)."""

from django.conf import settings
from django.urls import reverse

from .models import EmailChange, Transfer


def other_recipient(registration, kind):
    """(address, extra email context) for these kinds, None for every other email. The row
    is read when the email is sent: a newer request's address and link win."""
    if kind == "email_change":
        change = EmailChange.objects.filter(registration=registration).first()
        if change is not None:
            url = reverse("registration:confirm_email", kwargs={"token": change.token})
            return change.new_email, {"email_change_url": settings.SITE_URL + url}
    if kind == "transfer_offer":
        transfer = Transfer.objects.filter(registration=registration).first()
        if transfer is not None:
            url = reverse("registration:take_over", kwargs={"token": transfer.token})
            return transfer.email, {"transfer_url": settings.SITE_URL + url, "transfer": transfer}
    return None
