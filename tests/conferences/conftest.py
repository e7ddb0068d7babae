"""Fixtures for the conference pages: a published conference with a small programme."""

import pytest
from django.test import Client

from conferences.models import Room, SessionKind, Topic
from tests.factories import make_conference, make_session, make_speaker


@pytest.fixture
def conference():
    return make_conference(slug="2018-leipzig", title="MCE 2018 Leipzig", tables=2)


@pytest.fixture
def programme(conference):
    """A keynote with a speaker on a topic in a room, a World Café and a draft session."""
    room = Room.objects.create(conference=conference, name="Großer Saal")
    topic = Topic.objects.create(
        conference=conference,
        number=1,
        slug="city-data",
        title="City data",
        lead_question="Are you waving or drowning?",
    )
    speaker = make_speaker(
        slug="ralf-resch",
        academic_title="Dr.",
        first_name="Ralf",
        last_name="Resch",
        organisation="Vitako",
    )
    keynote = make_session(
        conference,
        slug="keynote",
        title="IT governance",
        kind=SessionKind.KEYNOTE,
        room=room,
        topic=topic,
        speakers=[speaker],
    )
    days = list(conference.days.all())
    cafe = make_session(
        conference,
        day=days[-1],
        slug="world-cafe",
        title="World Café",
        kind=SessionKind.WORLD_CAFE,
        start_hour=10,
    )
    draft = make_session(
        conference, slug="secret", title="Secret draft", is_published=False, start_hour=14
    )
    return {
        "keynote": keynote,
        "world_cafe": cafe,
        "draft": draft,
        "speaker": speaker,
        "topic": topic,
        "room": room,
    }


@pytest.fixture
def staff_client(django_user_model):
    """A second browser, logged in as staff (the `client` fixture stays anonymous)."""
    user = django_user_model.objects.create_user("staff", "staff@example.org", "pw", is_staff=True)
    staff = Client()
    staff.force_login(user)
    return staff
