from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0007_pending_hold_hours_default_from_settings"),
        ("registration", "0004_bookings_from_registrations"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalregistration",
            name="normalised_email",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=320,
                verbose_name="address for the duplicate check",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="registration",
            name="normalised_email",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=320,
                verbose_name="address for the duplicate check",
            ),
            preserve_default=False,
        ),
    ]
