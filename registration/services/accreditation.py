"""Press accreditation: a registration in a press category waits for a press officer, who
approves or declines it with a note; the registrant is emailed either way. The booking
itself (seats, waiting lists) is not touched: a declined journalist keeps their place as a
visitor unless the hotline cancels it, and the note tells them what the press office said."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.emails import send_registration_email
from registration.models import Registration

from .errors import InvalidStateError

Accreditation = Registration.Accreditation


def accreditation_for(category):
    """The accreditation a new registration in `category` starts with."""
    return Accreditation.PENDING if category.is_press else Accreditation.NOT_NEEDED


def approve_accreditation(*, registration, note="", by):
    """Accredits the journalist and emails them (with the note, if any)."""
    return _decide(registration, Accreditation.APPROVED, note, by)


def decline_accreditation(*, registration, note, by):
    """Declines the accreditation and emails the registrant the note (the reason)."""
    return _decide(registration, Accreditation.DECLINED, note, by)


def _decide(registration, state, note, by):
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.press_accreditation == Accreditation.NOT_NEEDED:
            raise InvalidStateError(_("This registration needs no press accreditation."))
        if not registration.is_active or registration.anonymised_at is not None:
            raise InvalidStateError(_("Only active registrations can be accredited."))
        registration.press_accreditation = state
        registration.accreditation_note = note
        registration.accreditation_decided_at = timezone.now()
        registration.accreditation_decided_by = by
        registration._history_user = by
        registration.save()
        send_registration_email(registration=registration, kind=f"accreditation_{state}")
    return registration
