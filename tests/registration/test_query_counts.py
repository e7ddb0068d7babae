"""The work of one request does not grow with a waiting list: a sign-up, a cancellation
that frees a seat and the worker's step that gives it to the next person each run the same
number of queries with nobody waiting and with 1,000 waiting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registration import services
from registration.capacity import load_items, sweep
from registration.models import Booking, Registration
from tests.factories import make_conference, registration_data

pytestmark = pytest.mark.django_db

# What one sign-up may cost (the form's own queries aside).
SIGN_UP_QUERIES = 13
CANCELLATION_QUERIES = 15
# Confirming the address: lock, bookings (one statement), status, the row, its history, email.
CONFIRMATION_QUERIES = 8
# What a sign-up POST costs through the view, its form included.
SIGN_UP_POST_QUERIES = 18
# The worker's sweep that gives the freed seat to the next person: what is due (one query),
# the queues with free seats and their heads (one), then the person's transaction (11
# statements here, 13 with its BEGIN and COMMIT in production).
PROMOTION_QUERIES = 13


def fill_waiting_list(conference, size):
    """`size` confirmed registrations queued for the conference seat, in bulk."""
    category = conference.participant_categories.first()
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        Registration(
            conference=conference,
            booking_reference=f"W{conference.pk}-{n:05d}",
            status=Registration.Status.WAITLISTED,
            email_confirmed_at=now,
            first_name="Wait",
            last_name=str(n),
            organisation="City",
            city="Leipzig",
            country="AT",
            email=f"waiting{n}@example.org",
            normalised_email=f"waiting{n}@example.org",  # bulk_create skips save()
            category=category,
        )
        for n in range(size)
    )
    opening = conference.days.first()
    Registration.days.through.objects.bulk_create(
        Registration.days.through(registration=r, day=opening) for r in registrations
    )
    item = load_items(conference).conference_item
    Booking.objects.bulk_create(
        Booking(registration=r, item=item, state="waiting", joined_at=now, queued=True)
        for r in registrations
    )


def queries_of(action):
    """Statements that do work: the savepoints around a service exist only because the test
    runs inside a transaction (in production its block is the transaction itself)."""
    with CaptureQueriesContext(connection) as queries:
        action()
    return sum(1 for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def full_conference(waiting):
    conference = make_conference(capacity=2)
    holders = [
        services.confirm_registration(
            registration=services.submit_registration(
                conference=conference, data=registration_data(conference), language="en"
            )
        )
        for _ in range(2)
    ]
    fill_waiting_list(conference, waiting)
    return conference, holders


def sign_up_into(conference):
    data = registration_data(conference)
    return lambda: services.submit_registration(conference=conference, data=data, language="en")


def test_a_sign_up_costs_the_same_with_1000_waiting():
    empty, _ = full_conference(0)
    long, _ = full_conference(1000)
    open_conference = make_conference(capacity=5000)
    fill_waiting_list(open_conference, 1000)
    counts = {
        "seat, nobody waiting": queries_of(sign_up_into(make_conference(capacity=10))),
        "full, nobody waiting": queries_of(sign_up_into(empty)),
        "full, 1000 waiting": queries_of(sign_up_into(long)),
    }
    assert counts["full, nobody waiting"] == counts["full, 1000 waiting"]
    print("sign-up queries", counts)
    assert max(counts.values()) <= SIGN_UP_QUERIES, counts


def test_a_promoting_cancellation_costs_the_same_with_1000_waiting():
    counts = {}
    for waiting in (1, 1000):
        conference, holders = full_conference(waiting)
        cancel = queries_of(lambda h=holders[0]: services.cancel_registration(registration=h))
        promote = queries_of(sweep)
        counts[waiting] = (cancel, promote)
        promoted = Booking.objects.filter(
            item__conference=conference, item__kind="conference", state="held"
        ).count()
        assert promoted == 2  # the freed seat went to the head of the list
    assert counts[1] == counts[1000]
    print("cancel, promote queries", counts)
    assert counts[1][0] <= CANCELLATION_QUERIES, counts
    assert counts[1][1] <= PROMOTION_QUERIES, counts


def test_a_sweep_with_nothing_due_reads_twice(django_assert_num_queries):
    """What has come due (holds, offers, reminders) in one query, the queues in another."""
    full_conference(3)
    with django_assert_num_queries(2):
        sweep()


def fill_unconfirmed_holds(conference, size):
    """`size` web sign-ups holding seats unconfirmed (the cap counts them), in bulk."""
    category = conference.participant_categories.first()
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            conference=conference,
            booking_reference=f"U{conference.pk}-{n:05d}",
            status=Registration.Status.PENDING,
            expires_at=now + timezone.timedelta(hours=4),
            first_name="Unconfirmed",
            last_name=str(n),
            organisation="City",
            city="Leipzig",
            country="AT",
            email=f"unconfirmed{n}@example.org",
            normalised_email=f"unconfirmed{n}@example.org",  # bulk_create skips save()
            category=category,
        )
        for n in range(size)
    )


def test_the_cap_on_unconfirmed_holds_costs_one_bounded_count(settings):
    settings.MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE = 50
    many = make_conference(capacity=5000)
    fill_unconfirmed_holds(many, 1000)
    with CaptureQueriesContext(connection) as queries:
        sign_up_into(many)()
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 50" in counts[0]  # never more than the cap is read
    assert len(queries) <= SIGN_UP_QUERIES


def test_the_sign_up_post_costs_the_same_whatever_the_choices(client):
    """The form checks days, category and tables against the rows it loaded once, not with
    a query per field and value; a valid POST builds no layout and reads the conference's
    state once."""
    from tests.registration.test_views import form_data, register_url

    counts = {}
    for days, tables in ((1, 2), (6, 12)):
        conference = make_conference(days=days, tables=tables, capacity=100)
        data = form_data(
            conference,
            email=f"choices-{days}@example.org",
            days=[day.pk for day in conference.days.all()],
            second_table_choice=conference.world_cafe_tables.last().pk,
        )
        category = conference.participant_categories.get(may_attend_reserved_days=True)
        data["category"] = category.pk
        with CaptureQueriesContext(connection) as queries:
            response = client.post(register_url(conference), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        counts[(days, tables)] = sum(
            1 for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        )
    print("sign-up POST queries", counts)
    assert counts[(1, 2)] == counts[(6, 12)], counts
    # The budget: the view reads the conference, whether it is full, what is left, the
    # tables, categories, days and the conference's own questions once each; the sign-up
    # itself reads and writes the rest.
    # Checking each choice with a query of its own (Django's way) would pass it.
    assert counts[(6, 12)] <= SIGN_UP_POST_QUERIES, counts


def registration_writes(queries):
    return [
        q["sql"].split()[0]
        for q in queries
        if q["sql"].startswith(("INSERT INTO", "UPDATE"))
        and '"registration_registration"' in q["sql"]
    ]


def test_a_sign_up_and_its_confirmation_write_the_registration_row_once_each():
    """The email each queues is marked "queued" in the row written anyway, not by an UPDATE
    of its own."""
    conference = make_conference(capacity=10)
    with CaptureQueriesContext(connection) as signing_up:
        registration = sign_up_into(conference)()
    with CaptureQueriesContext(connection) as confirming:
        services.confirm_registration(registration=registration)
    assert registration_writes(signing_up) == ["INSERT"]
    assert registration_writes(confirming) == ["UPDATE"]
    registration.refresh_from_db()
    assert registration.email_status == Registration.EmailStatus.QUEUED


def test_a_confirmation_costs_the_same_with_a_seat_or_on_a_waiting_list():
    """The held seats stop expiring and the waiting places join their queues in one
    statement; the seat and table the status needs are read in one query."""
    counts = {}
    for capacity in (5, 0):
        conference = make_conference(capacity=capacity)
        registration = sign_up_into(conference)()
        counts[capacity] = queries_of(
            lambda r=registration: services.confirm_registration(registration=r)
        )
    print("confirmation queries", counts)
    assert counts[5] == counts[0] <= CONFIRMATION_QUERIES, counts
