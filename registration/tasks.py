"""Background tasks (django-tasks). They take ids, never objects: the worker loads fresh rows."""

from django_tasks import task

from .emails import deliver_registration_email


@task()
def send_registration_email_task(registration_id, kind, attempt=1):
    deliver_registration_email(registration_id=registration_id, kind=kind, attempt=attempt)
