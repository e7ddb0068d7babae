"""The site's background worker: sends the email outbox and runs the other WORKER_JOBS.

Run one (or more, on PostgreSQL) next to the web server; `make run` and `make worker` start
it. SIGTERM or Ctrl-C stop it after the current job; a second one stops it at once (safe
too: a claim that is cut short runs out and the email is sent again)."""

import signal
import threading

from django.core.management.base import BaseCommand

from registration.outbox.worker import load_jobs, run_worker


class Command(BaseCommand):
    help = "Run the background worker: send due emails and run the other WORKER_JOBS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between turns (default: WORKER_INTERVAL_SECONDS).",
        )

    def handle(self, *args, once, interval, **options):
        jobs = load_jobs()
        stop = threading.Event()

        def request_stop(signum, frame):
            if stop.is_set():
                raise SystemExit(1)
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        run_worker(interval=interval, once=once, stop=stop, jobs=jobs)
