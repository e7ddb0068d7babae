"""The "Hotline" group: everything the back office does, nothing of the programme or users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Hotline"

PERMISSIONS = {
    "registration": [
        "view_registration",
        "add_registration",
        "change_registration",
        "view_participantcategory",
    ],
    "hotline": [
        "use_back_office",
        "erase_personal_data",
        "view_calllog",
        "add_calllog",
        "view_checkin",
        "add_checkin",
    ],
}


def create_hotline_group(apps, schema_editor):
    # Permissions are created after migrate on a fresh database; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_hotline_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0002_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_hotline_group, remove_hotline_group)]
