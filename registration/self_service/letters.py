"""The invitation letter as a PDF on the organiser's letterhead (set in admin on the
conference), in the active language."""

import base64
import mimetypes

from django.utils import timezone
from django.utils.translation import gettext as _

from mce_site.pdf import render_pdf

from .models import InvitationLetter


def approved_letter(registration):
    return InvitationLetter.objects.filter(
        registration=registration, state=InvitationLetter.State.APPROVED
    ).first()


def invitation_letter_pdf(letter):
    registration = letter.registration
    conference = registration.conference
    context = {
        "title": _("Invitation letter"),
        "letter": letter,
        "registration": registration,
        "conference": conference,
        "letterhead": _data_url(conference.letterhead),
        "place": ", ".join(p for p in (conference.venue_name, conference.host_name) if p),
        "today": timezone.localdate(timezone=conference.tzinfo),
    }
    return render_pdf("pdf/invitation_letter.html", context)


def letter_filename(registration):
    return f"invitation-{registration.conference.slug}-{registration.booking_reference}.pdf"


def _data_url(image):
    """The letterhead inlined: the PDF renderer fetches nothing, not even our own media."""
    if not image:
        return ""
    mime_type = mimetypes.guess_type(image.name)[0] or "image/png"
    with image.open("rb") as handle:
        encoded = base64.b64encode(handle.read()).decode()
    return f"data:{mime_type};base64,{encoded}"
