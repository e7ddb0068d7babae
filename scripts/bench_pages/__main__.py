"""The page benchmark (`make bench-pages`): every public page, the registration form and a
manage page served as in production (gunicorn, `settings.prod`, 2 sync workers, SQLite demo
data), once with the page cache off and once on, next to a bare Django page (the floor,
scripts/bench_pages/floor/) in the same run. Prints CPU ms per request from the workers'
process times, requests per second, size, queries, the ratio floor ÷ page and the targets of
issue 13; writes the table to var/bench-pages.md. Exit code 1 only when the benchmark itself
breaks, never for a missed target.

    python -m scripts.bench_pages [--requests 60] [--cached-requests 300] [--json FILE]
"""

import argparse
import json
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import django

from scripts.bench_rush import environment, servers
from scripts.bench_rush.environment import REPO, BenchmarkBroken

from . import load, report

SLUG = "2018-leipzig"  # the demo conference (fixtures/mce-2018-leipzig.json)
# Each worker of a server has its own local-memory cache: no Redis needed, and nothing is
# shared with a developer's site. BENCH_CACHE_URL=redis://... measures with Redis instead.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "locmemcache://bench-pages")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.bench_pages", description=__doc__)
    add = parser.add_argument
    add("--requests", type=int, default=60, help="per page, cache off (default 60)")
    add("--cached-requests", type=int, default=300, help="per page, cache on (default 300)")
    add("--floor-requests", type=int, default=300, help="per floor run (default 300)")
    add("--clients", type=int, default=2, help="client threads at once (default 2)")
    add("--workers", type=int, default=2, help="sync workers per server (default 2)")
    add("--out", type=Path, default=REPO / "var" / "bench-pages.md", help="the table's file")
    add("--work", type=Path, default=REPO / "var" / "bench-pages", help="database, logs")
    add("--json", type=Path, help="also write the figures as JSON to this file")
    return parser.parse_args(argv)


def site_environment(work, port, *, page_cache_seconds):
    env = environment.site_environment(
        database_url=f"sqlite:///{work / 'site.sqlite3'}",
        static_root=work / "static",
        site_url=f"http://127.0.0.1:{port}",
    )
    return env | {"CACHE_URL": CACHE_URL, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}


def prepare_database(work, env):
    """A fresh SQLite file with the demo conferences, and static files collected (the
    manifest storage of production needs them) meanwhile."""
    say(f"Building {work}/site.sqlite3 (migrate, load_demo), collecting static files")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    with ThreadPoolExecutor(1) as meanwhile:
        static = meanwhile.submit(environment.manage, env, "collectstatic", "--noinput")
        environment.manage(env, "migrate", "--noinput")
        environment.manage(env, "load_demo")
        static.result()


def build_pages(env):
    """Adds the 150-session conference and a registration; returns the pages and their
    query counts, counted in this process with the production settings."""
    os.environ.update(env | {"LOG_LEVEL": "WARNING"})
    django.setup()
    from . import pages, queries  # the models load only after django.setup()

    found = pages.build(SLUG)
    return found, queries.count_each([page.path for page in found])


def start_floor(port, *, workers, log_dir):
    """The floor under the same gunicorn settings as the site (gunicorn.conf.py is read from
    the working directory by both), only the application differs."""
    command = [sys.executable, "-m", "gunicorn", "scripts.bench_pages.floor.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-"]
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "scripts.bench_pages.floor.settings"}
    return servers.start("floor", command, env=env, log_dir=log_dir)


def start_servers(args, envs, ports, cleanup):
    logs = args.work / "logs"
    logs.mkdir()
    processes = []
    cleanup.callback(servers.stop_all, processes)  # all started, even if one fails
    running = {}
    for name, env in envs.items():
        process = servers.start_gunicorn(ports[name], workers=args.workers, env=env, log_dir=logs)
        processes.append(process)
        running[name] = load.Server(name, process, ports[name])
    floor = start_floor(ports["floor"], workers=args.workers, log_dir=logs)
    processes.append(floor)
    running["floor"] = load.Server("floor", floor, ports["floor"])
    for server in running.values():
        servers.wait_until_healthy(server.process, server.port)
    return running


