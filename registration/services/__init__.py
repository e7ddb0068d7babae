"""The rules that change registrations. Each function is one transaction; views, the hotline,
admin actions and management commands call these and nothing else to change a registration."""

from .agenda import set_agenda
from .changes import (
    cancel_registration,
    change_registration,
    leave_waiting_list,
    promote_registration,
    promote_waiting_list,
    reinstate_registration,
)
from .delegations import DelegationError, register_delegation
from .details import change_details, confirm_email_change, request_email_change
from .errors import (
    CapacityError,
    DuplicateRegistrationError,
    EligibilityError,
    InvalidStateError,
    RegistrationClosedError,
    RegistrationError,
)
from .letters import approve_invitation_letter, request_invitation_letter
from .links import renew_manage_link, send_lost_links, send_manage_link
from .references import new_booking_reference
from .registering import (
    accept_offer,
    confirm_registration,
    expire_pending_registrations,
    register_on_behalf,
    submit_registration,
)
from .reminders import send_reminders
from .transfer import accept_transfer, offer_transfer

__all__ = [
    "accept_offer",
    "accept_transfer",
    "approve_invitation_letter",
    "CapacityError",
    "DelegationError",
    "DuplicateRegistrationError",
    "EligibilityError",
    "InvalidStateError",
    "RegistrationClosedError",
    "RegistrationError",
    "cancel_registration",
    "change_details",
    "confirm_email_change",
    "change_registration",
    "confirm_registration",
    "expire_pending_registrations",
    "leave_waiting_list",
    "new_booking_reference",
    "offer_transfer",
    "promote_registration",
    "promote_waiting_list",
    "register_on_behalf",
    "register_delegation",
    "reinstate_registration",
    "renew_manage_link",
    "send_lost_links",
    "request_email_change",
    "request_invitation_letter",
    "send_manage_link",
    "send_reminders",
    "set_agenda",
    "submit_registration",
]
