"""System checks: a WORKER_JOBS entry that does not import is an error at `manage.py check`
(and in CI), not a surprise in the worker's log."""

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def worker_jobs_import(app_configs, **kwargs):
    errors = []
    for path in settings.WORKER_JOBS:
        try:
            job = import_string(path)
        except ImportError as error:
            errors.append(
                Error(f"WORKER_JOBS: {path} cannot be imported ({error}).", id="outbox.E001")
            )
            continue
        if not callable(job):
            errors.append(Error(f"WORKER_JOBS: {path} is not a function.", id="outbox.E002"))
    return errors
