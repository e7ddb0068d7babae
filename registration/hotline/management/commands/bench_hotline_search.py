"""How fast the hotline finds a registration among 50,000 (PostgreSQL only; not a test).

Creates its own conference with N registrations in bulk, runs representative searches
several times, prints the median and 95th percentile per search, and deletes everything it
created (also when interrupted)."""

import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from conferences.models import Conference, Day, Series
from registration.hotline.queries import search_registrations
from registration.models import ParticipantCategory, Registration

# Names and places as varied as a real attendee list: a few thousand surnames and some
# hundred cities built from syllables, with the real ones the searches look for among them.
SYLLABLES = ["ber", "mann", "ko", "vač", "son", "hei", "ling", "ström", "ès", "tti", "ra", "dó"]
SYLLABLES += ["wal", "ski", "ner", "gaard", "lu", "ci", "fer", "nan", "dez", "holm", "vi", "ak"]
FIRST = ["Anna", "Jürgen", "Zoë", "François", "Łukasz", "Inês", "Ole", "Maria", "Piotr", "Eva"]
FIRST += [f"{a}{b}".title() for a in SYLLABLES[:12] for b in SYLLABLES[12:]]
LAST = ["Müller", "Schmidt", "Dvořák", "Nowak", "García", "Rossi", "Jansen", "Novák", "Berg"]
LAST += [f"{a}{b}{c}".title() for a in SYLLABLES for b in SYLLABLES[:10] for c in SYLLABLES[-12:]]
CITIES = ["Leipzig", "Wien", "Kraków", "Göteborg", "Zürich", "Lisboa", "Brno", "Ghent", "Oslo"]
CITIES += [f"{a}{b}burg".title() for a in SYLLABLES for b in SYLLABLES]
ORGANISATIONS = ["City of", "Municipality of", "Stadt", "Ville de", "University of"]
COUNTRIES = ["DE", "AT", "PL", "SE", "CH", "PT", "CZ", "BE", "NO"]
SEARCHES = [
    ("exact reference", "BENCH-{reference}"),
    ("partial name with a typo", "Schmitd"),
    ("accented name typed without accents", "dvorak"),
    ("email prefix", "person4711@"),
    ("city", "Göteborg"),
    ("first and last name", "Anna Müller"),
]


class Command(BaseCommand):
    help = "Benchmarks the hotline search on N registrations (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, count, repeat, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL (trigram and unaccent indexes); "
                "run it with DATABASE_URL=postgres://..."
            )
        conference = self._create(count)
        try:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE registration_registration")
            self._run(conference, repeat)
        finally:
            self._clean_up(conference)

    def _create(self, count):
        started = time.perf_counter()
        today = timezone.localdate()
        series = Series.objects.create(name="Benchmark", slug="bench-series", short_name="B")
        conference = Conference.objects.create(
            series=series,
            slug="bench-conference",
            title="Benchmark conference",
            start_date=today,
            end_date=today + timedelta(days=2),
            capacity=count,
            booking_prefix="BENCH",
        )
        Day.objects.create(conference=conference, date=today)
        category = ParticipantCategory.objects.create(
            conference=conference, code="bench", name="Bench"
        )
        rng = random.Random(42)
        rows = (
            Registration(
                conference=conference,
                booking_reference=f"BENCH-{n:07d}",
                manage_token=f"bench-{n}-{rng.getrandbits(64)}",
                status=rng.choice(Registration.Status.values),
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST) + ("" if n % 7 else f"-{rng.choice(LAST)}"),
                organisation=f"{rng.choice(ORGANISATIONS)} {city}",
                city=city,
                country=rng.choice(COUNTRIES),
                email=f"person{n}@example.org",
                normalised_email=f"person{n}@example.org",  # bulk_create skips save()
                phone=f"+43171894{n:05d}",
                category=category,
            )
            for n, city in ((n, rng.choice(CITIES)) for n in range(count))
        )
        with transaction.atomic():
            Registration.objects.bulk_create(rows, batch_size=2000)
        self.stdout.write(f"Created {count} registrations in {time.perf_counter() - started:.1f} s")
        return conference

    def _run(self, conference, repeat):
        queryset = Registration.objects.filter(conference=conference)
        reference = f"{random.Random(7).randrange(queryset.count()):07d}"
        self.stdout.write(f"{'search':<40} {'hits':>6} {'median ms':>10} {'p95 ms':>8}")
        for name, template in SEARCHES:
            term = template.format(reference=reference)
            timings, hits = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                # What the changelist does: the first page and the count of all hits.
                results = search_registrations(queryset, term)
                hits = results.count()
                list(results.order_by("-created_at")[:50])
                timings.append((time.perf_counter() - started) * 1000)
            p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
            self.stdout.write(
                f"{name + ' (' + term + ')':<40} {hits:>6} "
                f"{statistics.median(timings):>10.1f} {p95:>8.1f}"
            )

    def _clean_up(self, conference):
        with transaction.atomic():
            Registration.objects.filter(conference=conference).delete()
            series = conference.series
            conference.delete()
            series.delete()
        self.stdout.write("Removed the benchmark data.")
