import conferences.models.edition
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0006_organisers_manage_materials"),
    ]

    operations = [
        migrations.AlterField(
            model_name="conference",
            name="pending_hold_hours",
            field=models.PositiveSmallIntegerField(
                default=conferences.models.edition.default_pending_hold_hours,
                help_text="A registration not confirmed by email within this time expires.",
                verbose_name="hold unconfirmed registrations (hours)",
            ),
        ),
    ]
