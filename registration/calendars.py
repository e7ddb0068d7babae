"""The attendee's personal calendar: the published sessions of the days they attend (plus
the gala dinner only when booked), as an iCalendar file."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event

from conferences.models import SessionKind


def personal_calendar(registration):
    """iCalendar bytes for one registration, in the registrant's language."""
    conference = registration.conference
    day_ids = {day.pk for day in registration.days.all()}
    with translation.override(registration.language):
        calendar = Calendar()
        calendar.add("prodid", f"-//{settings.NETWORK_NAME}//{conference.slug}//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", f"{conference.title} ({registration.booking_reference})")
        sessions = conference.sessions.filter(is_published=True, day_id__in=day_ids)
        for session in sessions.select_related("room").order_by("starts_at", "pk"):
            if session.kind == SessionKind.SOCIAL and not registration.gala_dinner:
                continue
            calendar.add_component(_event(session, registration))
        if not sessions.exists():
            for day in registration.days.all():
                calendar.add_component(_day_event(day, registration))
    return calendar.to_ical()


def _event(session, registration):
    event = Event()
    event.add("uid", f"{registration.booking_reference}-{session.pk}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title)
    location = session.room.name if session.room else registration.conference.venue_name
    if location:
        event.add("location", location)
    return event


def _day_event(day, registration):
    # No programme yet: one all-day entry per attended day keeps the dates in the calendar.
    event = Event()
    event.add("uid", f"{registration.booking_reference}-day-{day.pk}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day.date)
    event.add("dtend", day.date + datetime.timedelta(days=1))
    event.add("summary", f"{registration.conference.title}: {day}")
    if registration.conference.venue_name:
        event.add("location", registration.conference.venue_name)
    return event


def _host():
    return settings.SITE_URL.split("://", 1)[-1]
