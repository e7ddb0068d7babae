"""Custom questions per conference (Question, QuestionChoice) and registrants' answers.

Roles: "Organisers" add, change and delete questions and their choices (conference
configuration, like participant categories); "Hotline" and "Hotline lead" may only view them
(to explain a question to a caller). Answers are personal data: they have no admin of their
own and are reached only through a registration in the hotline back office."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ORGANISERS = "Organisers"
HOTLINE_GROUPS = ["Hotline", "Hotline lead"]
MODELS = ["question", "questionchoice"]


def _permissions(apps, actions):
    # Django creates permissions after migrate; on a fresh database they do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="registration",
        codename__in=[f"{action}_{model}" for model in MODELS for action in actions],
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    organisers, _created = Group.objects.get_or_create(name=ORGANISERS)
    organisers.permissions.add(*_permissions(apps, ["add", "change", "delete", "view"]))
    for name in HOTLINE_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, ["view"]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps, ["add", "change", "delete", "view"]))
    for group in Group.objects.filter(name__in=[ORGANISERS, *HOTLINE_GROUPS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('conferences', '0010_bilingual_project_name_speaker_organisation_logo_text'),
        ('registration', '0012_press_accreditation'),
        ('hotline', '0004_roles_hotline_lead_and_press_officer'),
    ]

    operations = [
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('short_text', 'Short text'), ('long_text', 'Long text'), ('one_choice', 'One choice'), ('several_choices', 'Several choices'), ('yes_no', 'Yes or no')], max_length=20, verbose_name='kind of answer')),
                ('label', models.CharField(max_length=300, verbose_name='question')),
                ('label_en', models.CharField(max_length=300, null=True, verbose_name='question')),
                ('label_de', models.CharField(max_length=300, null=True, verbose_name='question')),
                ('help', models.CharField(blank=True, help_text='Shown under the question, e.g. what the answer is used for.', max_length=500, verbose_name='help text')),
                ('help_en', models.CharField(blank=True, help_text='Shown under the question, e.g. what the answer is used for.', max_length=500, null=True, verbose_name='help text')),
                ('help_de', models.CharField(blank=True, help_text='Shown under the question, e.g. what the answer is used for.', max_length=500, null=True, verbose_name='help text')),
                ('required', models.BooleanField(default=False, verbose_name='required')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('is_active', models.BooleanField(default=True, help_text='Untick to stop asking (a question people answered cannot be deleted); the answers given stay in the exports.', verbose_name='asked on the forms')),
                ('categories', models.ManyToManyField(blank=True, help_text='None chosen: everyone is asked.', related_name='questions', to='registration.participantcategory', verbose_name='only for these participant categories')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='conferences.conference', verbose_name='conference')),
            ],
            options={
                'verbose_name': 'question',
                'verbose_name_plural': 'questions',
                'ordering': ['conference_id', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QuestionChoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=200, verbose_name='choice')),
                ('label_en', models.CharField(max_length=200, null=True, verbose_name='choice')),
                ('label_de', models.CharField(max_length=200, null=True, verbose_name='choice')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='choices', to='registration.question', verbose_name='question')),
            ],
            options={
                'verbose_name': 'choice',
                'verbose_name_plural': 'choices',
                'ordering': ['question_id', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.JSONField(verbose_name='answer')),
                ('answered_at', models.DateTimeField(auto_now=True, verbose_name='answered')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='registration.registration', verbose_name='registration')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='registration.question', verbose_name='question')),
            ],
            options={
                'verbose_name': 'answer',
                'verbose_name_plural': 'answers',
                'constraints': [models.UniqueConstraint(fields=('registration', 'question'), name='one_answer_per_question')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
