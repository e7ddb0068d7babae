"""Invitation letters for visa applications: the confirmed registrant asks with their
passport data, a hotline lead approves, and the letter (a PDF on the organiser's
letterhead) is emailed and downloadable from the manage page."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.emails import send_registration_email
from registration.models import Registration
from registration.self_service.models import InvitationLetter

from .errors import InvalidStateError

PASSPORT_FIELDS = ("passport_name", "nationality", "passport_number", "arrival", "departure")


def request_invitation_letter(*, registration, passport, now=None):
    """Records the request (`passport`: PASSPORT_FIELDS). A new request replaces an earlier
    one and waits for approval again: an approved letter must name the data it was
    approved with."""
    if registration.status != Registration.Status.CONFIRMED:
        raise InvalidStateError(_("Invitation letters are for confirmed registrations."))
    values = {name: passport[name] for name in PASSPORT_FIELDS}
    letter, _created = InvitationLetter.objects.update_or_create(
        registration=registration,
        defaults=values
        | {
            "state": InvitationLetter.State.REQUESTED,
            "requested_at": now or timezone.now(),
            "approved_at": None,
            "approved_by": None,
        },
    )
    return letter


def approve_invitation_letter(*, letter, by, now=None):
    """A hotline lead approves: the letter is emailed to the registrant (PDF attached) and
    can be downloaded from the manage page. Approving twice emails once."""
    with transaction.atomic():
        letter = InvitationLetter.objects.select_for_update().get(pk=letter.pk)
        if letter.state == InvitationLetter.State.APPROVED:
            return letter
        letter.state = InvitationLetter.State.APPROVED
        letter.approved_at, letter.approved_by = now or timezone.now(), by
        letter.save()
        send_registration_email(registration=letter.registration, kind="invitation_letter")
    return letter
