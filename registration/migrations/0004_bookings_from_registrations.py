"""Moves registrations made before per-item capacity onto the new model: a counter per item
(conference, days, gala dinner, tables) and a booking per registration and item.

* pending and confirmed registrations hold a seat of the conference, each of their days, the
  dinner if they booked it, and their assigned table; a pending one's seats keep its expiry;
* waitlisted registrations (the old rule waited for the whole registration) wait for the
  conference in their old order (joined the waiting list, then id) and keep waiting for all
  their days together; the worker's next sweep seats those who fit now. Web sign-ups of the
  old code never confirmed their address there, so they stay unconfirmed: their seats come
  as an offer, whose link confirms the address;
* cancelled and expired registrations hold nothing.
No registration is changed otherwise, none is lost and the waiting order is kept."""

from django.db import migrations
from django.db.models import Count

SEATED = ("pending", "confirmed")


def forwards(apps, schema_editor):
    Conference = apps.get_model("conferences", "Conference")
    Registration = apps.get_model("registration", "Registration")
    CapacityItem = apps.get_model("registration", "CapacityItem")
    Booking = apps.get_model("registration", "Booking")
    for conference in Conference.objects.all():
        items = _create_items(conference, Registration, CapacityItem)
        bookings = []
        registrations = Registration.objects.filter(
            conference=conference, status__in=(*SEATED, "waitlisted")
        ).prefetch_related("days")
        for registration in registrations.order_by("pk"):
            bookings += _bookings_of(registration, items, Booking)
            _confirm_address(registration, Registration)
        Booking.objects.bulk_create(bookings, batch_size=1000)
        taken = dict(
            Booking.objects.filter(item__conference=conference, state="held")
            .values_list("item_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for item in items["all"]:
            n = taken.get(item.pk, 0)
            # Old data may hold more than a capacity lowered since; never below what is held.
            item.taken, item.capacity = n, max(item.capacity, n)
            item.save(update_fields=["taken", "capacity"])


def _create_items(conference, Registration, CapacityItem):
    def make(kind, capacity, **refs):
        return CapacityItem.objects.create(
            conference=conference, kind=kind, capacity=capacity, **refs
        )

    items = {"conference": make("conference", conference.capacity), "days": {}, "tables": {}}
    for day in conference.days.all():
        items["days"][day.pk] = make("day", day.capacity or conference.capacity, day=day)
    items["dinner"] = None
    if conference.gala_dinner_capacity is not None:
        items["dinner"] = make("dinner", conference.gala_dinner_capacity)
    for table in conference.world_cafe_tables.all():
        items["tables"][table.pk] = make("table", table.capacity, table=table)
    items["all"] = [
        items["conference"],
        *items["days"].values(),
        *items["tables"].values(),
        *([items["dinner"]] if items["dinner"] else []),
    ]
    return items


def _bookings_of(registration, items, Booking):
    joined = registration.waitlisted_at or registration.created_at
    if registration.status == "waitlisted":
        return [
            Booking(
                registration=registration,
                item=items["conference"],
                state="waiting",
                joined_at=joined,
                queued=True,
            )
        ]
    expires = registration.expires_at if registration.status == "pending" else None
    held = [items["conference"]]
    held += [items["days"][day.pk] for day in registration.days.all() if day.pk in items["days"]]
    if registration.gala_dinner and items["dinner"] is not None:
        held.append(items["dinner"])
    if registration.world_cafe_table_id in items["tables"]:
        held.append(items["tables"][registration.world_cafe_table_id])
    return [
        Booking(
            registration=registration,
            item=item,
            state="held",
            joined_at=registration.created_at,
            expires_at=expires,
        )
        for item in held
    ]


def _confirm_address(registration, Registration):
    updates = {}
    if registration.status == "confirmed":
        updates["email_confirmed_at"] = registration.confirmed_at or registration.created_at
    elif registration.status == "waitlisted":
        updates["waits_for_all_days"] = True
        if registration.source != "web":
            updates["email_confirmed_at"] = registration.created_at
    if updates:
        Registration.objects.filter(pk=registration.pk).update(**updates)


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0003_per_item_capacity"),
        ("conferences", "0004_per_item_capacity"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
