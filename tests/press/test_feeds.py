"""Atom feeds of press releases and news, site-wide and per conference, valid per RFC 4287:
parsed as XML and checked for the elements the RFC requires."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from conferences.caching import clear_public_pages
from tests.factories import make_conference

from .factories import make_news, make_release
from .helpers import page_url

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def _assert_rfc4287(feed):
    """atom:feed has exactly one id, title and updated, an author (or every entry has one),
    a self link; every entry has exactly one id, title and updated, and a link."""
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
        assert feed.find(f"{ATOM}{name}").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].startswith("http")
    assert links["alternate"].startswith("http")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            assert entry.find(f"{ATOM}{name}").text
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert feed_author is not None or entry.find(f"{ATOM}author/{ATOM}name") is not None
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)


def test_site_wide_release_feed_is_valid_atom_with_full_text(client):
    conference = make_conference()
    release = make_release(conference, title="Europäisches Know-how", body="Die **MCE** tagen.")
    make_release(title="Meldung des Netzwerks")
    feed = _atom(client, page_url("press:releases_feed"))
    _assert_rfc4287(feed)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert sorted(titles) == ["Europäisches Know-how", "Meldung des Netzwerks"]
    entry = next(
        e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text == release.title
    )
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert entry.find(f"{ATOM}content").text == "<p>Die <strong>MCE</strong> tagen.</p>"
    assert entry.find(f"{ATOM}link").get("href").endswith(release.get_absolute_url())
    assert entry.find(f"{ATOM}author/{ATOM}name").text == release.organisation.name


def test_conference_release_feed_holds_only_that_conferences_releases(client):
    conference = make_conference()
    make_release(conference, title="Leipzig")
    make_release(make_conference(), title="Anderswo")
    feed = _atom(client, page_url("press:conference_releases_feed", slug=conference.slug))
    _assert_rfc4287(feed)
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == ["Leipzig"]


def test_release_feeds_are_language_aware(client):
    original = make_release(title="Europäisches Know-how")
    make_release(title="European know-how", language="en", translation_of=original)
    english = _atom(client, page_url("press:releases_feed"))
    german = _atom(client, page_url("press:releases_feed", language="de"))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert english.get(lang) == "en" and german.get(lang) == "de"
    assert [e.find(f"{ATOM}title").text for e in english.findall(f"{ATOM}entry")] == [
        "European know-how"
    ]
    assert [e.find(f"{ATOM}title").text for e in german.findall(f"{ATOM}entry")] == [
        "Europäisches Know-how"
    ]
    assert german.find(f"{ATOM}title").text == "Pressemitteilungen von Major Cities of Europe"


def test_embargoed_and_draft_releases_are_not_in_any_feed(client):
    conference = make_conference()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    make_release(conference, title="Sperrfrist", embargo_until=later)
    make_release(conference, title="Entwurf", is_published=False)
    for url in (
        page_url("press:releases_feed"),
        page_url("press:conference_releases_feed", slug=conference.slug),
    ):
        feed = _atom(client, url)
        _assert_rfc4287(feed)
        assert feed.findall(f"{ATOM}entry") == []


def test_news_feeds_are_valid_atom_site_wide_and_per_conference(client):
    conference = make_conference()
    make_news(title="Gute Spielzeit!", url="https://www.lecos.de/")
    make_news(title="Neu in Leipzig", conference=conference)
    make_news(title="Entwurf", is_published=False)
    site_wide = _atom(client, page_url("press:news_feed"))
    _assert_rfc4287(site_wide)
    entries = {e.find(f"{ATOM}title").text: e for e in site_wide.findall(f"{ATOM}entry")}
    assert set(entries) == {"Gute Spielzeit!", "Neu in Leipzig"}
    assert entries["Gute Spielzeit!"].find(f"{ATOM}link").get("href") == "https://www.lecos.de/"

    per_conference = _atom(client, page_url("press:conference_news_feed", slug=conference.slug))
    _assert_rfc4287(per_conference)
    titles = [e.find(f"{ATOM}title").text for e in per_conference.findall(f"{ATOM}entry")]
    assert titles == ["Neu in Leipzig"]


def test_feed_of_an_unknown_conference_is_not_found(client):
    url = page_url("press:conference_releases_feed", slug="nowhere")
    assert client.get(url).status_code == 404


def test_conference_press_page_advertises_its_news_feed_only_once_there_is_news(client):
    conference = make_conference()
    feed = page_url("press:conference_news_feed", slug=conference.slug)
    press_page = page_url("press:conference_press", slug=conference.slug)
    assert feed not in client.get(press_page).content.decode()
    make_news(title="Neu in Leipzig", conference=conference)
    clear_public_pages()  # as saving in admin does
    assert f'href="{feed}"' in client.get(press_page).content.decode()
