"""The page benchmark in miniature, end to end: its own SQLite database and three gunicorn
servers with one worker each, a few requests a page; every page answers and the table has a
row for each. Figures are not asserted (a shared machine)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.bench_pages import report

REPO = Path(__file__).resolve().parents[2]
TINY = [
    *("--requests", "2", "--cached-requests", "2", "--floor-requests", "4"),
    *("--clients", "1", "--workers", "1"),
]


@pytest.mark.processes
def test_a_tiny_page_benchmark_measures_every_page(tmp_path):
    out, figures = tmp_path / "bench-pages.md", tmp_path / "bench-pages.json"
    command = [sys.executable, "-m", "scripts.bench_pages", *TINY]
    command += ["--work", str(tmp_path / "work"), "--out", str(out), "--json", str(figures)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(figures.read_text())["pages"]
    names = {page["name"] for page in pages}
    assert set(report.TARGETS_CACHE_OFF) <= names
    assert {"manage page", "speaker page", "programme, 150 sessions"} <= names
    assert all(page["queries"] > 0 and page["off"]["body_bytes"] > 0 for page in pages)
    table = out.read_text()
    assert all(f"| {name} |" in table for name in names)
    assert "Content-Encoding" in table
