from django.db import migrations, models

import registration.models


class Migration(migrations.Migration):
    dependencies = [("registration", "0009_confirm_token")]

    operations = [
        migrations.AlterField(
            model_name="registration",
            name="confirm_token",
            field=models.CharField(
                default=registration.models.new_confirm_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
    ]
