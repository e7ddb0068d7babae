"""Hotline leads see and approve invitation letter requests (passport data): nobody else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Hotline lead"
CODENAMES = ["view_invitationletter", "approve_invitationletter"]


def _permissions(apps):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="self_service", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
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
        ("self_service", "0004_invitation_letters"),
        ("hotline", "0004_roles_hotline_lead_and_press_officer"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
