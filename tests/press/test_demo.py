"""The demo: the seed press release in German and English with its contact block and
boilerplate, the newsletter items, and a release under embargo that stays in the future."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from conferences.press.models import NewsItem, PressRelease
from conferences.press.queries import published_releases

from .helpers import page_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_demo_embargoed_release_stays_embargoed_until_10_berlin_time_of_the_opening_day(
    demo, berlin
):
    release = PressRelease.objects.get(slug="mce-2018-opens-in-leipzig")
    assert release.embargo_until > timezone.now()
    opening = release.conference.start_date
    local = timezone.localtime(release.embargo_until, berlin)
    assert (local.date(), local.time()) == (opening, datetime.time(10, 0))
    assert release not in published_releases()


def test_demo_seed_release_is_public_in_german_and_english(client, demo):
    slugs = set(published_releases().values_list("slug", flat=True))
    assert slugs == {"2018-05-08-europaeisches-know-how", "2018-05-08-european-know-how"}
    german = client.get(
        page_url("press:release", language="de", slug="2018-05-08-europaeisches-know-how")
    ).content.decode()
    assert "Europäisches Know-how" in german
    assert "Sperrfrist: keine" in german
    assert "Vitako ist die Bundes-Arbeitsgemeinschaft" in german
    assert "Dr. Ralf Resch</strong>, Pressesprecher" in german
    assert '<a href="tel:+493020631560">+49 30 20631560</a>' in german
    assert "Fax: +49 30 206315622" in german
    assert "presse@vitako.de" in german
    english = client.get(
        page_url("press:release", slug="2018-05-08-european-know-how")
    ).content.decode()
    assert "Vitako is the Federal Association" in english
    assert "Dr. Ralf Resch</strong>, Spokesman" in english


def test_demo_press_page_and_news(client, demo):
    html = client.get(page_url("press:conference_press", slug="2018-leipzig")).content.decode()
    assert "European know-how" in html
    assert "open their annual conference" not in html
    assert "?category=press" in html
    news = client.get(page_url("press:news")).content.decode()
    assert NewsItem.objects.count() == 6
    assert "Gute Spielzeit! Lecos konsolidiert" in news


def test_loading_the_demo_twice_changes_nothing(demo):
    before = list(PressRelease.objects.values_list("pk", "released_at", "embargo_until"))
    call_command("load_demo", verbosity=0)
    after = list(PressRelease.objects.values_list("pk", "released_at", "embargo_until"))
    assert before == after


def test_every_demo_conference_whose_page_advertises_a_news_feed_has_news_in_it(demo, client):
    from conferences.models import Conference

    for conference in Conference.objects.filter(is_published=True):
        feed = page_url("press:conference_news_feed", slug=conference.slug)
        press_page = client.get(page_url("press:conference_press", slug=conference.slug))
        if feed in press_page.content.decode():
            assert b"<entry>" in client.get(feed).content, conference.slug
    assert NewsItem.objects.filter(conference__slug="2018-leipzig", is_published=True).exists()
