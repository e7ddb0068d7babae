"""What a failed send means: when to try again, and which failures never get better."""

import datetime
import random
import smtplib

from anymail.exceptions import AnymailError, AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings

# What a provider or an SMTP server raises when a message could not be handed over.
SENDING_ERRORS = (AnymailError, smtplib.SMTPException, OSError)


def retry_delay(attempt, *, rng=random):
    """The pause after the `attempt`-th failure: doubling from OUTBOX_RETRY_BASE_SECONDS up to
    OUTBOX_RETRY_CAP_SECONDS, each drawn between half and all of that (jitter), so emails
    that failed together during an outage do not all come back at the same moment."""
    ceiling = min(
        settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.OUTBOX_RETRY_CAP_SECONDS
    )
    return datetime.timedelta(seconds=ceiling * rng.uniform(0.5, 1.0))


def is_permanent(error):
    """A refused or invalid recipient will be refused again: no retry. Everything else (the
    provider is down, a timeout, a full queue, greylisting with a 4xx code) may pass later."""
    if isinstance(error, AnymailRecipientsRefused | AnymailInvalidAddress):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return isinstance(error, ValueError)  # Django refuses an address it cannot encode


def describe(error):
    """One line for the row and the hotline."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = "; ".join(
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        )
        return f"recipient refused: {refusals}"
    return f"{type(error).__name__}: {error}"
