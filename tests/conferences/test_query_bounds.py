"""The event page and the programme run the same number of queries for 5 and 150 sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences.models import Room, Topic
from tests.factories import make_conference, make_session, make_speaker

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


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
            kind=("keynote", "world_cafe", "plenary")[n % 3],
            room=room,
            topic=topic,
            speakers=[make_speaker(), make_speaker()],
        )
    return conference


@pytest.mark.parametrize(
    "name", ["conferences:detail", "conferences:programme", "conferences:programme_ics"]
)
def test_page_runs_a_fixed_number_of_queries_whatever_the_number_of_sessions(client, name):
    counts = []
    for sessions in (5, 150):
        conference = _conference_with_sessions(sessions)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name, kwargs={"slug": conference.slug}))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[1] <= MAX_QUERIES


def test_event_page_stays_within_the_query_bound(client, django_assert_max_num_queries):
    conference = _conference_with_sessions(150)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("conferences:detail", kwargs={"slug": conference.slug}))


def _with_changes_and_materials(conference):
    from conferences.models import SessionMaterial, SessionState

    for session in conference.sessions.all():
        SessionMaterial.objects.create(
            session=session, kind="web", title_en="Slides", url="https://example.org/s"
        )
        session.state = SessionState.CANCELLED
        session.save()
    return conference


EXPORTS = [
    "conferences:programme_json",
    "conferences:frab_xml",
    "conferences:frab_json",
    "conferences:xcal",
    "conferences:programme_pdf",
    "conferences:changes",
    "conferences:changes_feed",
]


@pytest.mark.parametrize("name", EXPORTS)
def test_each_export_runs_a_fixed_number_of_queries_whatever_the_number_of_sessions(client, name):
    counts = []
    for sessions in (3, 40):
        conference = _with_changes_and_materials(_conference_with_sessions(sessions))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name, kwargs={"slug": conference.slug}))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[1] <= MAX_QUERIES
