"""schema.org Event JSON-LD on the event page."""

import json
import re

import pytest
from django.urls import reverse

from conferences.models import Conference

pytestmark = pytest.mark.django_db


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_event_page_describes_the_event_for_search_engines(client, conference):
    Conference.objects.filter(pk=conference.pk).update(
        venue_name="Kongresshalle am Zoo",
        venue_address="Pfaffendorfer Straße 31\n04105 Leipzig",
        venue_latitude="51.3489",
        venue_longitude="12.3675",
    )
    conference.series.name = "Major Cities of Europe"
    conference.series.website = "https://www.majorcities.eu/"
    conference.series.save()
    html = client.get(conference.get_absolute_url()).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "MCE 2018 Leipzig"
    assert data["startDate"] == conference.start_date.isoformat()
    assert data["endDate"] == conference.end_date.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Kongresshalle am Zoo",
        "address": "Pfaffendorfer Straße 31, 04105 Leipzig",
        "geo": {"@type": "GeoCoordinates", "latitude": 51.3489, "longitude": 12.3675},
    }
    assert data["organizer"]["name"] == "Major Cities of Europe"
    assert data["organizer"]["url"] == "https://www.majorcities.eu/"
    register = reverse("registration:register", kwargs={"slug": conference.slug})
    assert data["offers"]["url"] == "http://127.0.0.1:8000" + register
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_json_ld_cannot_be_broken_out_of_by_organiser_text(client, conference):
    Conference.objects.filter(pk=conference.pk).update(title="</script><script>alert(1)")
    html = client.get(conference.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)["name"] == "</script><script>alert(1)"


def test_closed_registration_is_sold_out_in_json_ld(client, conference):
    Conference.objects.filter(pk=conference.pk).update(registration_full=True)
    html = client.get(conference.get_absolute_url()).content.decode()
    assert _json_ld(html)["offers"]["availability"] == "https://schema.org/SoldOut"


def test_event_json_ld_has_the_pages_opengraph_image(client, conference, settings):
    html = client.get(conference.get_absolute_url()).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og_image.startswith(settings.SITE_URL + "/static/") and og_image.endswith(".png")
    assert _json_ld(html)["image"] == [og_image]
    image = client.get(og_image.removeprefix(settings.SITE_URL))
    image.close()  # a file response holds the file open until closed
    assert image.status_code == 200
