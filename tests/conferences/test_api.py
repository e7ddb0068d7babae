"""The read-only API: published programme data in both languages, paged and filtered, with
validators and 304 answers, open to any origin, rate limited, and no registrant's data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from conferences.models import Room, SessionKind, SessionState, Topic
from tests.factories import make_conference, make_registration, make_session, make_speaker

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_conferences_lists_only_published_ones(client, conference):
    make_conference(slug="draft-edition", is_published=False)
    slugs = [c["slug"] for c in _items(client.get(f"{API}/conferences"))]
    assert slugs == [conference.slug]


def test_a_session_comes_in_both_languages_with_its_speakers(client, conference, programme):
    keynote = programme["keynote"]
    keynote.title_de = "IT-Steuerung"
    keynote.save()
    response = client.get(f"{API}/conferences/{conference.slug}/sessions/keynote")
    session = response.json()
    assert session["title"] == {"en": "IT governance", "de": "IT-Steuerung"}
    assert session["speakers"] == [
        {"speaker": "ralf-resch", "name": "Dr. Ralf Resch", "role": "speaker"}
    ]
    assert session["room"] == "Großer Saal"
    assert session["topic"] == "city-data"
    assert session["starts_at"].endswith(("+01:00", "+02:00"))


def test_draft_sessions_are_absent_even_by_slug(client, conference, programme):
    slugs = [s["slug"] for s in _items(client.get(f"{API}/conferences/{conference.slug}/sessions"))]
    assert "secret" not in slugs
    assert client.get(f"{API}/conferences/{conference.slug}/sessions/secret").status_code == 404


def test_sessions_are_filtered_by_day_topic_kind_and_state(client, conference, programme):
    base = f"{API}/conferences/{conference.slug}/sessions"
    last_day = conference.days.last().date.isoformat()
    assert [s["slug"] for s in _items(client.get(f"{base}?day={last_day}"))] == ["world-cafe"]
    assert [s["slug"] for s in _items(client.get(f"{base}?topic=city-data"))] == ["keynote"]
    assert [s["slug"] for s in _items(client.get(f"{base}?kind=world_cafe"))] == ["world-cafe"]
    programme["keynote"].state = SessionState.CANCELLED
    programme["keynote"].save()
    assert [s["slug"] for s in _items(client.get(f"{base}?state=cancelled"))] == ["keynote"]
    assert client.get(f"{base}?kind=no-such-kind").status_code == 422


def test_lists_are_paged(client, conference):
    for n in range(5):
        make_session(conference, slug=f"s{n}", start_hour=8 + n)
    base = f"{API}/conferences/{conference.slug}/sessions"
    first = client.get(f"{base}?page_size=2").json()
    third = client.get(f"{base}?page_size=2&page=3").json()
    assert first["count"] == 5
    assert [s["slug"] for s in first["items"]] == ["s0", "s1"]
    assert [s["slug"] for s in third["items"]] == ["s4"]


@pytest.mark.parametrize("part", ["days", "rooms", "topics", "speakers", "tables", "changes"])
def test_every_part_of_a_conference_is_listed(client, conference, programme, part):
    response = client.get(f"{API}/conferences/{conference.slug}/{part}")
    assert response.status_code == 200
    expected = {"days": 3, "rooms": 1, "topics": 1, "speakers": 1, "tables": 2, "changes": 0}
    assert response.json()["count"] == expected[part]


def test_speakers_are_those_of_published_sessions_with_public_fields_only(
    client, conference, programme
):
    make_session(conference, slug="hidden", is_published=False, speakers=[make_speaker()])
    speakers = _items(client.get(f"{API}/conferences/{conference.slug}/speakers"))
    assert [s["slug"] for s in speakers] == ["ralf-resch"]
    assert set(speakers[0]) == {
        "slug",
        "name",
        "academic_title",
        "first_name",
        "last_name",
        "role",
        "organisation",
        "city",
        "country",
        "bio",
        "photo",
    }


def test_no_answer_carries_personal_data_of_registrants(client, conference, programme):
    make_registration(
        conference, email="private.person@example.org", last_name="Privatmensch", phone=""
    )
    paths = ["conferences", f"conferences/{conference.slug}"] + [
        f"conferences/{conference.slug}/{part}"
        for part in ("days", "rooms", "topics", "sessions", "speakers", "tables", "changes")
    ]
    for path in paths:
        body = client.get(f"{API}/{path}").content.decode()
        assert "private.person@example.org" not in body
        assert "Privatmensch" not in body


def test_openapi_describes_every_operation_as_read_only(client):
    description = client.get(f"{API}/openapi.json").json()
    assert description["openapi"].startswith("3.")
    methods = {method for operations in description["paths"].values() for method in operations}
    assert methods == {"get"}
    assert f"{API}/conferences/{{slug}}/sessions" in description["paths"]
    assert f"{API}/press-releases" in description["paths"]


def test_only_get_is_allowed(client, conference):
    response = client.post(f"{API}/conferences/{conference.slug}", {})
    assert response.status_code == 405


def test_an_unchanged_answer_is_revalidated_with_304_by_etag(client, conference, programme):
    url = f"{API}/conferences/{conference.slug}/sessions"
    first = client.get(url)
    assert first["ETag"].startswith('"')
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"


def test_an_unchanged_answer_is_revalidated_with_304_by_date(client, conference, programme):
    url = f"{API}/conferences/{conference.slug}/sessions"
    first = client.get(url)
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_change_gives_a_new_etag_and_a_full_answer(client, conference, programme):
    url = f"{API}/conferences/{conference.slug}/sessions"
    first = client.get(url)
    keynote = programme["keynote"]
    keynote.ends_at += datetime.timedelta(minutes=30)
    keynote.save()
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert _items(again)[0]["state"] == SessionState.MOVED


def test_any_origin_may_read_and_ask_before_reading(client, conference):
    url = f"{API}/conferences/{conference.slug}"
    response = client.get(url, headers={"Origin": "https://screens.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(url, headers={"Origin": "https://screens.example.org"})
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


@override_settings(OPEN_DATA_API_RATE="3/m")
def test_a_visitor_over_the_rate_limit_gets_429_with_retry_after(client, conference):
    url = f"{API}/conferences/{conference.slug}"
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    blocked = client.get(url)
    assert blocked["Retry-After"] == "60"
    assert blocked["Access-Control-Allow-Origin"] == "*"


def _conference_with_sessions(count):
    conference = make_conference()
    days = list(conference.days.all())
    room = Room.objects.create(conference=conference, name="Hall")
    topic = Topic.objects.create(conference=conference, number=1, slug="t", title="Topic")
    for n in range(count):
        make_session(
            conference,
            day=days[n % len(days)],
            start_hour=8 + (n // len(days)) % 12,
            kind=SessionKind.PLENARY,
            room=room,
            topic=topic,
            speakers=[make_speaker(), make_speaker()],
        )
    return conference


@pytest.mark.parametrize("part", ["sessions", "speakers"])
def test_queries_per_list_do_not_grow_with_the_sessions(
    client, part, django_assert_max_num_queries
):
    counts = []
    for sessions in (3, 60):
        conference = _conference_with_sessions(sessions)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{API}/conferences/{conference.slug}/{part}?page_size=100")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(8):
        client.get(f"{API}/conferences/{conference.slug}/{part}?page_size=100&page=1&x=1")


def test_a_page_number_beyond_any_list_is_a_client_error_not_a_server_error(client, db):
    conference = make_conference()
    url = f"/api/v1/conferences/{conference.slug}/changes"
    assert client.get(url, {"page": "999999999999999999999"}).status_code == 422
    assert client.get(url, {"page": "2"}).json()["items"] == []
