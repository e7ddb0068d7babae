"""robots.txt and sitemap.xml: every public conference page in both languages, no drafts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_personal_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /registration/" in text


def test_sitemap_lists_published_pages_in_both_languages_without_drafts(client, programme):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/conferences/2018-leipzig/</loc>" in xml
    assert "<loc>http://testserver/de/conferences/2018-leipzig/</loc>" in xml
    assert 'hreflang="de" href="http://testserver/de/conferences/2018-leipzig/"' in xml
    assert 'hreflang="x-default"' in xml
    assert "/conferences/2018-leipzig/programme/keynote/" in xml
    assert "/conferences/2018-leipzig/topics/city-data/" in xml
    assert "/speakers/ralf-resch/" in xml
    assert "/conferences/2018-leipzig/world-cafe/" in xml
    assert "secret" not in xml


def test_draft_conference_is_not_in_the_sitemap(client, conference):
    conference.is_published = False
    conference.save()
    assert "2018-leipzig" not in client.get("/sitemap.xml").content.decode()


def test_pages_have_canonical_and_hreflang_links(client, conference):
    html = client.get(reverse("conferences:detail", kwargs={"slug": conference.slug})).content
    html = html.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/conferences/2018-leipzig/">' in html
    assert (
        '<link rel="alternate" hreflang="de" '
        'href="http://127.0.0.1:8000/de/conferences/2018-leipzig/">' in html
    )
    assert '<meta property="og:title" content="MCE 2018 Leipzig">' in html
    assert '<meta property="og:type" content="event">' in html
