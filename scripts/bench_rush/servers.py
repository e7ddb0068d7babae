"""The processes under test: gunicorn servers and the task worker, started like production,
stopped whatever happens, and their CPU time read from /proc (Linux)."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

from .environment import REPO, BenchmarkBroken

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
STARTUP_SECONDS = 60
STOP_SECONDS = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: object

    @property
    def pid(self):
        return self.popen.pid

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def check_running(self):
        if self.popen.poll() is not None:
            raise BenchmarkBroken(
                f"{self.name} exited ({self.popen.returncode}):\n{self.log_tail()}"
            )


def stop_all(processes):
    """SIGTERM to all at once (gunicorn and db_worker stop gracefully), SIGKILL to stragglers."""
    running = [process.popen for process in processes if process.popen.poll() is None]
    for popen in running:
        popen.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for popen in running:
        try:
            popen.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.wait()


def start(name, command, *, env, log_dir):
    log_path = log_dir / f"{name.replace(' ', '-')}.log"
    with open(log_path, "wb") as log:
        popen = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the benchmark, which stops them in order
        )
    return Process(name, popen, log_path)


def start_gunicorn(port, *, workers, env, log_dir):
    """The README's production command: sync workers, access log on stdout."""
    command = [sys.executable, "-m", "gunicorn", "mce_site.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-"]
    return start(f"gunicorn {port}", command, env=env, log_dir=log_dir)


def wait_until_healthy(process, port):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        process.check_running()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise BenchmarkBroken(f"{process.name} did not answer /healthz:\n{process.log_tail()}")


def _stat(pid):
    """(ppid, own CPU seconds, CPU seconds of its exited children) from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ppid, utime, stime, cutime, cstime = (int(fields[i]) for i in (1, 11, 12, 13, 14))
    return ppid, (utime + stime) / CLOCK_TICKS, (cutime + cstime) / CLOCK_TICKS


def _children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if _stat(entry)[0] == pid:
                    found.append(int(entry))
            except (OSError, IndexError):
                continue  # exited while we looked
    return found


def workers_cpu_seconds(master):
    """CPU seconds of every worker a gunicorn master has had: the live ones' own time plus
    what the master collected from workers that exited (restarted after a timeout)."""
    total = _stat(master.pid)[2]
    for pid in _children(master.pid):
        try:
            total += _stat(pid)[1]
        except OSError:
            continue
    return total


def process_cpu_seconds(process):
    _, own, children = _stat(process.pid)
    return own + children
