"""The programme as iCalendar: parsed back with the icalendar library, with time zones."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

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
