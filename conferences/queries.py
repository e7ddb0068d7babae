"""Reusable reads about conferences."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    NOT_YET_OPEN = "not_yet_open", _("Registration opens soon")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")
    FULL = "full", _("Registration is full")


def registration_state(conference, *, now=None):
    """Whether the web form takes registrations now: the window and the "full" switch come
    from admin; the conference is also full when every seat is held."""
    from registration.queries import seats_left_for_conference

    now = now or timezone.now()
    opens, closes = conference.registration_opens_at, conference.registration_closes_at
    if opens is None or now < opens:
        return RegistrationState.NOT_YET_OPEN
    if (closes is not None and now >= closes) or now.date() > conference.end_date:
        return RegistrationState.CLOSED
    if conference.registration_full or seats_left_for_conference(conference) <= 0:
        return RegistrationState.FULL
    return RegistrationState.OPEN
