"""Emails still queued as django-tasks tasks (the queue before the outbox) become outbox rows,
so switching to the outbox loses none. The old table is left alone (drop it by hand once this
ran: DROP TABLE django_tasks_database_dbtaskresult)."""

import json

from django.db import migrations
from django.utils import timezone

OLD_TABLE = "django_tasks_database_dbtaskresult"
OLD_TASK = "registration.tasks.send_registration_email_task"


def queued_task_emails(connection):
    """(task id, registration id, kind) of each email task that never finished."""
    if OLD_TABLE not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, args_kwargs FROM {OLD_TABLE} "  # noqa: S608 (a constant)
            "WHERE task_path = %s AND status IN ('READY', 'RUNNING')",
            [OLD_TASK],
        )
        rows = cursor.fetchall()
    emails = []
    for task_id, args_kwargs in rows:
        arguments = json.loads(args_kwargs) if isinstance(args_kwargs, str) else args_kwargs
        registration_id, kind = arguments["args"][:2]
        emails.append((str(task_id), registration_id, kind))
    return emails


def adopt_queued_tasks(apps, schema_editor):
    OutboxEmail = apps.get_model("outbox", "OutboxEmail")
    Registration = apps.get_model("registration", "Registration")
    now = timezone.now()
    for task_id, registration_id, kind in queued_task_emails(schema_editor.connection):
        registration = Registration.objects.filter(pk=registration_id).first()
        if registration is None:
            continue
        OutboxEmail.objects.get_or_create(
            idempotency_key=f"django-tasks:{task_id}",
            defaults={
                "registration": registration,
                "kind": kind,
                "language": registration.language,
                "next_attempt_at": now,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial")]

    operations = [migrations.RunPython(adopt_queued_tasks, migrations.RunPython.noop)]
