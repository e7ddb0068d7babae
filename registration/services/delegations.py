"""Delegations: a city or organisation registers several people in one go. Each member is a
web sign-up of their own (`registering.py`): own seats per capacity item, own confirmation
email and double opt-in, own manage link. The delegation only groups them; its lead (always
the first member) gets an email listing them and sees their states on the manage page."""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conferences.queries import registration_state
from registration import capacity
from registration.addresses import normalised_address
from registration.emails import send_registration_email
from registration.models import Delegation, Registration
from registration.queries import takes_web_registrations

from .errors import RegistrationClosedError, RegistrationError
from .references import ALPHABET
from .registering import _create, _release_expired_holds_if_full, check_choices

MIN_SIZE = 2


class DelegationError(RegistrationError):
    """Some people of the delegation cannot be registered; `member_errors` maps the person's
    index (0 is the lead) to (the field concerned or None, what is wrong), for the form to
    show at that person's block."""

    default_message = _("The delegation could not be registered. Please correct the people marked.")

    def __init__(self, message=None, *, member_errors=None):
        super().__init__(message)
        self.member_errors = member_errors or {}


def register_delegation(*, conference, name, shared, people, language, submission_key=""):
    """Registers every person of `people` (dicts of their own fields) with the `shared`
    fields (organisation, city, country, category, privacy consent), or nobody: one
    transaction, so a lead never has half a delegation to sort out. Guarantees:

    * each person is seated exactly as a single web sign-up would be, in the order given:
      when the last seats of an item go mid-delegation, the later people wait for it;
    * no address is registered twice (within the delegation or by an earlier sign-up):
      DelegationError names each person concerned, and nothing is saved;
    * at least MIN_SIZE and at most settings.DELEGATION_MAX_SIZE people;
    * each person gets their own confirmation email; the lead (the first person) also gets
      the list of the delegation;
    * the same form sent twice (`submission_key`) returns the first delegation.

    The transaction holds the counters of the items it seats for the whole delegation; the
    size limit bounds that time (20 sign-ups' inserts)."""
    if not takes_web_registrations(conference, registration_state(conference)):
        raise RegistrationClosedError()
    if submission_key:
        earlier = _delegation_sent_before(conference, submission_key)
        if earlier is not None:
            return earlier
    members = [shared | person for person in people]
    check_size(len(members))
    _check_members(conference, members)
    for data in members:
        _release_expired_holds_if_full(conference, data)
    try:
        with transaction.atomic():
            return _create_delegation(conference, name, members, language, submission_key)
    except IntegrityError:
        # A concurrent sign-up took one of the addresses after the check: name it.
        _check_addresses(conference, members)
        raise


def check_size(size):
    """Raises DelegationError when `size` people are too few or too many for a delegation."""
    largest = settings.DELEGATION_MAX_SIZE
    if size < MIN_SIZE:
        raise DelegationError(
            _("A delegation has at least two people; one person registers with the usual form.")
        )
    if size > largest:
        raise DelegationError(
            ngettext(
                "A delegation has at most %(largest)d person.",
                "A delegation has at most %(largest)d people.",
                largest,
            )
            % {"largest": largest}
        )


def _check_members(conference, members):
    errors = {}
    for index, data in enumerate(members):
        try:
            check_choices(conference, data)
        except RegistrationError as error:
            errors[index] = (None, error.message)
    if errors:
        raise DelegationError(member_errors=errors)
    _check_addresses(conference, members)


def _check_addresses(conference, members):
    """Each address once in the delegation, and none already registered (one query)."""
    addresses = [normalised_address(data["email"]) for data in members]
    taken = set(
        Registration.objects.filter(
            conference=conference,
            normalised_email__in=addresses,
            status__in=Registration.ACTIVE_STATUSES,
        ).values_list("normalised_email", flat=True)
    )
    errors = {}
    for index, address in enumerate(addresses):
        if address in taken:
            errors[index] = (
                "email",
                _("This email address is already registered for this conference."),
            )
        elif address in addresses[:index]:
            errors[index] = ("email", _("This email address is given for another person above."))
    if errors:
        raise DelegationError(member_errors=errors)


def _create_delegation(conference, name, members, language, submission_key):
    capacity.lock_all_counters(conference)  # before the first person: see its docstring
    delegation = Delegation.objects.create(
        conference=conference, name=name, reference=new_delegation_reference(conference)
    )
    registrations = [
        _create(
            conference,
            data,
            language,
            Registration.Source.WEB,
            None,
            f"{submission_key}:{index}" if submission_key else "",
            delegation=delegation,
        )
        for index, data in enumerate(members)
    ]
    delegation.lead = registrations[0]
    delegation.save(update_fields=["lead"])
    send_registration_email(registration=delegation.lead, kind="delegation_registered")
    return delegation


def _delegation_sent_before(conference, submission_key):
    return (
        Delegation.objects.filter(conference=conference, lead__submission_key=f"{submission_key}:0")
        .order_by("pk")
        .first()
    )


def new_delegation_reference(conference):
    """Like a booking reference, with a D: e.g. MCE18-D7KQ4; never one already used."""
    for _attempt in range(50):
        code = "".join(secrets.choice(ALPHABET) for _position in range(5))
        reference = f"{conference.booking_prefix}-D{code}".upper()
        if not Delegation.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("no free delegation reference found")  # pragma: no cover
