"""Organisers attach session materials and read the schedule change log (which only
Session.save() writes)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Organisers"
CODENAMES = [
    *(f"{action}_sessionmaterial" for action in ("add", "change", "delete", "view")),
    "view_schedulechange",
]


def _create_all_permissions(apps):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="conferences", codename__in=CODENAMES)


def grant(apps, schema_editor):
    _create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0005_session_state_changes_materials"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
