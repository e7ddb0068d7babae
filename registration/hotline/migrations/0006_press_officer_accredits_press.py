"""The "Press officer" accredits journalists (registration.PressAccreditation, a proxy of the
registrations in press categories); registrations already in a press category wait for it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRESS_OFFICER = "Press officer"
CODENAMES = ["view_pressaccreditation", "change_pressaccreditation"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    press, _created = Group.objects.get_or_create(name=PRESS_OFFICER)
    press.permissions.add(
        *Permission.objects.filter(content_type__app_label="registration", codename__in=CODENAMES)
    )
    Registration = apps.get_model("registration", "Registration")
    Registration.objects.filter(category__is_press=True, press_accreditation="").update(
        press_accreditation="pending"
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=PRESS_OFFICER):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="registration", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("hotline", "0005_mass_email"),
        ("registration", "0012_press_accreditation"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
