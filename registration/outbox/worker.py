"""The one background process of the site (`manage.py run_worker`).

Every WORKER_INTERVAL_SECONDS it writes a heartbeat and runs each job of WORKER_JOBS in
turn: dotted paths of functions without arguments, e.g. the outbox's send_due_emails. To add
periodic work (expiring holds, lapsing offers), append its function to WORKER_JOBS. Jobs must
be safe to run again after a crash (the worker may die at any moment) and should return
within seconds to a minute, so the other jobs and the heartbeat keep their pace."""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections, reset_queries
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def load_jobs(paths=None):
    """(path, function) for each configured job; an unknown path fails at start, not later."""
    return [(path, import_string(path)) for path in (paths or settings.WORKER_JOBS)]


def run_worker(*, interval=None, once=False, stop=None, jobs=None):
    """Loops until `stop` is set (after the current job) or, with `once`, after one turn."""
    interval = settings.WORKER_INTERVAL_SECONDS if interval is None else interval
    stop = stop or threading.Event()
    jobs = jobs if jobs is not None else load_jobs()
    logger.info("worker started", extra={"jobs": [path for path, _job in jobs]})
    while True:
        _refresh_connections()
        beat()
        for path, job in jobs:
            run_job(path, job)
            if stop.is_set():
                break
        if once or stop.wait(interval):
            break
    logger.info("worker stopped")


def _refresh_connections():
    """A long-running process drops connections that broke or outlived CONN_MAX_AGE, and
    DEBUG's query log. Never inside a transaction (a test's): that would end it."""
    if not any(connection.in_atomic_block for connection in connections.all()):
        close_old_connections()
    reset_queries()


def run_job(path, job):
    try:
        job()
    except Exception:
        # One failing job (the database away for a moment, a bug in a sweep) must not stop
        # the worker or the other jobs: logged with its traceback, tried again next turn.
        logger.exception("worker job %s failed", path)


def beat(now=None):
    """Records that this worker is alive (the monitoring endpoint reads it)."""
    try:
        WorkerHeartbeat.objects.update_or_create(
            worker=socket.gethostname()[:200],
            defaults={"pid": os.getpid(), "beat_at": now or timezone.now()},
        )
    except DatabaseError:
        logger.exception("worker heartbeat could not be written")
