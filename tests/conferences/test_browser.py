"""What only a browser shows: the programme fits a 360 px phone and its filter works."""

import pytest
from django.urls import reverse

from conferences.models import Room, SessionKind, Topic
from tests.factories import make_conference, make_session, make_speaker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_programme_fits_a_phone_and_filters_by_topic_with_the_form(browser_page, live_server):
    conference = make_conference()
    room = Room.objects.create(conference=conference, name="Kongresshalle, Großer Saal")
    topic = Topic.objects.create(conference=conference, number=1, slug="data", title="City data")
    make_session(
        conference,
        title="Digital government in practice – where are the citizens? A very long title",
        kind=SessionKind.KEYNOTE,
        room=room,
        topic=topic,
        speakers=[make_speaker(organisation="Bundes-Arbeitsgemeinschaft der Kommunalen IT")],
    )
    make_session(conference, title="Coffee break", kind=SessionKind.BREAK, start_hour=11)
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("conferences:programme", args=[conference.slug]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.select_option("#id_topic", "data")
    page.click("form.programme-filter button[type=submit]")
    page.wait_for_url("**topic=data**")
    assert page.locator(".session").count() == 1
    assert "Coffee break" not in page.content()
