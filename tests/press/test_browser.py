"""What only a browser shows: the press page fits a 360 px phone."""

import pytest

from tests.factories import make_conference

from .factories import make_contact, make_release
from .helpers import page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_press_page_fits_a_360px_phone_without_horizontal_scrolling(browser_page, live_server):
    conference = make_conference(venue_address="Pfaffendorfer Straße 31\n04105 Leipzig")
    contact = make_contact(
        name="Dr. Ralf Resch",
        email="a-very-long-press-office-address@bundes-arbeitsgemeinschaft.example",
    )
    contact.conferences.add(conference)
    make_release(conference, title="Europäisches Know-how: Digitalisierungserfolgsbeispiele")
    browser_page.set_viewport_size({"width": 360, "height": 740})
    url = page_url("press:conference_press", language="de", slug=conference.slug)
    browser_page.goto(live_server.url + url)
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360
