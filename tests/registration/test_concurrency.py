"""Never more seats held than capacity, with parallel requests on separate connections
(PostgreSQL: the conference row lock serialises the seat count)."""

import threading

import pytest
from django.db import connection

from registration import services
from registration.models import Registration
from tests.factories import make_conference, registration_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_sign_ups_for_the_last_seats_never_exceed_capacity(on_postgres):
    conference = make_conference(capacity=3, gala_dinner_capacity=2)
    payloads = [registration_data(conference, gala_dinner=True) for _ in range(12)]
    start = threading.Barrier(len(payloads))
    errors = []

    def sign_up(data):
        try:
            start.wait()
            services.submit_registration(conference=conference, data=data, language="en")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=sign_up, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Registration.Status.PENDING) == 2  # the dinner is the bottleneck
    assert statuses.count(Registration.Status.WAITLISTED) == 10
    assert Registration.objects.filter(status="pending", gala_dinner=True).count() == 2


def test_parallel_confirmations_and_cancellations_keep_the_counts(on_postgres):
    conference = make_conference(capacity=2)
    holders = [
        services.submit_registration(
            conference=conference, data=registration_data(conference), language="en"
        )
        for _ in range(2)
    ]
    waiting = [
        services.submit_registration(
            conference=conference, data=registration_data(conference), language="en"
        )
        for _ in range(4)
    ]
    start = threading.Barrier(len(holders) + len(waiting))

    def run(action):
        try:
            start.wait()
            action()
        finally:
            connection.close()

    actions = [lambda r=r: services.cancel_registration(registration=r) for r in holders] + [
        lambda r=r: services.change_registration(
            registration=r,
            days=list(r.days.all()),
            gala_dinner=False,
            first_table_choice=None,
            second_table_choice=None,
        )
        for r in waiting
    ]
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    held = Registration.objects.filter(status__in=["pending", "confirmed"]).count()
    assert held == 2
    assert Registration.objects.filter(status="waitlisted").count() == 2
    first_two = sorted(waiting, key=lambda r: r.waitlisted_at)[:2]
    assert set(Registration.objects.filter(status="confirmed").values_list("pk", flat=True)) == {
        r.pk for r in first_two
    }
