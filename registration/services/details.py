"""The registrant's own details: name, title, organisation, position, city, country, phone
and needs change at once; a new email address only once the link sent to it is followed,
so a mistyped address never cuts the person off from their registration. Every change is
a version in the registration's history (simple_history records each save)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration import capacity
from registration.emails import send_registration_email
from registration.models import Registration
from registration.queries import active_registration_for_email
from registration.questions.services import save_answers
from registration.self_service.models import EmailChange

from .errors import DuplicateRegistrationError, InvalidStateError

DETAIL_FIELDS = (
    *(name for name in Registration.CONTACT_FIELDS if name != "email"),
    *Registration.NEEDS_FIELDS,
)
# Long enough to find the email after a weekend; a stale link must not move the address.
EMAIL_CHANGE_VALID_FOR = timedelta(days=7)
ADDRESS_TAKEN = _("Another registration for this conference uses this email address.")


def change_details(*, registration, details, by=None):
    """Saves the DETAIL_FIELDS in `details` (one history version, none when nothing changed)
    and the answers to the conference's questions in it (`save_answers`).
    An `email` in `details` that differs from the registered one is not taken over: a link
    is emailed to it (see `request_email_change`). Returns the registration."""
    if not registration.is_active:
        raise InvalidStateError()
    with transaction.atomic():
        registration = capacity.lock(Registration.objects.filter(pk=registration.pk))
        changed = [name for name in DETAIL_FIELDS if getattr(registration, name) != details[name]]
        for name in changed:
            setattr(registration, name, details[name])
        if changed:
            _save(registration, by=by)
        save_answers(registration=registration, answers=details.get("answers"))
        new_email = details.get("email") or registration.email
        if new_email.lower() != registration.email.lower():
            request_email_change(registration=registration, new_email=new_email)
    return registration


def request_email_change(*, registration, new_email, now=None):
    """Emails a link to `new_email`; following it makes it the registration's address. A
    new request replaces an earlier one (its link stops working). Refuses an address that
    another active registration of the conference uses."""
    _check_address_free(registration, new_email)
    with transaction.atomic():
        EmailChange.objects.filter(registration=registration).delete()
        EmailChange.objects.create(
            registration=registration, new_email=new_email, requested_at=now or timezone.now()
        )
        send_registration_email(registration=registration, kind="email_change")


def pending_email_change(token, *, now=None):
    """The change this link asks for, if it is the latest request and not too old."""
    oldest = (now or timezone.now()) - EMAIL_CHANGE_VALID_FOR
    return (
        EmailChange.objects.filter(token=token, requested_at__gt=oldest)
        .select_related("registration__conference")
        .first()
    )


def confirm_email_change(*, token, now=None):
    """The new address becomes the registration's (confirmed: its owner followed the link)
    and the link is used up. Returns the registration, or None for an unknown, replaced or
    expired link. Refuses when the address was taken by another registration meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        change = pending_email_change(token, now=now)
        if change is None:
            return None
        registration = capacity.lock(Registration.objects.filter(pk=change.registration_id))
        _check_address_free(registration, change.new_email)
        registration.email = change.new_email
        registration.email_confirmed_at = now
        _save(registration, by=None)
        change.delete()
    return registration


def _check_address_free(registration, email):
    other = active_registration_for_email(registration.conference, email)
    if other is not None and other.pk != registration.pk:
        raise DuplicateRegistrationError(ADDRESS_TAKEN)


def _save(registration, *, by):
    if by is not None:
        registration._history_user = by
    registration.save()
