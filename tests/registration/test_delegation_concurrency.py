"""Delegations and single sign-ups at the same moment, in separate processes with their own
PostgreSQL connections: never more seats than capacity, every delegation all or nothing, and
an address taken by a concurrent sign-up named at its person, not a server error."""

import pytest

from registration import services
from registration.models import Delegation, Registration
from tests.factories import make_conference

from .test_concurrency import assert_counters_match_bookings, in_parallel, sign_up
from .test_delegations import person, shared

pytestmark = pytest.mark.django_db(transaction=True)


def delegation(conference, name, size):
    people = [person(conference, n, email=f"{name}{n}@example.org") for n in range(size)]
    return lambda: services.register_delegation(
        conference=conference,
        name=name,
        shared=shared(conference),
        people=people,
        language="en",
    )


def test_delegations_and_sign_ups_racing_for_the_last_seats_never_overbook(on_postgres):
    conference = make_conference(capacity=6)
    calls = [delegation(conference, f"city{n}", 3) for n in range(3)]
    calls += [sign_up(conference) for _ in range(3)]
    assert in_parallel(calls) == []
    assert Delegation.objects.count() == 3
    assert Registration.objects.count() == 12
    assert all(d.members.count() == 3 for d in Delegation.objects.all())
    assert_counters_match_bookings(conference)
    held = Registration.objects.filter(bookings__item__kind="conference", bookings__state="held")
    assert held.count() == 6


def test_an_address_taken_at_the_same_moment_is_named_at_its_person(on_postgres):
    conference = make_conference()
    both = [delegation(conference, "same", 2) for _ in range(2)]

    errors = in_parallel(both)

    assert Delegation.objects.count() == 1
    assert Registration.objects.count() == 2
    assert len(errors) == 1 and errors[0].startswith("DelegationError")


def test_a_delegation_locks_every_counter_in_order_before_seating_anyone(on_postgres):
    """Seating person after person would take their counters out of order (person 1 the
    third day, person 2 the second), which could deadlock with a sign-up that locks the
    same counters in order; so all of them are locked first, in primary-key order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conference = make_conference(capacity=10)
    with CaptureQueriesContext(connection) as queries:
        delegation(conference, "leipzig", 3)()
    statements = [q["sql"] for q in queries]
    first_lock = next(i for i, sql in enumerate(statements) if "FOR UPDATE" in sql)
    first_insert = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT"))
    lock = statements[first_lock]
    assert first_lock < first_insert
    assert "registration_capacityitem" in lock
    assert "ORDER BY 1 ASC" in lock  # the primary key, the only column read
    assert '"kind"' not in lock.partition("WHERE")[2]  # all of the conference's counters
