from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registration", "0006_fill_normalised_email")]

    operations = [
        migrations.RemoveConstraint(
            model_name="registration",
            name="one_active_registration_per_email",
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                models.F("normalised_email"),
                models.F("conference"),
                condition=models.Q(("status__in", ["pending", "confirmed", "waitlisted"])),
                name="one_active_registration_per_email",
                violation_error_message="This email address is already registered.",
            ),
        ),
    ]
