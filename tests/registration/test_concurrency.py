"""Never more seats than capacity, and waiting lists served in arrival order, with requests
running at the same moment in separate OS processes, each with its own PostgreSQL connection
(what two gunicorn workers do). No event-wide lock: each request locks only the counters of
the items it touches."""

import multiprocessing

import pytest
from django.db import connections

from registration import services
from registration.capacity import sweep
from registration.models import Booking, CapacityItem, Registration
from tests.factories import make_conference, registration_data

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status


def in_parallel(calls, *, timeout=60):
    """Runs each call in its own forked process, all released at once by a barrier; returns
    the errors raised (as text). The parent's connection is closed first, so every child
    opens its own."""
    context = multiprocessing.get_context("fork")
    connections.close_all()
    barrier = context.Barrier(len(calls))
    errors = context.Queue()

    def run(call):
        # A connection object inherited through the fork is the parent's socket: forget it
        # (closing it would close the parent's) so that this process opens its own.
        for inherited in connections.all(initialized_only=True):
            inherited.connection = None
        try:
            barrier.wait(timeout=timeout)
            call()
        except Exception as error:  # noqa: BLE001 - reported to the parent and asserted
            errors.put(repr(error))
        finally:
            connections.close_all()

    processes = [context.Process(target=run, args=(call,)) for call in calls]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout)
    assert all(process.exitcode == 0 for process in processes)
    found = []
    while not errors.empty():
        found.append(errors.get())
    return found


def sign_up(conference, **choices):
    data = registration_data(conference, **choices)
    return lambda: services.submit_registration(conference=conference, data=data, language="en")


def signed_up_and_confirmed(conference, **choices):
    registration = sign_up(conference, **choices)()
    return services.confirm_registration(registration=registration)


def assert_counters_match_bookings(conference):
    """Each item's counter equals its seats held or offered, and never exceeds capacity."""
    for item in CapacityItem.objects.filter(conference=conference):
        seated = Booking.objects.filter(item=item, state__in=["held", "offered"]).count()
        assert (item.kind, item.taken) == (item.kind, seated)
        assert item.taken <= item.capacity


def test_parallel_sign_ups_for_the_last_seats_of_a_day(on_postgres):
    conference = make_conference(capacity=50)
    opening = conference.days.first()
    opening.capacity = 3
    opening.save()
    errors = in_parallel([sign_up(conference, days=[opening]) for _ in range(12)])
    assert errors == []
    day = CapacityItem.objects.get(day=opening)
    assert day.taken == 3
    assert Booking.objects.filter(item=day, state="waiting").count() == 9
    assert_counters_match_bookings(conference)


def test_parallel_sign_ups_for_the_last_dinner_seats_keep_their_conference_seat(on_postgres):
    conference = make_conference(capacity=50, gala_dinner_capacity=2)
    errors = in_parallel([sign_up(conference, gala_dinner=True) for _ in range(10)])
    assert errors == []
    dinner = CapacityItem.objects.get(conference=conference, kind="dinner")
    assert dinner.taken == 2
    assert Booking.objects.filter(item=dinner, state="waiting").count() == 8
    assert CapacityItem.objects.get(conference=conference, kind="conference").taken == 10
    assert_counters_match_bookings(conference)


def test_parallel_sign_ups_for_the_last_seats_of_a_table(on_postgres):
    conference = make_conference(capacity=50)
    table = conference.world_cafe_tables.first()
    table.capacity = 2
    table.save()
    errors = in_parallel([sign_up(conference, first_table_choice=table) for _ in range(10)])
    assert errors == []
    assert Registration.objects.filter(world_cafe_table=table).count() == 2
    assert Booking.objects.filter(item__table=table, state="waiting").count() == 8
    assert_counters_match_bookings(conference)


def test_parallel_cancellations_promote_the_waiting_list_in_arrival_order(on_postgres):
    conference = make_conference(capacity=4)
    holders = [signed_up_and_confirmed(conference) for _ in range(4)]
    waiting = [signed_up_and_confirmed(conference) for _ in range(8)]
    assert {r.status for r in waiting} == {Status.WAITLISTED}
    errors = in_parallel(
        [lambda r=r: services.cancel_registration(registration=r) for r in holders]
    )
    assert errors == []
    # Two workers sweep at the same moment: each seat still goes to one person, in order.
    assert in_parallel([sweep, sweep]) == []
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in waiting] == [Status.CONFIRMED] * 4 + [Status.WAITLISTED] * 4
    assert_counters_match_bookings(conference)


def test_parallel_sign_ups_and_cancellations_never_oversell(on_postgres):
    conference = make_conference(capacity=5, gala_dinner_capacity=3)
    holders = [signed_up_and_confirmed(conference, gala_dinner=True) for _ in range(5)]
    calls = [lambda r=r: services.cancel_registration(registration=r) for r in holders[:3]]
    calls += [sign_up(conference, gala_dinner=True) for _ in range(9)]
    calls += [sweep, sweep]
    assert in_parallel(calls) == []
    assert_counters_match_bookings(conference)
    newcomers_seated = Booking.objects.filter(
        item__kind="conference", state="held", registration__status=Status.PENDING
    ).count()
    # The two who stayed, plus every newcomer who found a seat free at their moment.
    assert CapacityItem.objects.get(conference=conference, kind="conference").taken == (
        2 + newcomers_seated
    )
