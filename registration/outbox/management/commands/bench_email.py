"""How fast email leaves through the outbox worker (a benchmark, not a test).

Creates a conference of its own with N confirmed registrations, then measures into a local
SMTP server (aiosmtpd, a development dependency):
- the rendering cost per email (build_message, in this process);
- the baseline: the same N messages, rendered beforehand, sent over one SMTP connection;
- the outbox: N emails queued, sent by one `manage.py run_worker` process.
Throughput is counted at the SMTP server, from its first to its last accepted message, so
the worker's start-up is not in it. Deletes everything it created, also when interrupted."""

import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from conferences.models import Conference, Day, Series
from registration.emails import build_message, send_registration_email
from registration.models import ParticipantCategory, Registration

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class Command(BaseCommand):
    help = "Benchmarks sending emails through the outbox worker into a local SMTP server."

    def add_arguments(self, parser):
        parser.add_argument("--emails", type=int, default=200)
        parser.add_argument("--kind", default="confirmed")
        parser.add_argument("--timeout", type=float, default=300)

    def handle(self, *args, emails, kind, timeout, **options):
        try:
            from registration.outbox.smtp_sink import SmtpSink
        except ImportError as error:
            raise CommandError("needs the development dependencies (aiosmtpd)") from error
        registrations = self._create(emails)
        try:
            with SmtpSink() as sink:
                render_ms = self._render(registrations, kind)
                baseline = self._baseline(registrations, kind, sink)
                worker = self._through_worker(registrations, kind, sink, timeout)
        finally:
            self._clean_up(registrations[0].conference)
        self._report(emails, kind, render_ms, baseline, worker)

    def _create(self, count):
        today = timezone.localdate() + timedelta(days=30)
        series = Series.objects.create(name="Email bench", slug="bench-email", short_name="B")
        conference = Conference.objects.create(
            series=series,
            slug="bench-email",
            title="Email benchmark conference",
            start_date=today,
            end_date=today + timedelta(days=2),
            capacity=count,
            booking_prefix="MAIL",
        )
        days = [
            Day.objects.create(conference=conference, date=today + timedelta(days=n))
            for n in range(3)
        ]
        category = ParticipantCategory.objects.create(
            conference=conference, code="bench", name="Bench"
        )
        with transaction.atomic():
            registrations = Registration.objects.bulk_create(
                Registration(
                    conference=conference,
                    booking_reference=f"MAIL-{n:06d}",
                    manage_token=f"bench-email-{n}",
                    status=Registration.Status.CONFIRMED,
                    language=("en", "de")[n % 2],
                    first_name="Zoë",
                    last_name=f"Łukasiewicz {n}",
                    organisation="City of Leipzig",
                    city="Leipzig",
                    country="DE",
                    email=f"bench{n}@example.org",
                    normalised_email=f"bench{n}@example.org",  # bulk_create skips save()
                    category=category,
                )
                for n in range(count)
            )
            Through = Registration.days.through
            Through.objects.bulk_create(
                Through(registration=registration, day=day)
                for registration in registrations
                for day in days
            )
        return list(Registration.objects.filter(conference=conference).order_by("pk"))

    def _render(self, registrations, kind):
        timings = []
        for registration in registrations:
            started = time.perf_counter()
            build_message(registration=registration, kind=kind)
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    def _baseline(self, registrations, kind, sink):
        messages = [build_message(registration=r, kind=kind) for r in registrations]
        first = len(sink.snapshot())
        mail = get_connection(SMTP_BACKEND, host="127.0.0.1", port=sink.port)
        mail.open()
        for message in messages:
            mail.send_messages([message])
        mail.close()
        return _throughput(sink.snapshot()[first:])

    def _through_worker(self, registrations, kind, sink, timeout):
        with transaction.atomic():
            for registration in registrations:
                send_registration_email(registration=registration, kind=kind)
        first = len(sink.snapshot())
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=settings.BASE_DIR,
            env=self._worker_environment(sink),
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + timeout
            while len(sink.snapshot()) - first < len(registrations):
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise CommandError("the worker stopped or took too long")
                time.sleep(0.05)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
        return _throughput(sink.snapshot()[first:])

    def _worker_environment(self, sink):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "ANYMAIL_"))}
        return env | {
            "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
            "EMAIL_PROVIDER": "",
            "EMAIL_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "LOG_LEVEL": "WARNING",
        }

    def _clean_up(self, conference):
        with transaction.atomic():
            Registration.objects.filter(conference=conference).delete()
            series = conference.series
            conference.delete()
            series.delete()

    def _report(self, emails, kind, render_ms, baseline, worker):
        self.stdout.write(
            f'{emails} "{kind}" emails into a local SMTP server, {connection.vendor} database, '
            f"{os.cpu_count()} CPU(s)"
        )
        self.stdout.write(f"{'':<44} {'emails/s':>9} {'ratio':>6}")
        rows = [
            ("baseline: pre-rendered, one SMTP connection", baseline),
            ("outbox: one run_worker process", worker),
        ]
        for name, rate in rows:
            self.stdout.write(f"{name:<44} {rate:>9.1f} {rate / baseline:>6.2f}")
        p95 = statistics.quantiles(render_ms, n=20)[-1] if len(render_ms) > 1 else render_ms[0]
        self.stdout.write(
            f"rendering per email: {statistics.mean(render_ms):.1f} ms mean, "
            f"{statistics.median(render_ms):.1f} ms median, {p95:.1f} ms p95"
        )


def _throughput(received):
    """Messages per second between the server's first and last accepted message."""
    if len(received) < 2:
        return float("nan")
    return (len(received) - 1) / (received[-1].accepted_at - received[0].accepted_at)
