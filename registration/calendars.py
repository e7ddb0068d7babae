"""The attendee's personal calendar: the published sessions of the days they attend (the
gala dinner only when booked), in the registrant's language."""

from django.utils import timezone, translation

from conferences.calendars import day_event, programme_calendar
from conferences.models import SessionKind
from conferences.queries import visible_sessions


def personal_calendar(registration):
    """iCalendar bytes for one registration."""
    conference = registration.conference
    days = list(registration.days.all())
    with translation.override(registration.language):
        sessions = [
            session
            for session in visible_sessions(conference).filter(day__in=days)
            if registration.gala_dinner or session.kind != SessionKind.SOCIAL
        ]
        name = f"{conference.title} ({registration.booking_reference})"
        calendar = programme_calendar(conference, sessions, name=name)
        if not sessions:
            # No programme yet: one all-day entry per attended day keeps the dates.
            stamp = timezone.now()
            for day in days:
                uid = f"{registration.booking_reference}-day-{day.pk}"
                calendar.add_component(day_event(conference, day, uid=uid, stamp=stamp))
    return calendar.to_ical()
