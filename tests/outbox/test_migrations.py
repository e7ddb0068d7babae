"""Switching from django-tasks to the outbox: emails still queued as tasks become outbox rows."""

import json
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from registration.outbox.models import OutboxEmail
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

adoption = __import__(
    "registration.outbox.migrations.0002_adopt_queued_tasks", fromlist=["adopt_queued_tasks"]
)


@pytest.fixture
def old_task_table():
    """The table django-tasks' database backend left behind (only the columns we read)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {adoption.OLD_TABLE} "
            "(id varchar(36) PRIMARY KEY, status varchar(10), task_path text, args_kwargs text)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {adoption.OLD_TABLE}")


def add_task(status, args, task_path=adoption.OLD_TASK):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {adoption.OLD_TABLE} VALUES (%s, %s, %s, %s)",
            [str(uuid.uuid4()), status, task_path, json.dumps({"args": args, "kwargs": {}})],
        )


def test_unfinished_email_tasks_become_outbox_rows_once(old_task_table, conference):
    ready = make_registration(conference, language="de")
    running = make_registration(conference)
    done = make_registration(conference)
    add_task("READY", [ready.pk, "confirmation_request", 1])
    add_task("RUNNING", [running.pk, "confirmed", 3])
    add_task("SUCCESSFUL", [done.pk, "confirmed", 1])
    add_task("READY", [done.pk], task_path="somewhere.else")
    add_task("READY", [999999, "confirmed", 1])  # registration deleted meanwhile
    migration_context = SimpleNamespace(connection=connection)  # all the step uses of it
    adoption.adopt_queued_tasks(apps, migration_context)
    adoption.adopt_queued_tasks(apps, migration_context)
    rows = OutboxEmail.objects.order_by("kind").values_list(
        "registration", "kind", "language", "state"
    )
    assert list(rows) == [
        (ready.pk, "confirmation_request", "de", "waiting"),
        (running.pk, "confirmed", "en", "waiting"),
    ]


def test_without_the_old_table_nothing_happens(db):
    assert adoption.queued_task_emails(connection) == []
