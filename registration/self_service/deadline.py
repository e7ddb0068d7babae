"""The one owner of the modification deadline: until when attendees change their own
registration from the manage link. Pages, forms and the POST handlers all ask here, so
they cannot disagree. The hotline is not bound by it: it changes registrations through the
same services, on the caller's behalf, at any time."""

from django.utils import timezone


def changes_open(conference, *, now=None):
    """True until the conference's `changes_close_at` (no deadline: always)."""
    deadline = conference.changes_close_at
    return deadline is None or (now or timezone.now()) < deadline


def attendee_may_change(registration, *, now=None):
    """An active registration whose conference still takes attendees' own changes."""
    return registration.is_active and changes_open(registration.conference, now=now)
