"""Errors the registration rules raise; views and the hotline show `message` to people."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    default_message = _("The registration could not be saved.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class RegistrationClosedError(RegistrationError):
    default_message = _("Registration is not open at the moment.")


class CapacityError(RegistrationError):
    default_message = _("There are not enough seats left for this choice.")


class EligibilityError(RegistrationError):
    default_message = _("Your participant category may not attend the chosen days.")


class DuplicateRegistrationError(RegistrationError):
    """The address already holds or waits for a seat; `registration` is that registration."""

    default_message = _(
        "This email address is already registered for this conference. We have sent the "
        "link to your registration to it again."
    )

    def __init__(self, message=None, *, registration=None):
        super().__init__(message)
        self.registration = registration


class InvalidStateError(RegistrationError):
    default_message = _("This registration cannot be changed in its current state.")
