"""The programme as iCalendar: parsed back with the icalendar library, with time zones."""

import datetime
import zoneinfo

import hypothesis
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import strategies as st
from icalendar import Calendar, Event

from conferences import queries
from conferences.calendars import _fold, _text, programme_calendar, write_programme_ics
from conferences.models import Conference, SessionState
from tests.factories import make_session

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_programme_ics_holds_every_published_session_in_the_conference_time_zone(
    client, conference, programme
):
    url = reverse("conferences:programme_ics", kwargs={"slug": conference.slug})
    calendar = _parse(client.get(url))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"].startswith("-//Major Cities of Europe//")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["IT governance", "World Café"]
    keynote = next(e for e in events if e["SUMMARY"] == "IT governance")
    start = keynote.decoded("DTSTART")
    assert start.tzinfo == zoneinfo.ZoneInfo("Europe/Berlin")
    assert start == datetime.datetime.combine(
        conference.start_date, datetime.time(9), tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")
    )
    assert keynote.decoded("DTEND") - start == datetime.timedelta(hours=1)
    assert keynote["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(keynote["LOCATION"]) == "Großer Saal"
    assert "Dr. Ralf Resch" in str(keynote["DESCRIPTION"])
    assert str(keynote["URL"]).endswith("/conferences/2018-leipzig/programme/keynote/")
    for event in events:  # RFC 5545 requires UID and DTSTAMP on every event
        assert event["UID"] and event["DTSTAMP"]
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_session_ics_holds_that_session_only(client, conference, programme):
    url = reverse(
        "conferences:session_ics", kwargs={"slug": conference.slug, "session_slug": "world-cafe"}
    )
    response = client.get(url)
    calendar = _parse(response)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["World Café"]
    assert 'filename="2018-leipzig-world-cafe.ics"' in response["Content-Disposition"]
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_programme_file_is_byte_for_byte_what_icalendar_writes(conference, programme, monkeypatch):
    """The public files are written as text (conferences/calendars.py); icalendar's own
    serialisation of the same calendar is the reference, in English and German, with text
    that needs escaping and folding, a cancelled session and one without room or speakers."""
    monkeypatch.setattr(
        "django.utils.timezone.now",
        lambda: datetime.datetime(2026, 12, 3, 21, 5, 7, 123456, tzinfo=datetime.UTC),
    )
    speaker = programme["speaker"]
    make_session(
        conference,
        slug="tricky",
        title="Städte, Daten; Backslash \\ und ^Caret^ – ein langer Titel, der gefaltet wird 🚲",
        description="Erste Zeile\nZweite Zeile\r\nDritte; mit, Zeichen\\N" + "ö" * 80,
        room=programme["room"],
        speakers=[speaker],
        start_hour=15,
        state=SessionState.CANCELLED,
        sequence=3,
    )
    Conference.objects.filter(pk=conference.pk).update(venue_name="Kongresshalle, Leipzig")
    conference.refresh_from_db()
    for language in ("en", "de"):
        with translation.override(language):
            sessions = list(queries.visible_sessions(conference))
            expected = programme_calendar(conference, sessions).to_ical()
            assert write_programme_ics(conference, sessions) == expected
            empty = programme_calendar(conference, []).to_ical()
            assert write_programme_ics(conference, []) == empty


@hypothesis.given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])))
def test_text_values_are_escaped_and_folded_as_icalendar_does(text):
    event = Event()
    event.add("summary", text)
    written = f"BEGIN:VEVENT\r\n{_fold('SUMMARY:' + _text(text))}\r\nEND:VEVENT\r\n"
    assert written.encode() == event.to_ical()
