"""The registration rush benchmark (`make bench-rush`): many people at once register for the
demo conference through two production-like gunicorn servers on PostgreSQL, first while
seats are plenty, then at its last seats, then some cancel. Prints what the README's
"Registration rush benchmark" section describes; exit code 1 only when the benchmark itself
breaks, never for a missed target.

    python -m scripts.bench_rush [--clients 100] [--servers 2] [--workers 3] [--json FILE]
"""

import argparse
import functools
import json
import math
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import astuple, dataclass
from pathlib import Path

import django

from . import environment, journeys, report, servers
from .browser import Balancer
from .environment import BenchmarkBroken

SLUG = "2018-leipzig"  # the demo conference (fixtures/mce-2018-leipzig.json)
# gunicorn.conf.py's workers per server, so the servers are sized as in production.
PRODUCTION_WORKERS = int(os.environ.get("WEB_CONCURRENCY", "3"))
PAUSES = journeys.Pauses()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.bench_rush", description=__doc__)
    add = parser.add_argument
    add("--clients", type=int, default=100, help="people at once (default 100)")
    add("--servers", type=int, default=2, help="gunicorn servers (default 2)")
    add(
        "--workers",
        type=int,
        default=PRODUCTION_WORKERS,
        help=f"sync workers per server (default {PRODUCTION_WORKERS}, as in production)",
    )
    add("--arrivals", type=float, default=660, help="phases A and B: people arriving per minute")
    add("--pause-scale", type=float, default=1, help="phases A and B: × people's pauses (0: none)")
    add("--sign-ups-s", type=int, default=300, help="phase S (no pauses, --clients): sign-ups")
    add("--seats-a", type=int, default=400, help="phase A: free seats per item (default 400)")
    add("--sign-ups-a", type=int, default=400, help="phase A: sign-ups (default 400)")
    add("--seats-b", type=int, default=20, help="phase B: free seats per item, half for the dinner")
    add("--sign-ups-b", type=int, default=600, help="phase B: sign-ups (default 600)")
    add("--cancel-share", type=float, default=0.2, help="of phase A's sign-ups (default 0.2)")
    add("--baseline-requests", type=int, default=600, help="/healthz requests (default 600)")
    add("--form-requests", type=int, default=300, help="form-only GETs (default 300)")
    add("--waiting", type=int, default=1000, help="long waiting list for the query counts")
    add("--probe-seconds", type=float, default=60, help="cap on building that list")
    add("--phase-seconds", type=float, default=90, help="cap per phase (default 90)")
    add("--timeout", type=float, default=30, help="client timeout per request (default 30)")
    add("--database", default="mce_bench_rush", help="dropped and created (mce_bench*)")
    add("--json", type=Path, help="also write the figures as JSON to this file")
    return parser.parse_args(argv)


@dataclass
class Stack:
    """The running site: its gunicorn masters and the task worker."""

    masters: list
    task_worker: servers.Process

    def cpu_seconds(self):
        """(gunicorn workers, task worker) CPU seconds so far."""
        for process in (*self.masters, self.task_worker):
            process.check_running()
        web = sum(servers.workers_cpu_seconds(master) for master in self.masters)
        return web, servers.process_cpu_seconds(self.task_worker)


