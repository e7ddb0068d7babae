"""Organisers manage press releases, contacts, organisations, the press kit and news."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Organisers"
MODELS = ["organisation", "presscontact", "pressrelease", "presskititem", "newsitem"]
ACTIONS = ["add", "change", "delete", "view"]


def _create_all_permissions(apps):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    _create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="press", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="press"))


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
