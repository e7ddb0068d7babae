"""The attendee's personal calendar: the published sessions of the days they hold a seat
for (the gala dinner only with a dinner seat), in the registrant's language; once they mark
sessions on their agenda, only the marked ones. Days and the dinner they only wait for are
not in it."""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from conferences.caching import versioned_key
from conferences.calendars import day_event, programme_calendar
from conferences.models import Day, SessionKind
from conferences.queries import visible_sessions

END = b"END:VCALENDAR\r\n"
# Written once per set of sessions and language, not once per email: many attendees hold the
# same days, and writing the events was most of the cost of a "confirmed" email. An edit of
# the programme in admin changes the key (versioned_key), as it does for the public pages.
EVENTS_CACHE_SECONDS = 24 * 3600


def personal_calendar(registration):
    """iCalendar bytes for one registration."""
    conference = registration.conference
    held = registration.bookings.filter(state="held")
    days = list(Day.objects.filter(capacity_item__bookings__in=held).order_by("date"))
    dinner = held.filter(item__kind="dinner").exists()
    with translation.override(registration.language):
        sessions = [
            session
            for session in visible_sessions(conference).filter(day__in=days)
            if dinner or session.kind != SessionKind.SOCIAL
        ]
        # A personal agenda narrows the calendar to the sessions the person marked.
        marked = set(registration.agenda_marks.values_list("session_id", flat=True))
        if marked:
            sessions = [session for session in sessions if session.pk in marked]
        name = f"{conference.title} ({registration.booking_reference})"
        calendar = programme_calendar(conference, [], name=name)
        if sessions:
            head = calendar.to_ical()
            return head.removesuffix(END) + _session_events(conference, sessions) + END
        # No programme yet: one all-day entry per attended day keeps the dates.
        stamp = timezone.now()
        for day in days:
            uid = f"{registration.booking_reference}-day-{day.pk}"
            calendar.add_component(day_event(conference, day, uid=uid, stamp=stamp))
    return calendar.to_ical()


def _session_events(conference, sessions):
    """The time zone and the sessions' VEVENTs as iCalendar text, in the active language."""
    ids = ",".join(str(session.pk) for session in sessions)
    digest = hashlib.sha256(ids.encode()).hexdigest()[:32]
    key = versioned_key("personal-ics", conference.pk, translation.get_language(), digest)
    events = cache.get(key)
    if events is None:
        calendar = programme_calendar(conference, sessions)
        events = b"".join(component.to_ical() for component in calendar.subcomponents)
        cache.set(key, events, EVENTS_CACHE_SECONDS)
    return events
