"""What a mass email says to one recipient: the version in their language with the
placeholders filled in, as plain text and as HTML (Markdown, sanitised). Used by the preview
in the back office and by the worker that sends it, so both show the same."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conferences.press.templatetags.press_text import render_markdown

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {
    "first_name": _("first name"),
    "last_name": _("last name"),
    "full_name": _("title and full name"),
    "booking_reference": _("booking reference"),
    "manage_link": _("link to the personal registration page"),
    "conference": _("conference title"),
}


@dataclass(frozen=True)
class FilledMassEmail:
    language: str
    subject: str
    text: str
    html: str


def unknown_placeholders(text):
    """Names in braces that are no placeholder (a typo would reach every recipient)."""
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill_mass_email(*, mass_email, registration):
    """The recipient's version: German for German-speaking registrants, else English."""
    language = "de" if registration.language == "de" else "en"
    subject = getattr(mass_email, f"subject_{language}")
    body = getattr(mass_email, f"body_{language}")
    values = _values(registration)
    text = _fill(body, values)
    return FilledMassEmail(
        language=language,
        subject=" ".join(_fill(subject, values).split()),
        text=text,
        html=render_markdown(text),
    )


def _fill(text, values):
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def _values(registration):
    manage = reverse("registration:manage", kwargs={"token": registration.manage_token})
    return {
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "full_name": registration.full_name,
        "booking_reference": registration.booking_reference,
        "manage_link": settings.SITE_URL + manage,
        "conference": registration.conference.title,
    }
