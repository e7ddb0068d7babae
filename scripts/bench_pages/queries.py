"""Queries per page, counted in the benchmark's own process through Django's test client
with the production settings of the servers and the page cache cleared before each request
(the cold, costly case). Import after django.setup()."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conferences.caching import clear_public_pages


def count_each(paths):
    """{path: {"queries": n}}; a page that does not answer 200 breaks the benchmark."""
    from scripts.bench_rush.environment import BenchmarkBroken

    client = Client(SERVER_NAME="localhost")
    counts = {}
    for path in paths:
        client.get(path)  # the first request of a kind loads templates and translations
        clear_public_pages()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise BenchmarkBroken(f"{path} answered {response.status_code} in-process")
        counts[path] = {"queries": len(captured)}
    connection.close()  # the servers have the SQLite file to themselves while measured
    return counts
