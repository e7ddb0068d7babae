"""The programme as iCalendar files (RFC 5545), in the conference's time zone so times are
right wherever the attendee lives. Used for the public programme and session files and for
each attendee's personal calendar (registration/calendars.py).

The public files are written as text by `write_programme_ics` (the same bytes icalendar
writes, as a test checks): building and serialising icalendar objects was about 80 % of the
programme file's CPU. Personal calendars, which mix in all-day entries, still go through
icalendar."""

import datetime
import functools

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone


def programme_calendar(conference, sessions, *, name=None):
    """A calendar of the given sessions (loaded with room and speakers, see
    queries.visible_sessions). A session keeps one UID in every file it appears in, so
    importing the programme and a personal calendar updates instead of duplicating."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.NETWORK_NAME}//Conference programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or conference.title)
    calendar.add("x-wr-timezone", conference.time_zone)
    if sessions:
        years = (conference.start_date.year - 1, conference.end_date.year + 1)
        calendar.add_component(conference_timezone(conference.time_zone, *years))
    stamp = timezone.now()
    for session in sessions:
        calendar.add_component(session_event(conference, session, stamp=stamp))
    return calendar


@functools.lru_cache(maxsize=32)
def conference_timezone(tzid, first_year, last_year):
    """The VTIMEZONE of the conference's zone for the years around it, built once per
    process: from 1970 to 2038, icalendar's default, it was a third of the file's cost."""
    first, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    return Timezone.from_tzid(tzid, first_date=first, last_date=last)


def write_programme_ics(conference, sessions):
    """The bytes of `programme_calendar(conference, sessions).to_ical()`, written directly."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(f'-//{settings.NETWORK_NAME}//Conference programme//EN')}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(conference.title)}",
        f"X-WR-TIMEZONE:{_text(conference.time_zone)}",
    ]
    text = "".join(_fold(line) + "\r\n" for line in lines)
    lines = []
    if sessions:
        years = (conference.start_date.year - 1, conference.end_date.year + 1)
        text += _timezone_text(conference.time_zone, *years)
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    tz = conference.tzinfo
    tzid = f";TZID={conference.time_zone}"
    uid_host = _text(_uid_host())
    venue = conference.venue_name
    for session in sessions:
        lines.append("BEGIN:VEVENT")
        lines.append(f"SUMMARY:{_text(session.title)}")
        lines.append(f"DTSTART{tzid}:{_local(session.starts_at, tz)}")
        lines.append(f"DTEND{tzid}:{_local(session.ends_at, tz)}")
        lines.append(f"DTSTAMP:{stamp}")
        lines.append(f"UID:session-{session.pk}@{uid_host}")
        lines.append(f"SEQUENCE:{session.sequence}")
        lines.append(f"CATEGORIES:{_text(str(session.kind_label))}")
        description = _description(session)
        if description:
            lines.append(f"DESCRIPTION:{_text(description)}")
        location = ", ".join(p for p in (session.room.name if session.room else "", venue) if p)
        if location:
            lines.append(f"LOCATION:{_text(location)}")
        lines.append(f"STATUS:{'CANCELLED' if session.is_cancelled else 'CONFIRMED'}")
        lines.append(f"URL:{settings.SITE_URL}{session.get_absolute_url()}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return (text + "".join(_fold(line) + "\r\n" for line in lines)).encode()


def _local(moment, tz):
    return timezone.localtime(moment, tz).strftime("%Y%m%dT%H%M%S")


def _text(value):
    """A TEXT value escaped as RFC 5545 (and icalendar) want it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line, limit=75):
    """A content line folded as icalendar folds it: less than `limit` octets a line, and
    never between a backslash (or ^) and the character it escapes."""
    if len(line) < limit // 4 or len(line.encode()) < limit:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


@functools.lru_cache(maxsize=32)
def _timezone_text(tzid, first_year, last_year):
    """The VTIMEZONE as text, serialised once per process."""
    return conference_timezone(tzid, first_year, last_year).to_ical().decode()


def _description(session):
    description = session.description
    speakers = ", ".join(a.speaker.full_name for a in session.appearances.all())
    if speakers:
        description = f"{speakers}\n\n{description}".strip()
    return description


def session_uid(session):
    """One UID per session in every file and format (.ics, xCal)."""
    return f"session-{session.pk}@{_uid_host()}"


def session_event(conference, session, *, stamp):
    """A session as a VEVENT. SEQUENCE is raised with every recorded change of its time,
    room, title or state, so calendar apps replace the copy they hold; a cancelled session
    stays in the file with STATUS:CANCELLED, which removes it from attendees' calendars."""
    tz = conference.tzinfo
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("dtstart", timezone.localtime(session.starts_at, tz))
    event.add("dtend", timezone.localtime(session.ends_at, tz))
    event.add("summary", session.title)
    location = ", ".join(
        p for p in (session.room.name if session.room else "", conference.venue_name) if p
    )
    if location:
        event.add("location", location)
    description = _description(session)
    if description:
        event.add("description", description)
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    event.add("categories", [session.get_kind_display()])
    return event


def day_event(conference, day, *, uid, stamp):
    """An all-day entry, for a day whose programme is not published yet."""
    event = Event()
    event.add("uid", f"{uid}@{_uid_host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day.date)
    event.add("dtend", day.date + datetime.timedelta(days=1))
    event.add("summary", f"{conference.title}: {day}")
    if conference.venue_name:
        event.add("location", conference.venue_name)
    return event


def _uid_host():
    return settings.SITE_URL.split("://", 1)[-1]
