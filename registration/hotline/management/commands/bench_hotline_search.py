"""How fast the hotline finds a registration among 50,000 (PostgreSQL only; not a test).

Creates its own conference with N registrations in bulk (with days, tables and categories,
so every filter of the list has something to filter), runs representative searches several
times, then times whole pages (the registrations list with a search and with each filter,
and the dashboard; see _hotline_pages.py), prints the median and 95th percentile of each,
and deletes everything it created (also when interrupted)."""

import gc
import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from conferences.models import Conference, Day, Series, WorldCafeTable
from registration.hotline.queries import search_registrations
from registration.models import ParticipantCategory, Registration

from . import _hotline_pages

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
        parser.add_argument("--repeat", type=int, default=50)
        parser.add_argument("--no-pages", action="store_true", help="time the search function only")

    def handle(self, *args, count, repeat, no_pages, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL (trigram and unaccent indexes); "
                "run it with DATABASE_URL=postgres://..."
            )
        conference = self._create(count)
        try:
            # What autovacuum does soon after a bulk load: statistics, and the visibility map
            # that lets counts read an index alone.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE registration_registration")
                cursor.execute("VACUUM ANALYZE registration_registration_days")
            self._run(conference, repeat)
            if not no_pages:
                self._run_pages(conference, repeat)
        finally:
            _hotline_pages.remove_user()
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
        days = [
            Day.objects.create(conference=conference, date=today + timedelta(days=n))
            for n in range(3)
        ]
        tables = [
            WorldCafeTable.objects.create(conference=conference, number=n, theme=f"Theme {n}")
            for n in range(1, 9)
        ]
        categories = [
            ParticipantCategory.objects.create(conference=conference, code=code, name=code)
            for code in ("member", "guest", "speaker", "press")
        ]
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
                category=rng.choice(categories),
                source=rng.choice(Registration.Source.values),
                gala_dinner=rng.random() < 0.4,
                world_cafe_table=rng.choice([None, *tables]),
                email_status=rng.choice(["", "", "", *Registration.EmailStatus.values]),
            )
            for n, city in ((n, rng.choice(CITIES)) for n in range(count))
        )
        with transaction.atomic():
            created = Registration.objects.bulk_create(rows, batch_size=2000)
            self._link_days(created, days, rng)
            self._spread_over_months(conference)
        self.stdout.write(f"Created {count} registrations in {time.perf_counter() - started:.1f} s")
        return conference

    def _spread_over_months(self, conference):
        """Registrations arrive over the three months before the conference, not in the
        second the benchmark made them (the dashboard counts them per day)."""
        minutes = 90 * 24 * 60
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Registration._meta.db_table} "
                "SET created_at = created_at - (id * 7919 %% %s) * interval '1 minute' "
                "WHERE conference_id = %s",
                [minutes, conference.pk],
            )

    def _link_days(self, registrations, days, rng):
        """One to three days each, as the form allows."""
        link = Registration.days.through
        rows = (
            link(registration_id=registration.pk, day_id=day.pk)
            for registration in registrations
            for day in rng.sample(days, rng.randint(1, len(days)))
        )
        link.objects.bulk_create(rows, batch_size=5000)

    def _run_pages(self, conference, repeat):
        self.stdout.write("")
        # As gunicorn.conf.py's post_worker_init does in production: what is loaded by now is
        # out of the collector's sight, so a full collection does not land in one page's time.
        gc.collect()
        gc.freeze()
        client = _hotline_pages.signed_in_client()
        lines = _hotline_pages.report_lines(
            client, conference, search_term="Schmitd", repeat=repeat
        )
        for line in lines:
            self.stdout.write(line)

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
            p95 = _hotline_pages.p95(timings)
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
