"""Fixtures of the site-wide tests."""

import os
import shutil
from pathlib import Path

import pytest

from conferences.models import Partner, Project, Room, SessionKind, Topic
from tests.factories import (
    answer_example_questions,
    make_conference,
    make_example_questions,
    make_registration,
    make_session,
    make_speaker,
)
from tests.press.factories import make_contact, make_news, make_release

from .test_accessibility_statement import ensure_statement


@pytest.fixture
def back_office_data():
    """At least one row of every model the back office shows, so change pages exist."""
    conference = make_conference()
    speaker = make_speaker(slug="ralf-resch", organisation="Vitako")
    room = Room.objects.create(conference=conference, name="Großer Saal")
    topic = Topic.objects.create(conference=conference, number=1, slug="data", title="Data")
    session = make_session(conference, kind=SessionKind.KEYNOTE, speakers=[speaker], room=room)
    session.topic = topic
    session.title = "Renamed"  # writes a schedule change
    session.save()
    Project.objects.create(conference=conference, name_en="TOOP")
    Partner.objects.create(conference=conference, name="Stadt Leipzig", role="host")
    make_example_questions(conference)
    answer_example_questions(make_registration(conference))
    make_release(conference)
    make_news(conference=conference)
    make_contact().conferences.add(conference)
    ensure_statement()
    return conference


# .ci/vnu.sh installs vnu.jar here (npm vnu-jar); VNU_JAR names another.
LOCAL_VNU = Path(__file__).resolve().parents[2] / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def vnu_jar():
    jar = Path(os.environ.get("VNU_JAR", LOCAL_VNU))
    if not jar.is_file() or shutil.which("java") is None:
        pytest.skip("the Nu Html Checker needs Java and vnu.jar (set VNU_JAR)")
    return jar
