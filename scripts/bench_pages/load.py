"""Requests against one server and what they cost it: a fixed number of GETs of one path from
a few client threads, with the CPU seconds its gunicorn workers spent meanwhile (from /proc,
so the figure holds while other programs share the machine)."""

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from scripts.bench_rush import servers
from scripts.bench_rush.environment import BenchmarkBroken

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_encoding: str


@dataclass(frozen=True)
class Measurement:
    requests: int
    wall_seconds: float
    cpu_seconds: float
    body_bytes: int

    @property
    def cpu_ms(self):
        return self.cpu_seconds * 1000 / self.requests

    @property
    def per_second(self):
        return self.requests / self.wall_seconds if self.wall_seconds else 0.0


@dataclass(frozen=True)
class Server:
    name: str
    process: servers.Process
    port: int


def fetch(port, path, headers=None):
    """One GET on a connection of its own (sync workers close every connection anyway)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.read(), response.getheader("Content-Encoding", ""))
    finally:
        connection.close()


def _fetch_ok(server, path):
    answer = fetch(server.port, path)
    if answer.status != 200:
        server.process.check_running()
        raise BenchmarkBroken(f"{server.name}: {path} answered {answer.status}")
    return len(answer.body)


def measure(server, path, *, requests, clients, warm_up):
    """`warm_up` requests first (each worker loads templates, fills its cache), then
    `requests` measured ones from `clients` threads at once."""
    for _ in range(warm_up):
        _fetch_ok(server, path)
    before = servers.workers_cpu_seconds(server.process)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        sizes = list(pool.map(lambda _: _fetch_ok(server, path), range(requests)))
    wall = time.perf_counter() - started
    cpu = servers.workers_cpu_seconds(server.process) - before
    return Measurement(requests, wall, cpu, sizes[-1])
