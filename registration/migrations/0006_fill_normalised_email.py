"""Normalises the address of every existing registration (and history row) for the duplicate
check. Active registrations of one conference that the new rule counts as one address (made
before it, e.g. `name@…` and `name+1@…`) all stay: the oldest gets the normalised address, the
others a value of their own, so the new constraint holds and nobody loses a seat."""

from django.db import migrations

from registration.addresses import normalised_address

ACTIVE = ("pending", "confirmed", "waitlisted")
BATCH = 500


def fill(apps, schema_editor):
    Registration = apps.get_model("registration", "Registration")
    taken = set()
    changed = []
    for registration in Registration.objects.order_by("pk").iterator(chunk_size=BATCH):
        key = normalised_address(registration.email)
        if registration.status in ACTIVE:
            if (registration.conference_id, key) in taken:
                key = f"{key}#{registration.pk}"  # never an address: nothing else matches it
            taken.add((registration.conference_id, key))
        registration.normalised_email = key
        changed.append(registration)
    Registration.objects.bulk_update(changed, ["normalised_email"], batch_size=BATCH)
    History = apps.get_model("registration", "HistoricalRegistration")
    rows = list(History.objects.only("history_id", "email").iterator(chunk_size=BATCH))
    for row in rows:
        row.normalised_email = normalised_address(row.email)
    History.objects.bulk_update(rows, ["normalised_email"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("registration", "0005_normalised_email")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
