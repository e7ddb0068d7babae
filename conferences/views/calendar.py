"""The programme as iCalendar files (RFC 5545) for attendees' calendars, with the
conference's time zone so times are right wherever the attendee lives."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from icalendar import Calendar, Event

from .. import queries
from ..caching import public_page_cache


def _calendar(conference, sessions):
    calendar = Calendar()
    calendar.add("prodid", "-//Major Cities of Europe//Conference programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", conference.title)
    calendar.add("x-wr-timezone", conference.time_zone)
    stamp = timezone.now()
    for session in sessions:
        calendar.add_component(_event(conference, session, stamp))
    calendar.add_missing_timezones()
    return calendar


def _event(conference, session, stamp):
    tz = conference.tzinfo
    event = Event()
    host = settings.SITE_URL.split("://", 1)[-1]
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(session.starts_at, tz))
    event.add("dtend", timezone.localtime(session.ends_at, tz))
    event.add("summary", session.title)
    location = ", ".join(
        p for p in (session.room.name if session.room else "", conference.venue_name) if p
    )
    if location:
        event.add("location", location)
    description = session.description
    speakers = ", ".join(a.speaker.full_name for a in session.appearances.all())
    if speakers:
        description = f"{speakers}\n\n{description}".strip()
    if description:
        event.add("description", description)
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    event.add("categories", [session.get_kind_display()])
    return event


def _ics_response(calendar, filename):
    body = calendar.to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page_cache
def programme_ics(request, slug):
    conference = get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    sessions = queries.visible_sessions(conference, request.user)
    return _ics_response(_calendar(conference, sessions), f"{conference.slug}.ics")


@public_page_cache
def session_ics(request, slug, session_slug):
    conference = get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    session = get_object_or_404(
        queries.visible_sessions(conference, request.user), slug=session_slug
    )
    return _ics_response(_calendar(conference, [session]), f"{conference.slug}-{session.slug}.ics")
