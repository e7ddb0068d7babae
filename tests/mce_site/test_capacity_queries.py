"""Seats are held by confirmed and pending registrations only."""

import pytest

from conferences.queries import RegistrationState, registration_state
from registration.models import Registration
from registration.queries import (
    gala_dinner_seats_left,
    seats_left_for_conference,
    seats_left_per_day,
    seats_left_per_table,
)
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def test_only_confirmed_and_pending_registrations_hold_seats():
    conference = make_conference(capacity=10)
    for status in Registration.Status.values:
        make_registration(conference, status=status, gala_dinner=True)
    assert seats_left_for_conference(conference) == 8
    assert gala_dinner_seats_left(conference) == 48


def test_day_and_table_seats_count_their_own_registrations():
    conference = make_conference(capacity=10)
    first_day, second_day, _third = conference.days.all()
    table = conference.world_cafe_tables.first()
    conference.days.filter(pk=second_day.pk).update(capacity=3)
    make_registration(conference, days=[first_day, second_day], world_cafe_table=table)
    make_registration(conference, days=[second_day], status=Registration.Status.WAITLISTED)
    assert seats_left_per_day(conference)[first_day.pk] == 9
    assert seats_left_per_day(conference)[second_day.pk] == 2
    assert seats_left_per_table(conference)[table.pk] == 9


def test_registration_state_follows_window_switch_and_seats():
    conference = make_conference(capacity=1)
    assert registration_state(conference) == RegistrationState.OPEN
    make_registration(conference)
    assert registration_state(conference) == RegistrationState.FULL
    conference.registration_opens_at = None
    assert registration_state(conference) == RegistrationState.NOT_YET_OPEN


def test_registration_full_switch_closes_registration_with_seats_left():
    conference = make_conference(registration_full=True)
    assert registration_state(conference) == RegistrationState.FULL
