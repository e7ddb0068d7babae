"""The worker: each turn writes a heartbeat and runs every job of WORKER_JOBS; a failing job
is logged and the others still run."""

import logging
import threading

import pytest
from django.core.checks import run_checks
from django.core.management import call_command

from registration.emails import send_registration_email
from registration.outbox.models import OutboxEmail, WorkerHeartbeat
from registration.outbox.worker import run_worker

pytestmark = pytest.mark.django_db

ran = []


def first_job():
    ran.append("first")


def failing_job():
    raise RuntimeError("the sweep broke")


def last_job():
    ran.append("last")


@pytest.fixture
def jobs(settings):
    ran.clear()
    settings.WORKER_JOBS = [
        "tests.outbox.test_worker.first_job",
        "tests.outbox.test_worker.failing_job",
        "tests.outbox.test_worker.last_job",
    ]
    return settings.WORKER_JOBS


def test_one_turn_beats_and_runs_every_job_even_after_one_fails(jobs, caplog):
    with caplog.at_level(logging.ERROR, logger="registration.outbox.worker"):
        run_worker(once=True)
    assert ran == ["first", "last"]
    [record] = caplog.records
    assert record.getMessage() == "worker job tests.outbox.test_worker.failing_job failed"
    assert "the sweep broke" in record.exc_text
    assert WorkerHeartbeat.objects.get().beat_at is not None


def test_the_worker_loops_until_asked_to_stop_after_the_current_job(jobs):
    stop = threading.Event()
    turns = []

    def count_turns():
        turns.append(1)
        if len(turns) == 3:
            stop.set()

    run_worker(interval=0, stop=stop, jobs=[("count", count_turns)])
    assert len(turns) == 3


def test_the_worker_command_sends_due_emails(registration, mailoutbox):
    email = send_registration_email(registration=registration, kind="confirmed")
    call_command("run_worker", "--once")
    email.refresh_from_db()
    assert email.state == OutboxEmail.State.SENT
    assert [m.to for m in mailoutbox] == [["zoe@example.org"]]


def test_the_default_jobs_include_sending_the_outbox(settings):
    assert "registration.outbox.sending.send_due_emails" in settings.WORKER_JOBS


def test_a_job_that_does_not_import_is_a_check_error(settings):
    settings.WORKER_JOBS = ["registration.outbox.sending.no_such_job"]
    errors = [e for e in run_checks() if e.id == "outbox.E001"]
    assert len(errors) == 1
    assert "no_such_job" in errors[0].msg
