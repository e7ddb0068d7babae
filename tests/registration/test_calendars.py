"""The personal calendar holds what the attendee booked, in the conference's time zone."""

import pytest
from icalendar import Calendar

from conferences.models import SessionKind
from registration.calendars import personal_calendar
from tests.factories import make_conference, make_registration, make_session

pytestmark = pytest.mark.django_db


def _events(ics_bytes):
    calendar = Calendar.from_ical(ics_bytes)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_personal_calendar_has_only_the_booked_days_and_the_dinner_when_booked():
    conference = make_conference()
    opening, second, _third = conference.days.all()
    make_session(conference, day=opening, title="Opening keynote", start_hour=9)
    make_session(conference, day=second, title="Topic session", start_hour=10)
    make_session(
        conference, day=opening, title="Gala dinner", kind=SessionKind.SOCIAL, start_hour=19
    )
    make_session(conference, day=opening, title="Draft talk", is_published=False)
    without_dinner = make_registration(conference, days=[opening], gala_dinner=False)
    with_dinner = make_registration(conference, days=[opening, second], gala_dinner=True)

    assert set(_events(personal_calendar(without_dinner))) == {"Opening keynote"}
    assert set(_events(personal_calendar(with_dinner))) == {
        "Opening keynote",
        "Topic session",
        "Gala dinner",
    }


def test_personal_calendar_shares_session_uids_and_local_times_with_the_programme():
    conference = make_conference()
    session = make_session(conference, title="Opening keynote", start_hour=9)
    registration = make_registration(conference)
    event = _events(personal_calendar(registration))["Opening keynote"]
    assert str(event["uid"]).startswith(f"session-{session.pk}@")
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (9, "Europe/Berlin")


def test_personal_calendar_without_a_programme_lists_the_booked_days():
    conference = make_conference()
    opening = conference.days.first()
    registration = make_registration(conference, days=[opening])
    calendar = Calendar.from_ical(personal_calendar(registration))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == opening.date


def test_attendees_with_the_same_days_share_the_written_events_but_not_the_name(monkeypatch):
    import conferences.calendars

    conference = make_conference()
    opening = conference.days.first()
    make_session(conference, day=opening, title="Opening keynote", start_hour=9)
    make_session(conference, day=opening, title="World Café", start_hour=14)
    first, second = (make_registration(conference, days=[opening]) for _ in range(2))
    written = []
    real = conferences.calendars.session_event
    monkeypatch.setattr(
        conferences.calendars,
        "session_event",
        lambda *args, **kwargs: written.append(1) or real(*args, **kwargs),
    )

    calendars = [Calendar.from_ical(personal_calendar(r)) for r in (first, second)]

    assert len(written) == 2  # two sessions, written for the first attendee only
    for calendar, registration in zip(calendars, (first, second), strict=True):
        assert registration.booking_reference in str(calendar["x-wr-calname"])
        assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {
            "Opening keynote",
            "World Café",
        }
        assert len(calendar.walk("VTIMEZONE")) == 1


def test_the_personal_calendar_is_in_the_attendees_language():
    conference = make_conference()
    opening = conference.days.first()
    session = make_session(conference, day=opening, title="Opening keynote", start_hour=9)
    session.title_de = "Eröffnungskeynote"
    session.save()
    english = make_registration(conference, days=[opening], language="en")
    german = make_registration(conference, days=[opening], language="de")

    assert set(_events(personal_calendar(english))) == {"Opening keynote"}
    assert set(_events(personal_calendar(german))) == {"Eröffnungskeynote"}