def run(args, cleanup):
    ports = {name: servers.free_port() for name in ("off", "on", "floor")}
    envs = {
        "off": site_environment(args.work, ports["off"], page_cache_seconds=0),
        "on": site_environment(args.work, ports["on"], page_cache_seconds=600),
    }
    prepare_database(args.work, envs["off"])
    found, query_counts = build_pages(envs["off"])
    say(f"Starting 3 gunicorn servers × {args.workers} sync workers (cache off, on, floor)")
    running = start_servers(args, envs, ports, cleanup)
    figures = {"settings": settings_line(args), "floor": {"runs_ms": []}, "pages": []}
    measure_floor(args, running["floor"], figures["floor"])
    for page in found:
        figures["pages"].append(measure_page(args, running, page) | query_counts[page.path])
    measure_floor(args, running["floor"], figures["floor"])
    figures["gzip"] = transferred(running["off"].port, found[0].path)
    return figures


def settings_line(args):
    return (
        f"gunicorn × {args.workers} sync workers per server, `mce_site.settings.prod` "
        f"(PRODUCTION_ON_LOOPBACK=1), SQLite demo data, cache {CACHE_URL}; "
        f"{args.clients} client threads; {args.requests} requests a page with the cache off, "
        f"{args.cached_requests} with it on, {args.floor_requests} per floor run. "
        "CPU: the gunicorn workers' user + system time (/proc) ÷ requests."
    )


def measure_floor(args, floor, into):
    """Run before and after the pages: the floor is their mean, the runs show the spread."""
    say("Floor")
    run = load.measure(
        floor, "/", requests=args.floor_requests, clients=args.clients, warm_up=2 * args.workers
    )
    into["runs_ms"].append(run.cpu_ms)
    into.setdefault("measurements", []).append(run)
    runs = into["measurements"]
    into["cpu_ms"] = sum(r.cpu_seconds for r in runs) * 1000 / sum(r.requests for r in runs)
    into["per_second"] = sum(r.requests for r in runs) / sum(r.wall_seconds for r in runs)


def measure_page(args, running, page):
    say(f"{page.name}: {page.path}")
    warm_up = 3 * args.workers
    off = load.measure(
        running["off"], page.path, requests=args.requests, clients=args.clients, warm_up=warm_up
    )
    # A page the cache never serves costs as much with it on: as many requests as off.
    on_requests = args.cached_requests if page.cacheable else args.requests
    on = load.measure(
        running["on"], page.path, requests=on_requests, clients=args.clients, warm_up=warm_up
    )
    return {"name": page.name, "path": page.path, "cacheable": page.cacheable} | {
        "off": figures_of(off),
        "on": figures_of(on),
    }


def figures_of(measurement):
    return {
        "cpu_ms": measurement.cpu_ms,
        "per_second": measurement.per_second,
        "body_bytes": measurement.body_bytes,
        "requests": measurement.requests,
    }


def transferred(port, path):
    """The event page's weight on the wire when the browser accepts gzip (issue 13, point 5)."""
    plain = load.fetch(port, path)
    gzip = load.fetch(port, path, headers={"Accept-Encoding": "gzip"})
    return {
        "bytes": len(gzip.body),
        "content_encoding": gzip.content_encoding,
        "plain_bytes": len(plain.body),
    }


STARTED = time.monotonic()


def say(message):
    print(f"{time.monotonic() - STARTED:5.0f} s  {message}", file=sys.stderr, flush=True)


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with ExitStack() as cleanup:  # leaving it stops the servers
            figures = run(args, cleanup)
            say("Stopping the servers")
    except BenchmarkBroken as error:
        print(f"The benchmark broke: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted; servers stopped.", file=sys.stderr)
        return 130
    figures["floor"].pop("measurements")
    table = report.render(figures)
    print(table)
    args.out.write_text(table)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
