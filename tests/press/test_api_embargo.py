"""Press releases in the API follow the one embargo rule (`published_releases`) to the
second, and no cached copy or validator outlives the moment a release appears."""

import datetime

import pytest
from django.utils.http import parse_http_date

from .factories import make_release

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 10:00 in Berlin on 28 May 2018 (summer time) is 08:00 UTC.
MOMENT_UTC = datetime.datetime(2018, 5, 28, 8, 0, tzinfo=UTC)
ONE_SECOND = datetime.timedelta(seconds=1)
LIST = "/api/v1/press-releases"


@pytest.fixture
def releases(berlin, clock):
    public = make_release(slug="public", released_at=datetime.datetime(2018, 5, 1, tzinfo=UTC))
    embargoed = make_release(
        slug="embargoed",
        released_at=datetime.datetime(2018, 5, 28, 0, 0, tzinfo=berlin),
        embargo_until=datetime.datetime(2018, 5, 28, 10, 0, tzinfo=berlin),
    )
    return public, embargoed


def _slugs(response):
    assert response.status_code == 200
    return [release["slug"] for release in response.json()["items"]]


def test_an_embargoed_release_is_absent_until_its_second(client, clock, releases):
    clock.set(MOMENT_UTC - ONE_SECOND)
    assert _slugs(client.get(LIST)) == ["public"]
    assert client.get(f"{LIST}/embargoed").status_code == 404
    clock.set(MOMENT_UTC)
    assert _slugs(client.get(LIST)) == ["embargoed", "public"]
    assert client.get(f"{LIST}/embargoed").status_code == 200


def test_no_client_keeps_a_copy_past_the_next_embargo(client, clock, releases):
    clock.set(MOMENT_UTC - datetime.timedelta(seconds=40))
    response = client.get(LIST)
    assert "max-age=40" in response["Cache-Control"]


def test_the_validators_change_when_the_embargo_ends(client, clock, releases):
    clock.set(MOMENT_UTC - ONE_SECOND)
    before = client.get(LIST)
    assert client.get(LIST, headers={"If-None-Match": before["ETag"]}).status_code == 304
    clock.set(MOMENT_UTC)
    after = client.get(LIST, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert parse_http_date(after["Last-Modified"]) >= MOMENT_UTC.timestamp()
    since = client.get(LIST, headers={"If-Modified-Since": before["Last-Modified"]})
    assert since.status_code == 200


def test_releases_are_filtered_by_conference_and_language(client, clock, conference_with_release):
    conference, release = conference_with_release
    items = client.get(f"{LIST}?conference={conference.slug}&language=de").json()["items"]
    assert [r["slug"] for r in items] == [release.slug]
    assert client.get(f"{LIST}?language=en").json()["count"] == 0


@pytest.fixture
def conference_with_release(clock):
    from tests.factories import make_conference

    conference = make_conference(start_date=datetime.date(2018, 6, 1))
    make_release(slug="other", released_at=datetime.datetime(2018, 5, 1, tzinfo=UTC))
    release = make_release(conference, released_at=datetime.datetime(2018, 5, 2, tzinfo=UTC))
    return conference, release


def test_a_release_is_last_modified_when_its_embargo_ended(client, clock, releases):
    clock.set(MOMENT_UTC + datetime.timedelta(minutes=5))
    response = client.get(f"{LIST}/embargoed")
    assert parse_http_date(response["Last-Modified"]) >= MOMENT_UTC.timestamp()
    assert response["Access-Control-Allow-Origin"] == "*"
