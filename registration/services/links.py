"""Personal links: the manage link (see, change, cancel), sent again on request, found again
by address, and renewed so that an old copy stops working. The confirmation link and offer
links carry tokens of their own and stay valid when the manage link changes.

Whoever asks, the link only ever goes to the address the registration holds: finding a
registration by an address never shows or confirms anything to the person asking."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registration import capacity
from registration.addresses import normalised_address
from registration.emails import send_registration_email
from registration.models import Registration, new_manage_token

# Most manage links one "lost your link?" request sends (the newest registrations): a
# request's cost and the mail it causes stay bounded.
LOST_LINKS_AT_MOST = 5
RENEWED_REASON = _("New manage link; the old one no longer works")


def send_manage_link(*, registration):
    """Queues an email with the current manage link (the address registered again, or the
    hotline sends it on request)."""
    with transaction.atomic():
        send_registration_email(registration=registration, kind="manage_link")


def send_lost_links(*, email):
    """The "lost your link?" page: emails the manage link of each registration under this
    address (or a variant of it, `addresses.normalised_address`) to the address as
    registered; anonymised ones never. Returns nothing: the page answers the same whether
    or not the address is registered."""
    registrations = Registration.objects.filter(
        normalised_email=normalised_address(email), anonymised_at__isnull=True
    ).select_related("conference")
    with transaction.atomic():
        for registration in registrations.order_by("-created_at")[:LOST_LINKS_AT_MOST]:
            send_registration_email(registration=registration, kind="lost_link")


def renew_manage_link(*, registration, by=None):
    """A new manage link, emailed to the registration's address; the old link stops working
    at once (the confirmation and offer links are untouched). The history records when and
    who (`by`: the hotline's staff member; None: the person from their manage page)."""
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        registration.manage_token = new_manage_token()
        registration._change_reason = str(RENEWED_REASON)
        if by is not None:
            registration._history_user = by
        registration.save()
        send_registration_email(registration=registration, kind="new_manage_link")
    return registration
