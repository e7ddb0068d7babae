"""The attendee's personal calendar: the published sessions of the days they hold a seat
for (the gala dinner only with a dinner seat), in the registrant's language; once they mark
sessions on their agenda, only the marked ones. Days and the dinner they only wait for are
not in it."""

from django.utils import timezone, translation

from conferences.calendars import day_event, programme_calendar
from conferences.models import Day, SessionKind
from conferences.queries import visible_sessions


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
        calendar = programme_calendar(conference, sessions, name=name)
        if not sessions:
            # No programme yet: one all-day entry per attended day keeps the dates.
            stamp = timezone.now()
            for day in days:
                uid = f"{registration.booking_reference}-day-{day.pk}"
                calendar.add_component(day_event(conference, day, uid=uid, stamp=stamp))
    return calendar.to_ical()
