"""sitemap.xml lists visible press releases at the URL of their language, never an embargoed
one, and its cached copy does not outlive an embargo."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_conference

from .factories import make_release

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2018, 5, 28, 8, 0, tzinfo=datetime.UTC)


def _sitemap(client):
    response = client.get(reverse("django.contrib.sitemaps.views.sitemap"))
    assert response.status_code == 200
    return response.content.decode()


def test_sitemap_lists_releases_in_their_language_and_the_press_pages(client):
    conference = make_conference(slug="2018-leipzig")
    make_release(conference, slug="know-how-de", language="de")
    make_release(slug="network-en", language="en")
    xml = _sitemap(client)
    assert "<loc>http://testserver/de/press/releases/know-how-de/</loc>" in xml
    assert "<loc>http://testserver/press/releases/network-en/</loc>" in xml
    assert "<loc>http://testserver/conferences/2018-leipzig/press/</loc>" in xml
    assert "<loc>http://testserver/de/news/</loc>" in xml


def test_cached_sitemap_gains_the_release_when_its_embargo_ends(client, clock):
    clock.set(MOMENT - datetime.timedelta(seconds=30))
    make_release(slug="embargoed", released_at=MOMENT.replace(day=1), embargo_until=MOMENT)
    assert "embargoed" not in _sitemap(client)
    clock.set(MOMENT - datetime.timedelta(seconds=1))
    assert "embargoed" not in _sitemap(client)
    clock.set(MOMENT)
    assert "/de/press/releases/embargoed/" in _sitemap(client)
