"""Organisers change capacities in admin: a raised capacity goes to the waiting list (exactly
the people who now fit, in arrival order); one below the seats taken is refused clearly."""

import pytest
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from registration import services
from registration.models import Booking, CapacityItem
from tests.factories import make_conference, registration_data

pytestmark = pytest.mark.django_db


def signed_up(conference, **overrides):
    registration = services.submit_registration(
        conference=conference, data=registration_data(conference, **overrides), language="en"
    )
    return services.confirm_registration(registration=registration)


def post_change_form(client, url, **changes):
    """The admin form as it is, with `changes`: what an organiser does."""
    form = client.get(url).context["adminform"].form
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, FieldFile)  # files: nothing to re-post
    }
    return client.post(url, data | changes)


def test_raising_a_day_capacity_promotes_exactly_those_who_now_fit(admin_client, run_worker):
    conference = make_conference(capacity=50)
    opening = conference.days.first()
    opening.capacity = 2
    opening.save()
    holders = [signed_up(conference) for _ in range(2)]
    waiting = [signed_up(conference) for _ in range(3)]
    assert {r.status for r in waiting} == {"waitlisted"}
    url = reverse("admin:conferences_day_change", args=[opening.pk])
    response = post_change_form(admin_client, url, capacity=4)
    assert response.status_code == 302
    assert CapacityItem.objects.get(day=opening).capacity == 4
    run_worker()
    states = [r.bookings.get(item__day=opening).state for r in waiting]
    assert states == [Booking.State.HELD, Booking.State.HELD, Booking.State.WAITING]
    assert all(r.bookings.get(item__day=opening).state == "held" for r in holders)


def test_a_table_capacity_below_the_seats_taken_is_refused_with_a_message(admin_client):
    conference = make_conference(capacity=50)
    table = conference.world_cafe_tables.first()
    for _ in range(3):
        signed_up(conference, first_table_choice=table)
    url = reverse("admin:conferences_worldcafetable_change", args=[table.pk])
    response = post_change_form(admin_client, url, capacity=2)
    assert response.status_code == 200
    assert "3 seats are taken; the capacity cannot be lower." in response.content.decode()
    assert CapacityItem.objects.get(table=table).capacity == 10
    assert post_change_form(admin_client, url, capacity=3).status_code == 302
    assert CapacityItem.objects.get(table=table).capacity == 3


def test_a_conference_capacity_below_the_seats_taken_is_refused(admin_client):
    conference = make_conference(capacity=5)
    for _ in range(4):
        signed_up(conference)
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    response = post_change_form(admin_client, url, capacity=3)
    assert "4 seats are taken; the capacity cannot be lower." in response.content.decode()
    conference.refresh_from_db()
    assert conference.capacity == 5


def test_removing_the_dinner_while_seats_are_taken_is_refused(admin_client):
    conference = make_conference(capacity=5, gala_dinner_capacity=3)
    signed_up(conference, gala_dinner=True)
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    response = post_change_form(admin_client, url, gala_dinner_capacity="")
    assert "1 seat is taken; the capacity cannot be lower." in response.content.decode()


def test_counters_follow_new_days_tables_and_the_dinner():
    conference = make_conference(capacity=7, gala_dinner_capacity=None, days=1, tables=0)
    kinds = set(CapacityItem.objects.filter(conference=conference).values_list("kind", "capacity"))
    assert kinds == {("conference", 7), ("day", 7)}
    conference.gala_dinner_capacity = 40
    conference.save()
    assert CapacityItem.objects.get(conference=conference, kind="dinner").capacity == 40
