"""CPU cost of each open data export against the programme page, in the same run.

Creates a conference with --sessions sessions (speakers, materials, a recorded change each)
inside a transaction that is rolled back at the end, so the database is left as it was.
Every request runs with the page cache made stale first (a cold cache, the costly case);
CPU is the process time of this process, so the figures hold on a busy machine."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from conferences.caching import clear_public_pages
from conferences.models import (
    Conference,
    Day,
    Room,
    Series,
    Session,
    SessionKind,
    SessionMaterial,
    SessionSpeaker,
    SessionState,
    Speaker,
    Topic,
)

BASELINE = "conferences:programme"
PAGES = [
    BASELINE,
    "conferences:programme_ics",
    "conferences:programme_json",
    "conferences:frab_xml",
    "conferences:frab_json",
    "conferences:xcal",
    "conferences:programme_pdf",
    "conferences:changes",
    "conferences:changes_feed",
]


class Command(BaseCommand):
    help = "Measure the CPU cost per request of each programme export (cold page cache)."

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=150)
        parser.add_argument("--repeat", type=int, default=15)

    def handle(self, *args, sessions, repeat, **options):
        with transaction.atomic():
            slug = _make_conference(sessions)
            rows = [self._measure(name, slug, repeat) for name in PAGES]
            api = self._measure_path(f"/api/v1/conferences/{slug}/sessions?page_size=200", repeat)
            rows.append(("api: sessions (200 a page)", *api))
            transaction.set_rollback(True)
        baseline = rows[0][1]
        self.stdout.write(f"{sessions} sessions, {repeat} requests each, page cache cold\n")
        self.stdout.write(f"{'export':<32} {'CPU ms/request':>15} {'KB':>8} {'× programme':>12}")
        for name, cpu_ms, size in rows:
            ratio = cpu_ms / baseline if baseline else 0
            self.stdout.write(f"{name:<32} {cpu_ms:>15.1f} {size / 1024:>8.1f} {ratio:>12.2f}")

    def _measure(self, name, slug, repeat):
        return (
            name.split(":", 1)[1],
            *self._measure_path(reverse(name, kwargs={"slug": slug}), repeat),
        )

    def _measure_path(self, path, repeat):
        client = Client(SERVER_NAME="localhost")
        samples = []
        size = 0
        with override_settings(OPEN_DATA_API_RATE="100000/m"):
            for _ in range(repeat + 1):
                clear_public_pages()
                started = time.process_time()
                response = client.get(path)
                samples.append((time.process_time() - started) * 1000)
                size = len(response.content)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
        return statistics.median(samples[1:]), size  # the first warms imports


def _make_conference(count):
    now = timezone.now()
    start = timezone.localdate() + datetime.timedelta(days=30)
    series, _ = Series.objects.get_or_create(
        slug="bench-series", defaults={"name": "Benchmark", "short_name": "BEN"}
    )
    conference = Conference.objects.create(
        series=series,
        slug=f"bench-{now:%H%M%S}",
        title="Benchmark conference",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        capacity=100,
        booking_prefix="BEN",
        is_published=True,
    )
    days = [
        Day.objects.create(conference=conference, date=start + datetime.timedelta(days=i))
        for i in range(3)
    ]
    rooms = [Room.objects.create(conference=conference, name=f"Room {i}") for i in range(4)]
    topic = Topic.objects.create(conference=conference, number=1, slug="topic", title="Topic")
    tz = conference.tzinfo
    for n in range(count):
        day = days[n % 3]
        starts = datetime.datetime.combine(day.date, datetime.time(8 + (n // 12) % 12), tzinfo=tz)
        session = Session.objects.create(
            conference=conference,
            day=day,
            slug=f"session-{n}",
            title=f"Session {n}",
            title_de=f"Sitzung {n}",
            kind=SessionKind.PLENARY,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=45),
            room=rooms[n % 4],
            topic=topic,
            description="A session of the benchmark. " * 5,
        )
        for order in range(2):
            speaker = Speaker.objects.create(
                slug=f"bench-{conference.slug}-{n}-{order}", first_name="Renate", last_name=f"S{n}"
            )
            SessionSpeaker.objects.create(session=session, speaker=speaker, order=order)
        SessionMaterial.objects.create(session=session, title="Slides", url="https://example.org")
        session.state = SessionState.MOVED if n % 2 else SessionState.CANCELLED
        session.save()
    return conference.slug
