"""Seats are held by confirmed and pending registrations only; what is left is read from
the counters in one query, and an item with people queued counts as full for newcomers."""

import pytest

from conferences.queries import RegistrationState, registration_state
from registration.capacity import item_figures, seats_left
from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def test_only_confirmed_and_pending_registrations_hold_seats():
    conference = make_conference(capacity=10)
    for status in Registration.Status.values:
        make_registration(conference, status=status, gala_dinner=True)
    left = seats_left(conference)
    assert left[("conference", None, None)] == 0  # the waiting registration is queued
    figures = {row["item"].kind: row for row in item_figures(conference)}
    assert figures["conference"]["capacity"] - figures["conference"]["taken"] == 8
    assert (figures["conference"]["confirmed"], figures["conference"]["pending"]) == (1, 1)
    assert figures["conference"]["waiting"] == 1
    assert left[("dinner", None, None)] == 48


def test_day_and_table_seats_count_their_own_registrations():
    conference = make_conference(capacity=10)
    first_day, second_day, _third = conference.days.all()
    table = conference.world_cafe_tables.first()
    second_day.capacity = 3
    second_day.save()
    make_registration(conference, days=[first_day, second_day], world_cafe_table=table)
    make_registration(conference, days=[second_day], status=Registration.Status.WAITLISTED)
    left = seats_left(conference)
    assert left[("day", first_day.pk, None)] == 9
    assert left[("day", second_day.pk, None)] == 2
    assert left[("table", None, table.pk)] == 9


def test_seats_left_is_one_query_whatever_the_number_of_registrations(
    django_assert_num_queries,
):
    conference = make_conference(capacity=50)
    for _ in range(3):
        make_registration(conference)
    with django_assert_num_queries(1):
        few = seats_left(conference)
    for _ in range(30):
        make_registration(conference)
    with django_assert_num_queries(1):
        many = seats_left(conference)
    assert few[("conference", None, None)] - many[("conference", None, None)] == 30


def test_registration_state_follows_window_switch_and_seats(settings, later):
    conference = make_conference(capacity=1)
    assert registration_state(conference) == RegistrationState.OPEN
    make_registration(conference)
    later(settings.SEATS_SHOWN_SECONDS)  # the figures shown are that old at most
    assert registration_state(conference) == RegistrationState.FULL
    conference.registration_opens_at = None
    assert registration_state(conference) == RegistrationState.NOT_YET_OPEN


def test_registration_full_switch_closes_registration_with_seats_left():
    conference = make_conference(registration_full=True)
    assert registration_state(conference) == RegistrationState.FULL
