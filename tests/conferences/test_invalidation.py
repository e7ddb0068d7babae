"""With the page cache on, an organiser's edit in admin shows at once on every page that
shows the session; seat counts on the event page lag by at most ten seconds."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from conferences.views.pages import OPEN_REGISTRATION_CACHE_SECONDS
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _admin_edit(admin_client, session, *, title, slug):
    url = reverse("admin:conferences_session_change", args=[session.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: field.widget.format_value(form.initial.get(name))
        for name, field in form.fields.items()
        if not hasattr(field.widget, "widgets")
    }
    local = session.starts_at.astimezone(session.conference.tzinfo)
    ends = session.ends_at.astimezone(session.conference.tzinfo)
    data.update(
        {
            "conference": session.conference_id,
            "day": session.day_id,
            "room": session.room_id,
            "topic": session.topic_id,
            "title_en": title,
            "slug": slug,
            "starts_at_0": local.date().isoformat(),
            "starts_at_1": local.strftime("%H:%M"),
            "ends_at_0": ends.date().isoformat(),
            "ends_at_1": ends.strftime("%H:%M"),
            "is_published": "on",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "0",
            "materials-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_session_edited_in_admin_shows_at_once_on_every_page_that_shows_it(
    client, admin_client, settings, programme
):
    settings.PAGE_CACHE_SECONDS = 600
    keynote = programme["keynote"]
    slug = keynote.conference.slug
    pages = [
        reverse("conferences:programme", kwargs={"slug": slug}),
        keynote.get_absolute_url(),
        reverse("conferences:speaker", kwargs={"speaker_slug": "ralf-resch"}),
        reverse("conferences:programme_ics", kwargs={"slug": slug}),
        reverse("conferences:changes_feed", kwargs={"slug": slug}),
        "/sitemap.xml",
    ]
    for url in pages:  # now all in the page cache
        assert client.get(url).status_code == 200

    _admin_edit(admin_client, keynote, title="Who governs city IT?", slug="who-governs")

    session_url = keynote.get_absolute_url().replace("/keynote/", "/who-governs/")
    pages[1] = session_url
    for url in pages[:5]:
        assert "Who governs city IT?" in client.get(url).content.decode(), url
    assert session_url in client.get("/sitemap.xml").content.decode()
    cache.clear()


def test_a_session_edited_in_admin_shows_at_once_in_personal_calendars(admin_client, programme):
    from icalendar import Calendar

    from registration.calendars import personal_calendar

    keynote = programme["keynote"]
    attendee = make_registration(keynote.conference, days=[keynote.day])

    def titles():
        calendar = Calendar.from_ical(personal_calendar(attendee))
        return {str(event["summary"]) for event in calendar.walk("VEVENT")}

    assert "IT governance" in titles()  # now written and kept
    _admin_edit(admin_client, keynote, title="Who governs city IT?", slug="who-governs")
    assert "Who governs city IT?" in titles()
    assert "IT governance" not in titles()


def test_the_event_page_of_an_open_registration_is_kept_at_most_ten_seconds(
    client, settings, conference, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    assert OPEN_REGISTRATION_CACHE_SECONDS <= 10
    stored = {}
    real_set = cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    client.get(conference.get_absolute_url())
    page_timeouts = [t for key, t in stored.items() if key.startswith("public-pages:")]
    seat_timeouts = [t for key, t in stored.items() if key.startswith("shown-seats:")]
    # The page is stored with seat figures that may already be that old.
    assert page_timeouts and seat_timeouts
    assert max(page_timeouts) + max(seat_timeouts) <= 10


def test_the_registration_form_shows_seats_counted_at_most_seconds_ago(
    client, settings, conference, later
):
    settings.PAGE_CACHE_SECONDS = 600
    assert settings.SEATS_SHOWN_SECONDS <= 10
    url = reverse("registration:register", kwargs={"slug": conference.slug})
    day = conference.days.first()
    first = _seats_left_of_first_day(client.get(url).content.decode())
    make_registration(conference, days=[day])
    # Not counted again for every view in a rush ...
    assert _seats_left_of_first_day(client.get(url).content.decode()) == first
    # ... but at most SEATS_SHOWN_SECONDS later; the page itself is never stored.
    later(settings.SEATS_SHOWN_SECONDS)
    assert _seats_left_of_first_day(client.get(url).content.decode()) == first - 1


def _seats_left_of_first_day(page):
    return int(re.search(r'id="id_days_0".*?(\d+) seats? left', page, re.S).group(1))
