"""The data migration moves registrations made by the old core (one status per registration,
no per-item bookings) onto counters and bookings: nobody lost, nobody reordered."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("conferences", "0003_time_zone_validated_not_frozen_choices"),
    ("registration", "0002_email_tracking_and_submission_key"),
]
AFTER = [
    ("conferences", "0004_per_item_capacity"),
    ("registration", "0004_bookings_from_registrations"),
]


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_data(apps):
    """Rows as the old core left them: two holding seats, three waiting, two gone."""
    Series = apps.get_model("conferences", "Series")
    Conference = apps.get_model("conferences", "Conference")
    Day = apps.get_model("conferences", "Day")
    Table = apps.get_model("conferences", "WorldCafeTable")
    Category = apps.get_model("registration", "ParticipantCategory")
    Registration = apps.get_model("registration", "Registration")
    start = timezone.localdate() + datetime.timedelta(days=60)
    series = Series.objects.create(name="MCE", slug="mce", short_name="MCE")
    conference = Conference.objects.create(
        series=series,
        slug="old",
        title="Old",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        capacity=2,
        gala_dinner_capacity=1,
        booking_prefix="OLD",
    )
    days = [
        Day.objects.create(conference=conference, date=start + datetime.timedelta(days=i))
        for i in range(2)
    ]
    table = Table.objects.create(conference=conference, number=1, theme="Data", capacity=5)
    category = Category.objects.create(conference=conference, code="city", name="City")
    now = timezone.now()

    def make(reference, status, **values):
        registration = Registration.objects.create(
            conference=conference,
            booking_reference=reference,
            manage_token=reference,
            status=status,
            first_name=reference,
            last_name="Old",
            organisation="City",
            city="Leipzig",
            country="DE",
            email=f"{reference}@example.org",
            category=category,
            **values,
        )
        registration.days.set(days)
        return registration

    make("OLD-C", "confirmed", confirmed_at=now, gala_dinner=True, world_cafe_table=table)
    make("OLD-P", "pending", expires_at=now + datetime.timedelta(hours=20))
    # Arrival order on the waiting list: B (phone), then A (web), then D (web).
    make("OLD-A", "waitlisted", waitlisted_at=now - datetime.timedelta(hours=2))
    make("OLD-B", "waitlisted", waitlisted_at=now - datetime.timedelta(hours=3), source="phone")
    make("OLD-D", "waitlisted", waitlisted_at=now - datetime.timedelta(hours=1))
    make("OLD-X", "cancelled", cancelled_at=now)
    make("OLD-E", "expired")


def test_old_registrations_move_onto_bookings_without_losing_or_reordering_anyone():
    old_data(migrate(BEFORE))
    apps = migrate(AFTER)
    Registration = apps.get_model("registration", "Registration")
    Booking = apps.get_model("registration", "Booking")
    CapacityItem = apps.get_model("registration", "CapacityItem")
    statuses = dict(Registration.objects.values_list("booking_reference", "status"))
    assert statuses == {
        "OLD-C": "confirmed",
        "OLD-P": "pending",
        "OLD-A": "waitlisted",
        "OLD-B": "waitlisted",
        "OLD-D": "waitlisted",
        "OLD-X": "cancelled",
        "OLD-E": "expired",
    }
    taken = dict(CapacityItem.objects.values_list("kind", "taken").filter(kind="conference"))
    assert taken == {"conference": 2}
    assert CapacityItem.objects.get(kind="dinner").taken == 1
    assert CapacityItem.objects.get(kind="table").taken == 1
    assert list(CapacityItem.objects.filter(kind="day").values_list("taken", flat=True)) == [2, 2]
    queue = Booking.objects.filter(item__kind="conference", state="waiting", queued=True)
    order = list(
        queue.order_by("joined_at", "pk").values_list("registration__booking_reference", flat=True)
    )
    assert order == ["OLD-B", "OLD-A", "OLD-D"]
    pending = Registration.objects.get(booking_reference="OLD-P")
    assert set(
        Booking.objects.filter(registration=pending).values_list("expires_at", flat=True)
    ) == {pending.expires_at}
    confirmed = dict(Registration.objects.values_list("booking_reference", "email_confirmed_at"))
    assert confirmed["OLD-C"] is not None and confirmed["OLD-B"] is not None
    assert confirmed["OLD-A"] is None  # a web sign-up the old code never asked to confirm
    gone = Booking.objects.filter(registration__status__in=["cancelled", "expired"])
    assert not gone.exists()


NORMALISED = [
    ("conferences", "0007_pending_hold_hours_default_from_settings"),
    ("registration", "0007_one_active_registration_per_normalised_email"),
]


def test_existing_addresses_are_normalised_and_earlier_variants_all_stay_registered():
    apps = migrate(BEFORE)
    old_data(apps)
    Registration = apps.get_model("registration", "Registration")
    original = Registration.objects.get(booking_reference="OLD-A")
    for reference, email, status in [
        ("OLD-V1", "OLD-A+1@Example.org", "waitlisted"),  # a variant made before the rule
        ("OLD-V2", "old-a+2@example.org", "cancelled"),
        ("OLD-G", "Jane.Doe@googlemail.com", "waitlisted"),
    ]:
        variant = Registration.objects.get(pk=original.pk)
        variant.pk = None
        variant.booking_reference = variant.manage_token = reference
        variant.email, variant.status = email, status
        variant.save()
    apps = migrate(NORMALISED)
    Registration = apps.get_model("registration", "Registration")
    rows = dict(Registration.objects.values_list("booking_reference", "normalised_email"))
    variant = Registration.objects.get(booking_reference="OLD-V1")
    assert rows["OLD-A"] == "old-a@example.org"
    assert rows["OLD-V1"] == f"old-a@example.org#{variant.pk}"
    assert rows["OLD-V2"] == "old-a@example.org"
    assert rows["OLD-G"] == "janedoe@gmail.com"
    assert variant.status in ("pending", "confirmed", "waitlisted")  # nobody lost a place


CONFIRM_TOKEN = [
    ("conferences", "0007_pending_hold_hours_default_from_settings"),
    ("registration", "0010_confirm_token_unique"),
]


def test_confirmation_links_already_emailed_keep_working_and_others_get_a_token_of_their_own():
    old_data(migrate(BEFORE))
    apps = migrate(CONFIRM_TOKEN)
    Registration = apps.get_model("registration", "Registration")
    rows = {r.booking_reference: r for r in Registration.objects.all()}
    unconfirmed = rows["OLD-P"]  # its confirmation email carries the manage token
    assert unconfirmed.email_confirmed_at is None
    assert unconfirmed.confirm_token == unconfirmed.manage_token
    confirmed = rows["OLD-C"]
    assert confirmed.confirm_token != confirmed.manage_token
    assert len(confirmed.confirm_token) >= 43
    assert len({r.confirm_token for r in rows.values()}) == len(rows)
