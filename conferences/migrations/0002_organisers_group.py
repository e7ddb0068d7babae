"""The "Organisers" group: everything about the programme content (conferences, days, rooms,
topics, sessions, speakers, World Café tables, projects, partners) and the participant
categories (conference configuration, no personal data). Nothing on registrations or the
hotline."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Organisers"
CONFERENCE_MODELS = [
    "series",
    "conference",
    "day",
    "room",
    "topic",
    "speaker",
    "session",
    "sessionspeaker",
    "worldcafetable",
    "project",
    "partner",
]
ACTIONS = ["add", "change", "delete", "view"]


def _create_all_permissions(apps):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    programme = Permission.objects.filter(
        content_type__app_label="conferences",
        codename__in=[f"{a}_{m}" for m in CONFERENCE_MODELS for a in ACTIONS],
    )
    categories = Permission.objects.filter(
        content_type__app_label="registration",
        codename__in=[f"{a}_participantcategory" for a in ACTIONS],
    )
    return list(programme) + list(categories)


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
        ("conferences", "0001_initial"),
        ("registration", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
