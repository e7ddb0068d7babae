"""Reads for the back office: finding a registration while the caller waits, and the
figures of the dashboard.

Search on PostgreSQL folds case and accents and tolerates typos through trigram word
similarity over one document per registration (name, email, organisation, city, phone
digits, booking reference); the expression is the one indexed by migration 0002, so a
search over 50,000 registrations is an index scan. SQLite has neither extension: there each
word must appear (case-insensitively) in one of the fields."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, Func, Q, TextField, Value
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from registration.capacity import item_figures
from registration.models import ParticipantCategory, Registration

SEARCH_FIELDS = ("first_name", "last_name", "email", "organisation", "city", "phone")
_PHONE_LIKE = re.compile(r"^[\d\s+()/.-]+$")
_REFERENCE_LIKE = re.compile(r"^[A-Za-z]{2,8}\d*-[A-Za-z0-9]{3,}$")


class SearchDocument(Func):
    """hotline_search_document(...): lower-case, unaccented text of what a caller may say."""

    function = "hotline_search_document"
    output_field = TextField()

    def __init__(self):
        super().__init__(*SEARCH_FIELDS, "booking_reference")


class ContainsFolded(Func):
    """`document LIKE '%word%'`, the word folded like the document (index-assisted)."""

    template = "(%(expressions)s)))"
    arg_joiner = " LIKE hotline_unaccent(lower("
    output_field = BooleanField()


class WordSimilar(Func):
    """`word <% document`: the word is similar to some run of the document (pg_trgm's word
    similarity, default threshold 0.6), which forgives a typo in a name."""

    template = "(hotline_unaccent(lower(%(expressions)s)"
    arg_joiner = ")) <%% "
    output_field = BooleanField()


def search_words(term):
    """The words of a search; a phone number typed with spaces counts as one word."""
    term = " ".join(term.split())
    if not term:
        return []
    if _PHONE_LIKE.match(term) and sum(c.isdigit() for c in term) >= 4:
        return [re.sub(r"\D", "", term)]
    return term.split(" ")


def search_registrations(queryset, term):
    """Registrations of `queryset` matching every word of `term` (see the module docstring).
    An exact booking reference finds that registration only."""
    words = search_words(term)
    if not words:
        return queryset
    if len(words) == 1 and _REFERENCE_LIKE.match(words[0]):
        exact = queryset.filter(booking_reference=words[0].upper())
        if exact.exists():
            return exact
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, words)
    return _search_plain(queryset, words)


def _search_postgresql(queryset, words):
    document = SearchDocument()
    for word in words:
        matches = Q(ContainsFolded(document, Value(f"%{_escape_like(word)}%")))
        if len(word) >= 4 and word.isalpha():
            # Typos are forgiven in names and places; references, emails and numbers must
            # match as typed (and words under four letters have too few trigrams to judge).
            matches |= Q(WordSimilar(Value(word), document))
        queryset = queryset.filter(matches)
    return queryset


def _escape_like(word):
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_plain(queryset, words):
    for word in words:
        matches = Q(booking_reference__icontains=word)
        for field in SEARCH_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


# --- list filters ----------------------------------------------------------------------

# The distinct countries by a loose index scan: each step asks the index for the next country
# after the last one found, so 50,000 registrations from 30 countries cost 31 index probes,
# where SELECT DISTINCT reads every row. Both databases run it (indexes in migration 0005).
_NEXT_COUNTRY = "SELECT MIN(country) FROM {table} WHERE country > found.code {scope}"
_REGISTERED_COUNTRIES = """
    WITH RECURSIVE found(code) AS (
        SELECT MIN(country) FROM {table} WHERE TRUE {scope}
        UNION ALL
        SELECT ({next_country}) FROM found WHERE found.code IS NOT NULL
    )
    SELECT code FROM found WHERE code IS NOT NULL
