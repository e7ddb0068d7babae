"""Organisers see how many people plan to attend each session (no personal data)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Organisers"


def _permission(apps):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="self_service", codename="view_sessioninterest"
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("self_service", "0001_self_service"),
        ("conferences", "0006_organisers_manage_materials"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
