"""The worker as real OS processes sending to a real SMTP server on this machine: killed with
SIGKILL at random moments it loses nothing and leaves nothing claimed; an SMTP server that
refuses for a while gets every email once when it accepts again.

The worker processes use the test's database: PostgreSQL's test database itself, or for
SQLite (in memory in tests) a file copy that is copied back for the assertions."""

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from registration.emails import send_registration_email
from registration.models import Registration
from registration.outbox.models import OutboxEmail
from registration.outbox.smtp_sink import SmtpSink
from tests.factories import make_conference, make_registration

pytestmark = [pytest.mark.processes, pytest.mark.django_db(transaction=True)]

PROJECT_DIR = Path(__file__).resolve().parents[2]
ACCEPTED = re.compile(r'"message": "accepted (\d+)"')
OUTBOX_ID = re.compile(r"<outbox-(\d+)\.")


@contextmanager
def database_for_workers(tmp_path):
    """The DATABASE_URL under which worker processes see this test's database."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        user = quote(db["USER"] or "")
        password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        yield f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        return
    path = tmp_path / "workers.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    yield f"sqlite:///{path}"
    with sqlite3.connect(path) as copy:
        copy.backup(connection.connection)


def worker_environment(database_url, sink, **settings):
    """Only this test's database and SMTP server, whatever the shell or a .env file says."""
    ours = ("DATABASE_URL", "EMAIL_", "ANYMAIL_", "OUTBOX_", "WORKER_", "DJANGO_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
    return env | {
        "DJANGO_SETTINGS_MODULE": "mce_site.settings.dev",
        "DEBUG": "false",
        "LOG_LEVEL": "INFO",
        "DATABASE_URL": database_url,
        "EMAIL_PROVIDER": "",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": "false",
        "EMAIL_USE_SSL": "false",
        "WORKER_INTERVAL_SECONDS": "0.2",
        **{key: str(value) for key, value in settings.items()},
    }


def start_worker(env, log_path):
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def accepted_ids(log_path):
    return [int(match) for match in ACCEPTED.findall(log_path.read_text(errors="replace"))]


def wait_for(condition, *, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.01)


def stop_worker(worker):
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0


def queue_emails(count):
    conference = make_conference(capacity=count)
    return {
        send_registration_email(
            registration=make_registration(conference, email=f"person-{n}@example.org"),
            kind="confirmed",
        ).pk
        for n in range(count)
    }


def outbox_ids(received):
    return [int(OUTBOX_ID.match(message.message_id).group(1)) for message in received]


def test_workers_killed_at_random_moments_lose_no_email_and_leave_none_claimed(tmp_path):
    emails, kills = 300, 8
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    queued = queue_emails(emails)
    in_flight_at_kill, last_accepted_of_killed = set(), set()
    with SmtpSink() as sink, database_for_workers(tmp_path) as database_url:
        env = worker_environment(database_url, sink, OUTBOX_LEASE_SECONDS=2)
        for run in range(kills):
            log_path = tmp_path / f"worker-{run}.log"
            worker = start_worker(env, log_path)
            wait_for(lambda p=log_path: accepted_ids(p), timeout=30, what="the first send")
            time.sleep(rng.uniform(0, 0.6))
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            time.sleep(0.2)  # the server finishes what the dead worker had handed over
            # Candidates for a duplicate: the email the worker had logged as accepted last (its
            # row perhaps not updated), and the last one the SMTP server accepted (perhaps
            # after the worker had sent it but before it could read the server's answer).
            last_accepted_of_killed.add(accepted_ids(log_path)[-1])
            in_flight_at_kill.add(outbox_ids(sink.snapshot()[-1:])[0])
        final = start_worker(env, tmp_path / "worker-final.log")
        wait_for(lambda: set(outbox_ids(sink.snapshot())) >= queued, timeout=60, what="every email")
        stop_worker(final)
        received = outbox_ids(sink.snapshot())

    copies = Counter(received)
    duplicates = {pk for pk, count in copies.items() if count > 1}
    logged = duplicates & last_accepted_of_killed
    unlogged = duplicates - logged
    print(
        f"\nseed {seed}: {kills} kills, {len(received)} messages for {emails} emails, "
        f"{len(duplicates)} duplicate(s): {len(logged)} logged as accepted before the kill, "
        f"{len(unlogged)} accepted by the SMTP server before the worker read its answer"
    )
    assert set(copies) == queued  # every email arrived
    assert sum(copies.values()) - emails <= kills  # at most one duplicate per kill
    assert unlogged <= in_flight_at_kill
    states = Counter(OutboxEmail.objects.values_list("state", flat=True))
    assert states == {OutboxEmail.State.SENT: emails}  # nothing left claimed or waiting
    assert not OutboxEmail.objects.exclude(claim_token="").exists()
    sent = Registration.objects.filter(email_status=Registration.EmailStatus.SENT).count()
    assert sent == emails


def test_emails_refused_for_a_while_all_arrive_once_the_server_accepts(tmp_path):
    queued = queue_emails(100)  # the outage during 100 sign-ups that was measured on main
    with SmtpSink() as sink, database_for_workers(tmp_path) as database_url:
        sink.refuse_with = "451 4.3.0 Mail server busy, try again later"
        env = worker_environment(
            database_url, sink, OUTBOX_RETRY_BASE_SECONDS=0.2, OUTBOX_RETRY_CAP_SECONDS=1
        )
        worker = start_worker(env, tmp_path / "worker.log")
        wait_for(lambda: sink.refused >= 2 * len(queued), timeout=60, what="two refusals each")
        sink.refuse_with = None
        wait_for(lambda: set(outbox_ids(sink.snapshot())) >= queued, timeout=60, what="every email")
        stop_worker(worker)
        received = outbox_ids(sink.snapshot())
    assert sorted(received) == sorted(queued)  # each exactly once
    rows = OutboxEmail.objects.values_list("state", "attempts")
    assert {state for state, _attempts in rows} == {OutboxEmail.State.SENT}
    assert min(attempts for _state, attempts in rows) >= 2