"""


def registered_countries(conference_id=None):
    """The country codes registrations come from: of one conference, or of all."""
    table = connection.ops.quote_name(Registration._meta.db_table)
    scoped = conference_id is not None
    scope, params = ("AND conference_id = %s", [conference_id]) if scoped else ("", [])
    next_country = _NEXT_COUNTRY.format(table=table, scope=scope)
    query = _REGISTERED_COUNTRIES.format(table=table, scope=scope, next_country=next_country)
    with connection.cursor() as cursor:
        cursor.execute(query, params * 2)
        return {code for (code,) in cursor.fetchall()}


# --- dashboard -------------------------------------------------------------------------


_ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.PENDING)


def _tallies(conference):
    """[(status, country, category name, count)] of the conference's registrations: one pass
    over them, from which the dashboard sums its three tallies (three GROUP BY queries read
    all 50,000 rows three times). Grouped by the category's id, its name looked up after:
    joining the name to every row took three times as long over 50,000."""
    rows = list(
        Registration.objects.filter(conference=conference)
        .values_list("status", "country", "category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # The stored name column, as the join read it (rewrite(False): not modeltranslation's).
    names = dict(
        ParticipantCategory.objects.rewrite(False)
        .filter(pk__in={category for _status, _country, category, _n in rows})
        .order_by()
        .values_list("pk", "name")
    )
    return [(status, country, names.get(category), n) for status, country, category, n in rows]


def _biggest_first(counts):
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def status_counts(conference):
    """{status: count} for every status, zeros included."""
    return _status_counts(_tallies(conference))


def counts_by_category(conference):
    """[(category name, count)] of confirmed and pending registrations, biggest first."""
    return _active_counts(_tallies(conference), by=_CATEGORY)


def counts_by_country(conference):
    """[(Country, count)] of confirmed and pending registrations, biggest first."""
    return _countries(_active_counts(_tallies(conference), by=_COUNTRY))


_COUNTRY, _CATEGORY = 1, 2  # positions in a tally


def _status_counts(tallies):
    counts = dict.fromkeys(Registration.Status.values, 0)
    for status, _country, _category, n in tallies:
        counts[status] += n
    return counts


def _active_counts(tallies, *, by):
    counts = {}
    for tally in tallies:
        if tally[0] in _ACTIVE:
            counts[tally[by]] = counts.get(tally[by], 0) + tally[-1]
    return _biggest_first(counts)


def _countries(rows):
    from django_countries.fields import Country

    return [(Country(code=code), n) for code, n in rows]


def registrations_per_day(conference):
    """[(date, count)] of registrations made each day (in the conference's time zone), from
    the first registration to the last, days without registrations included."""
    rows = dict(
        Registration.objects.filter(conference=conference)
        .annotate(day=TruncDate("created_at", tzinfo=conference.tzinfo))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not rows:
        return []
    first, last = min(rows), max(rows)
    return [
        (first + timedelta(days=i), rows.get(first + timedelta(days=i), 0))
        for i in range((last - first).days + 1)
    ]


# The dashboard's counts read every registration of the conference (two scans of 50,000
# rows, most of the page's time), so they are kept this long and the page says how old
# they are. The seats table comes from the counters the services keep: always live.
COUNTS_SECONDS = 30


def _registration_counts(conference):
    """(tallies, registrations per day, when they were counted), at most COUNTS_SECONDS old."""
    key = f"hotline:dashboard-counts:{conference.pk}:{get_language()}"
    counted = cache.get(key)
    if counted is None:
        counted = (_tallies(conference), registrations_per_day(conference), timezone.now())
        cache.set(key, counted, COUNTS_SECONDS)
    return counted


def forget_dashboard_counts(conference):
    """The next dashboard counts afresh (the benchmark's cold case)."""
    cache.delete_many(
        [f"hotline:dashboard-counts:{conference.pk}:{code}" for code, _ in settings.LANGUAGES]
    )


def dashboard_figures(conference):
    """Everything the dashboard shows, in a fixed number of queries."""
    tallies, per_day, counted_at = _registration_counts(conference)
    by_country = _countries(_active_counts(tallies, by=_COUNTRY))
    items = item_figures(conference)
    return {
        "counted_at": counted_at,
        "counts_seconds": COUNTS_SECONDS,
        "status_counts": _status_counts(tallies),
        "seats_left": items[0]["item"].seats_left if items else 0,
        "items": items,
        "by_category": _active_counts(tallies, by=_CATEGORY),
        "by_country": by_country,
        "country_count": len(by_country),
        "per_day": per_day,
    }