class Benchmark:
    def __init__(self, args, cleanup, tmp):
        self.args = args
        self.cleanup = cleanup
        self.tmp = tmp
        self.postgres = environment.postgres_server()
        self.ports = [servers.free_port() for _ in range(args.servers)]
        self.env = environment.site_environment(
            database_url=f"{self.postgres}/{args.database}",
            static_root=tmp / "static",
            site_url=f"http://127.0.0.1:{self.ports[0]}",
        )
        self.results = {"settings": self.settings()}

    def settings(self):
        return {
            "conference": SLUG,
            "database": f"{self.postgres}/{self.args.database}",
            "servers": f"{self.args.servers} gunicorn × {self.args.workers} sync workers",
            "clients": self.args.clients,
            "phases A and B": (
                f"{self.args.arrivals:g} people arriving per minute, "
                + f"pausing as people do × {self.args.pause_scale:g}: {PAUSES}"
            ),
            "SIGN_UP_RATE_PER_ADDRESS and _PER_NETWORK": (
                f"{environment.SIGN_UP_RATE} (production: 60/h and 120/h)"
            ),
            "cache": environment.cache_url(),
            "mail": self.env["EMAIL_BACKEND"],
        }

    def run(self):
        environment.check_services(self.postgres)
        worker = environment.worker_command()
        self.results["settings"]["task worker"] = shlex.join(worker)
        self.prepare_database()
        self.results["queries"] = self.probe_queries()
        self.stack = self.start_site(worker)
        self.site = journeys.Site(
            slug=SLUG,
            category=self.database.category_for_all_days(SLUG),
            balancer=Balancer(self.ports),
            timeout=self.args.timeout,
            lookup_tokens=self.database.personal_tokens,
        )
        self.warm_up()
        self.run_phases()
        return self.results

    def prepare_database(self):
        say(f"Creating {self.args.database}, migrating, loading the demo, collecting static")
        environment.create_database(self.postgres, self.args.database)
        self.cleanup.callback(environment.drop_database, self.postgres, self.args.database)
        with ThreadPoolExecutor(1) as meanwhile:
            static = meanwhile.submit(environment.manage, self.env, "collectstatic", "--noinput")
            environment.manage(self.env, "migrate", "--noinput")
            environment.manage(self.env, "load_demo")
            static.result()
        os.environ.update(self.env | {"LOG_LEVEL": "WARNING"})
        django.setup()
        from . import database  # the models load only after django.setup()

        self.database = database

    def probe_queries(self):
        """Query counts on a copy of the fresh demo database, in a process of its own."""
        name = f"{self.args.database}_probe"
        say(f"Counting queries with waiting lists of 0 and up to {self.args.waiting}")
        environment.create_database(self.postgres, name, template=self.args.database)
        out = self.tmp / "queries.json"
        command = [sys.executable, "-m", "scripts.bench_rush.query_probe", SLUG]
        command += [str(self.args.waiting), str(self.args.probe_seconds), str(out)]
        env = self.env | {"DATABASE_URL": f"{self.postgres}/{name}", "LOG_LEVEL": "WARNING"}
        try:
            subprocess.run(command, cwd=environment.REPO, env=env, check=True)
        except subprocess.CalledProcessError as error:
            raise BenchmarkBroken("the query probe failed (see above)") from error
        finally:
            environment.drop_database(self.postgres, name)
        return json.loads(out.read_text())

    def start_site(self, worker):
        say(f"Starting {len(self.ports)} gunicorn server(s) and the task worker")
        logs = self.tmp / "logs"
        logs.mkdir()
        masters, processes = [], []
        self.cleanup.callback(servers.stop_all, processes)  # all started, even if one fails
        for port in self.ports:
            master = servers.start_gunicorn(
                port, workers=self.args.workers, env=self.env, log_dir=logs
            )
            masters.append(master)
            processes.append(master)
        task_worker = servers.start("task worker", worker, env=self.env, log_dir=logs)
        processes.append(task_worker)
        for master, port in zip(masters, self.ports, strict=True):
            servers.wait_until_healthy(master, port)
        return Stack(masters, task_worker)

    def warm_up(self):
        """Every worker loads its templates and connections before anything is measured."""
        count = len(self.ports) * self.args.workers * 3
        for journey in (journeys.health_check, journeys.open_form):
            people = [journeys.Person(f"warm-{n}") for n in range(count)]
            journeys.run_phase(people, journey, self.site, clients=count, cap_seconds=60)

    def measure(self, name, people, journey, *, arrivals=None):
        """Runs the phase with `--clients` people at once, or with people arriving at
        `arrivals` per minute."""
        cap = self.args.phase_seconds
        web_before, worker_before = self.stack.cpu_seconds()
        if arrivals:
            say(f"Phase {name}: {len(people)} people, arriving {arrivals:g} per minute")
            run = journeys.run_arrivals(
                people, journey, self.site, per_minute=arrivals, cap_seconds=cap
            )
        else:
            say(f"Phase {name}: {len(people)} people, {self.args.clients} at once")
            run = journeys.run_phase(
                people, journey, self.site, clients=self.args.clients, cap_seconds=cap
            )
        web_after, worker_after = self.stack.cpu_seconds()
        return {
            "planned": len(people),
            "run": run,
            "web_cpu": web_after - web_before,
            "worker_cpu": worker_after - worker_before,
        }

    def run_phases(self):
        args, phases = self.args, self.results.setdefault("phases", {})
        healthz = people("healthz", args.baseline_requests)
        phases["baseline"] = self.measure("baseline", healthz, journeys.health_check)
        form = people("form", args.form_requests)
        phases["form"] = self.measure("form", form, journeys.open_form)
        # S: the most the site does, every client sending its next request at once.
        phases["S"] = self.sign_up_phase("S", args.sign_ups_s, args.sign_ups_s, args.sign_ups_s)
        # A and B: a rush as people make it, arriving at a steady rate and taking their time.
        paced = self.paced_sign_up()
        phases["A"] = self.sign_up_phase(
            "A", args.seats_a, args.seats_a, args.sign_ups_a, journey=paced, arrivals=args.arrivals
        )
        # At the last seats the dinner fills first: some wait for it while seats are left.
        dinner_b = max(args.seats_b // 2, 1)
        phases["B"] = self.sign_up_phase(
            "B", args.seats_b, dinner_b, args.sign_ups_b, journey=paced, arrivals=args.arrivals
        )
        phases["cancellations"] = self.cancellations(phases["A"], phases["B"])

    def paced_sign_up(self):
        scale = self.args.pause_scale
        pauses = journeys.Pauses(
            *(tuple(seconds * scale for seconds in span) for span in astuple(PAUSES))
        )
        return functools.partial(journeys.sign_up, pauses=pauses)

    def sign_up_phase(self, name, seats, dinner, count, *, journey=journeys.sign_up, arrivals=None):
        self.database.set_free_seats(SLUG, seats=seats, days=seats, dinner=dinner, tables=seats)
        group = people(f"rush-{name.lower()}", count)
        phase = self.measure(name, group, journey, arrivals=arrivals)
        return phase | {
            "free_seats": seats,
            "free_dinner_seats": dinner,
            "people": group,
            "items": self.database.items_held(SLUG),
            "outcomes": self.database.outcomes(SLUG, [person.email for person in group]),
        }

    def cancellations(self, seated_phase, waiting_phase):
        """A share of the people seated in phase A cancel; phase B's people move up."""
        seated = [person for person in seated_phase["people"] if person.signed_up]
        leaving = seated[: math.ceil(len(seated) * self.args.cancel_share)]
        waiting = [person.email for person in waiting_phase["people"]]
        before = self.database.outcomes(SLUG, waiting)[self.database.SEATED]
        phase = self.measure("cancellations", leaving, journeys.cancel)
        after = self.settled_outcomes(waiting)[self.database.SEATED]
        return phase | {"items": self.database.items_held(SLUG), "promoted": after - before}

    def settled_outcomes(self, emails, quiet_seconds=2, cap_seconds=30):
        """Outcomes once promotion has settled (it may run after the commit or in a task)."""
        deadline = time.monotonic() + cap_seconds
        last = self.database.outcomes(SLUG, emails)
        while time.monotonic() < deadline:
            time.sleep(quiet_seconds)
            now = self.database.outcomes(SLUG, emails)
            if now == last:
                break
            last = now
        return last


STARTED = time.monotonic()


def people(prefix, count):
    return [journeys.Person(f"{prefix}-{n:05d}@bench.example.org") for n in range(count)]


def say(message):
    print(f"{time.monotonic() - STARTED:5.0f} s  {message}", file=sys.stderr, flush=True)


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    # Also when started in the background, where the shell makes it ignore SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # Leaving the block stops the processes and drops the databases, then removes tmp.
        with tempfile.TemporaryDirectory(prefix="mce-bench-rush-") as tmp, ExitStack() as cleanup:
            results = Benchmark(args, cleanup, Path(tmp)).run()
            say("Stopping the servers, dropping the databases")
    except BenchmarkBroken as error:
        print(f"The benchmark broke: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted; servers stopped, databases dropped.", file=sys.stderr)
        return 130
    figures = report.figures(results)
    print(report.render(figures))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
