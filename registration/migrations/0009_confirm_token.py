"""The confirmation link gets a token of its own (until now it used the manage token).
Addresses not yet confirmed keep their manage token as confirm token, so the confirmation
links already emailed to them still work; every other registration gets a new one."""

import secrets

from django.db import migrations, models

BATCH = 500


def fill(apps, schema_editor):
    Registration = apps.get_model("registration", "Registration")
    rows = list(Registration.objects.only("pk", "manage_token", "email_confirmed_at"))
    for registration in rows:
        unconfirmed = registration.email_confirmed_at is None
        registration.confirm_token = (
            registration.manage_token if unconfirmed else secrets.token_urlsafe(32)
        )
    Registration.objects.bulk_update(rows, ["confirm_token"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("registration", "0008_unconfirmed_hold_index")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="confirm_token",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
