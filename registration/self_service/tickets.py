"""The ticket: a QR code holding the registration's ticket token (never the manage token,
which opens the registration). The check-in desk finds the registration by it, as it does
by the booking reference typed from a badge."""

import functools
import io

import segno
from django.db.models import Q
from django.utils.safestring import mark_safe

from .models import Ticket


def ticket_token(registration):
    """The registration's ticket token, made on first use (get_or_create survives two
    requests making it at once)."""
    return Ticket.objects.get_or_create(registration=registration)[0].token


def ticket_svg(token, *, title):
    """An inline SVG for the manage page; `title` is its accessible name."""
    return _ticket_svg(token, str(title))


# Encoding the QR code was a tenth of the manage page's time, and an attendee comes back to
# the page after every change they save: the last few hundred are kept in the process.
@functools.lru_cache(maxsize=512)
def _ticket_svg(token, title):
    svg = segno.make(token, error="m", micro=False).svg_inline(
        scale=5, border=2, title=title, omitsize=True
    )
    return mark_safe(svg)  # noqa: S308 - segno's output from our own token text


def ticket_png(token):
    """PNG bytes for the confirmed email (email programs do not show inline SVG)."""
    buffer = io.BytesIO()
    segno.make(token, error="m", micro=False).save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def scanned(registrations, text):
    """The registrations among `registrations` that a scanned or typed text names: a booking
    reference or a ticket token."""
    return registrations.filter(Q(booking_reference=text) | Q(ticket__token=text))
