"""Two roles beside the "Hotline" group, which keeps the daily work:

- "Hotline lead": everything the hotline does, plus exporting lists, erasing and anonymising
  a person's data and emailing many registrants at once (taken from "Hotline").
- "Press officer": press releases, news, the press kit and their contacts and organisations;
  nothing else (no programme, no registrations)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HOTLINE = "Hotline"
HOTLINE_LEAD = "Hotline lead"
PRESS_OFFICER = "Press officer"
LEAD_ONLY = {"hotline": ["erase_personal_data", "export_registrations", "email_many_registrants"]}
PRESS_MODELS = ["organisation", "presscontact", "pressrelease", "presskititem", "newsitem"]
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def create_roles(apps, schema_editor):
    # Permissions are created after migrate on a fresh database; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    hotline, _created = Group.objects.get_or_create(name=HOTLINE)
    lead, _created = Group.objects.get_or_create(name=HOTLINE_LEAD)
    lead.permissions.add(*hotline.permissions.all())
    for app_label, codenames in LEAD_ONLY.items():
        permissions = _permissions(apps, app_label, codenames)
        lead.permissions.add(*permissions)
        hotline.permissions.remove(*permissions)
    press, _created = Group.objects.get_or_create(name=PRESS_OFFICER)
    codenames = [f"{action}_{model}" for model in PRESS_MODELS for action in ACTIONS]
    press.permissions.add(*_permissions(apps, "press", codenames))


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    hotline = Group.objects.filter(name=HOTLINE).first()
    if hotline is not None:
        hotline.permissions.add(*_permissions(apps, "hotline", ["erase_personal_data"]))
    Group.objects.filter(name__in=[HOTLINE_LEAD, PRESS_OFFICER]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('hotline', '0003_hotline_group'),
        ('press', '0002_organisers_manage_press'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='backoffice',
            options={'default_permissions': (), 'managed': False, 'permissions': [('use_back_office', 'Can use the hotline back office and see personal data'), ('erase_personal_data', "Can export and erase a person's data"), ('export_registrations', 'Can export lists of registrations'), ('email_many_registrants', 'Can email many registrants at once')]},
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
