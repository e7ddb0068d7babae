"""The demo loader: fixtures keep the real dates; demo editions move ahead, registration open."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from conferences.demo import DEMO_LEAD_DAYS, shift_demo_editions
from conferences.models import Conference, Session
from conferences.queries import RegistrationState, registration_state
from registration.models import ParticipantCategory

pytestmark = pytest.mark.django_db


def test_fixtures_keep_the_seeds_real_dates(django_db_blocker):
    call_command("load_demo", "--keep-dates")
    leipzig = Conference.objects.get(slug="2018-leipzig")
    assert (leipzig.start_date, leipzig.end_date) == (
        datetime.date(2018, 5, 28),
        datetime.date(2018, 5, 30),
    )
    assert Conference.objects.get(slug="2019-it-fachtag").start_date == datetime.date(2019, 11, 28)
    assert leipzig.topics.count() == 7
    assert leipzig.projects.count() == 7
    assert leipzig.world_cafe_tables.count() >= 3
    assert leipzig.hotline_phone == "+43 1 718 94 76-33"
    assert leipzig.booking_prefix == "MCE18"
    assert ParticipantCategory.objects.filter(conference=leipzig, is_press=True).count() == 1
    gala = Session.objects.get(conference=leipzig, slug="gala-dinner")
    assert timezone.localtime(gala.starts_at, leipzig.tzinfo).strftime("%a %H:%M") == "Tue 19:30"


def test_load_demo_moves_editions_to_the_same_weekdays_ahead_with_registration_open():
    call_command("load_demo")
    call_command("load_demo")  # running `make run` twice works
    today = timezone.localdate()
    leipzig = Conference.objects.get(slug="2018-leipzig")
    assert leipzig.start_date.weekday() == 0  # Monday, like 28 May 2018
    assert DEMO_LEAD_DAYS <= (leipzig.start_date - today).days < DEMO_LEAD_DAYS + 7
    assert (leipzig.start_date - datetime.date(2018, 5, 28)).days % 7 == 0
    assert [d.date for d in leipzig.days.all()] == [
        leipzig.start_date + datetime.timedelta(days=n) for n in range(3)
    ]
    assert registration_state(leipzig) == RegistrationState.OPEN
    gala = Session.objects.get(conference=leipzig, slug="gala-dinner")
    local = timezone.localtime(gala.starts_at, leipzig.tzinfo)
    assert (local.date(), local.strftime("%H:%M")) == (
        leipzig.start_date + datetime.timedelta(days=1),
        "19:30",
    )  # same wall-clock time whatever daylight saving does
    fachtag = Conference.objects.get(slug="2019-it-fachtag")
    assert fachtag.start_date.weekday() == 3  # Thursday, like 28 November 2019
    assert registration_state(fachtag) == RegistrationState.OPEN


def test_shifting_twice_on_the_same_day_changes_nothing():
    call_command("load_demo", "--keep-dates")
    first = shift_demo_editions()
    assert all(delta.days > 0 for delta in first.values())
    second = shift_demo_editions()
    assert all(delta == datetime.timedelta(0) for delta in second.values())


def test_every_session_in_the_fixtures_passes_the_models_validation():
    call_command("load_demo", "--keep-dates")
    for session in Session.objects.select_related("conference", "day", "topic", "room"):
        session.full_clean()
    for conference in Conference.objects.all():
        conference.full_clean()
