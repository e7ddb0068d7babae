"""A release under embargo is on no public page, feed or cached copy until the moment passes
(Berlin time), and appears by itself afterwards; organisers preview it with a banner."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from conferences.press.queries import (
    next_release_moment,
    published_releases,
    seconds_until_next_release,
)
from tests.factories import make_conference

from .factories import make_release
from .helpers import page_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 10:00 in Berlin on 28 May 2018 (summer time, UTC+2) is 08:00 UTC.
MOMENT_UTC = datetime.datetime(2018, 5, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def embargoed(berlin):
    return make_release(
        slug="embargoed",
        title="Sperrfrist-Meldung",
        released_at=datetime.datetime(2018, 5, 28, 0, 0, tzinfo=berlin),
        embargo_until=datetime.datetime(2018, 5, 28, 10, 0, tzinfo=berlin),
    )


@pytest.fixture
def organiser(client):
    user = User.objects.create_user("orga", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return user


def _slugs(now):
    return set(published_releases(now=now).values_list("slug", flat=True))


def test_embargo_ends_at_the_berlin_moment_to_the_second(embargoed):
    one_second = datetime.timedelta(seconds=1)
    assert embargoed.embargo_until == MOMENT_UTC
    assert "embargoed" not in _slugs(MOMENT_UTC - one_second)
    assert "embargoed" in _slugs(MOMENT_UTC)


def test_embargo_in_winter_time_is_one_hour_from_utc(berlin):
    make_release(
        slug="winter",
        released_at=datetime.datetime(2018, 1, 1, tzinfo=UTC),
        embargo_until=datetime.datetime(2018, 12, 3, 10, 0, tzinfo=berlin),
    )
    assert "winter" not in _slugs(datetime.datetime(2018, 12, 3, 8, 59, 59, tzinfo=UTC))
    assert "winter" in _slugs(datetime.datetime(2018, 12, 3, 9, 0, tzinfo=UTC))


def test_a_future_release_time_holds_a_release_back_like_an_embargo():
    make_release(slug="later", released_at=MOMENT_UTC)
    assert "later" not in _slugs(MOMENT_UTC - datetime.timedelta(minutes=1))
    assert "later" in _slugs(MOMENT_UTC)


def test_translation_waits_for_its_embargoed_original(embargoed):
    make_release(
        slug="translation",
        language="en",
        translation_of=embargoed,
        released_at=datetime.datetime(2018, 5, 1, tzinfo=UTC),
    )
    assert _slugs(MOMENT_UTC - datetime.timedelta(seconds=1)) == set()
    assert _slugs(MOMENT_UTC) == {"embargoed", "translation"}


def test_drafts_and_releases_of_unpublished_conferences_stay_hidden():
    make_release(slug="draft", is_published=False)
    make_release(make_conference(is_published=False), slug="hidden-conference")
    make_release(make_conference(), slug="public")
    assert _slugs(None) == {"public"}


def test_next_release_moment_is_the_later_of_release_time_and_embargo(embargoed):
    make_release(slug="draft-sooner", is_published=False, released_at=MOMENT_UTC.replace(day=2))
    before = MOMENT_UTC - datetime.timedelta(hours=2)
    assert next_release_moment(now=before) == MOMENT_UTC
    assert seconds_until_next_release(now=before) == 7200
    assert seconds_until_next_release(now=before + datetime.timedelta(microseconds=1)) == 7199
    assert next_release_moment(now=MOMENT_UTC) is None


def test_embargoed_release_is_not_found_by_visitors_until_the_moment(client, clock, embargoed):
    url = page_url("press:release", slug="embargoed")
    clock.set(MOMENT_UTC - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 404
    clock.set(MOMENT_UTC)
    response = client.get(url)
    assert response.status_code == 200
    assert "Sperrfrist-Meldung" in response.content.decode()
    assert "Embargoed until" not in response.content.decode()


@pytest.mark.parametrize("time_zone", ["Europe/Berlin", "UTC", "America/New_York"])
def test_organiser_sees_the_embargoed_release_with_its_berlin_time_banner(
    client, clock, embargoed, organiser, settings, time_zone
):
    settings.TIME_ZONE = time_zone
    clock.set(MOMENT_UTC - datetime.timedelta(days=1))
    response = client.get(page_url("press:release", slug="embargoed"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Embargoed until 28 May 2018, 10:00 (Berlin time)." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_organiser_preview_is_never_served_to_visitors_from_the_cache(
    client, clock, embargoed, organiser
):
    url = page_url("press:release", slug="embargoed")
    clock.set(MOMENT_UTC - datetime.timedelta(hours=1))
    client.force_login(organiser)  # staff sessions last 12 hours; the clock moved a day
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404


def test_a_visitor_without_the_permission_gets_404_even_when_staff(client, clock, embargoed):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    clock.set(MOMENT_UTC - datetime.timedelta(hours=1))
    assert client.get(page_url("press:release", slug="embargoed")).status_code == 404


def _press_urls(conference):
    return [
        page_url("press:releases"),
        page_url("press:releases_feed"),
        page_url("press:conference_press", slug=conference.slug),
        page_url("press:conference_releases_feed", slug=conference.slug),
        page_url("press:releases", language="de"),
    ]


def test_cached_press_pages_show_the_release_from_the_moment_its_embargo_ends(
    client, clock, berlin
):
    clock.set(MOMENT_UTC - datetime.timedelta(seconds=20))
    conference = make_conference()
    make_release(conference, title="Schon öffentlich", released_at=MOMENT_UTC.replace(day=1))
    make_release(
        conference,
        title="Sperrfrist-Meldung",
        released_at=MOMENT_UTC.replace(day=1),
        embargo_until=datetime.datetime(2018, 5, 28, 10, 0, tzinfo=berlin),
    )
    urls = _press_urls(conference)
    for url in urls:
        body = client.get(url).content.decode()
        assert "Schon öffentlich" in body and "Sperrfrist-Meldung" not in body, url

    # The pages are stored: a change made behind admin's back is not seen yet...
    make_release(conference, title="Unbemerkt", released_at=MOMENT_UTC.replace(day=1))
    clock.set(MOMENT_UTC - datetime.timedelta(seconds=1))
    for url in urls:
        assert "Unbemerkt" not in client.get(url).content.decode(), url

    # ...but none is kept past the embargo's end.
    clock.set(MOMENT_UTC)
    for url in urls:
        body = client.get(url).content.decode()
        assert "Sperrfrist-Meldung" in body and "Unbemerkt" in body, url
