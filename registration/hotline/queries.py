"""Reads for the back office: finding a registration while the caller waits, and the
figures of the dashboard.

Search on PostgreSQL folds case and accents and tolerates typos through trigram word
similarity over one document per registration (name, email, organisation, city, phone
digits, booking reference); the expression is the one indexed by migration 0002, so a
search over 50,000 registrations is an index scan. SQLite has neither extension: there each
word must appear (case-insensitively) in one of the fields."""

import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, Func, IntegerField, Max, Min, Q, TextField, Value
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
    joining the name to every row took three times as long over 50,000. COUNT(*), not of a
    column: the index registration_conf_tally then answers alone, without the rows."""
    rows = list(
        Registration.objects.filter(conference=conference)
        .values_list("status", "country", "category_id")
        .annotate(n=Count("*"))
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


# The days before today do not change: registrations are never deleted and the time one was
# made is never edited. They are counted once an hour (a bound on changes made outside the
# site); only today's registrations are counted with the other figures, so that recount does
# not grow with the weeks registration has been open.
PAST_DAYS_SECONDS = 3600


def registrations_per_day(conference):
    """[(date, count)] of registrations made each day (in the conference's time zone), from
    the first registration to the last, days without registrations included."""
    registrations = Registration.objects.filter(conference=conference).order_by()
    today = timezone.localdate(timezone=conference.tzinfo)
    midnight = datetime.combine(today, time(), tzinfo=conference.tzinfo)
    key = _past_days_key(conference, today)
    rows = cache.get(key)
    if rows is None:
        rows = _counts_per_day(registrations.filter(created_at__lt=midnight), conference.tzinfo)
        cache.set(key, rows, PAST_DAYS_SECONDS)
    made_today = registrations.filter(created_at__gte=midnight).count()
    if made_today:
        rows = rows | {today: made_today}
    if not rows:
        return []
    first, last = min(rows), max(rows)
    return [
        (first + timedelta(days=i), rows.get(first + timedelta(days=i), 0))
        for i in range((last - first).days + 1)
    ]


def _past_days_key(conference, today):
    return f"hotline:registrations-before:{conference.pk}:{today.isoformat()}"


def _counts_per_day(registrations, tzinfo):
    """{date: count} of `registrations`, each counted in the local day it was made."""
    if connection.vendor == "postgresql":
        return _per_day_between_midnights(registrations, tzinfo)
    return dict(
        registrations.annotate(day=TruncDate("created_at", tzinfo=tzinfo))
        .values_list("day")
        .annotate(n=Count("pk"))
    )


class _DayIndex(Func):
    """width_bucket(created_at, midnights): how many of the (sorted) midnights lie at or
    before the registration, i.e. the index of its day from the first one."""

    function = "width_bucket"
    output_field = IntegerField()


def _per_day_between_midnights(registrations, tzinfo):
    """{date: count} of registrations, each counted in the local day it was made.

    Converting every registration's time to the local date (AT TIME ZONE) was most of the
    dashboard's recount on PostgreSQL; here the local midnights between the first and the
    last registration are worked out once (daylight saving time included) and PostgreSQL
    only compares instants. Two index reads: the span, then the counts."""
    span = registrations.aggregate(first=Min("created_at"), last=Max("created_at"))
    if span["first"] is None:
        return {}
    first = span["first"].astimezone(tzinfo).date()
    days = [
        first + timedelta(days=i)
        for i in range((span["last"].astimezone(tzinfo).date() - first).days + 1)
    ]
    if len(days) == 1:
        return {first: registrations.count()}
    # The first instant of each later day (a midnight skipped by the clocks is the moment
    # they jump: zoneinfo gives it the offset before the change).
    midnights = [datetime.combine(day, time(), tzinfo=tzinfo) for day in days[1:]]
    counts = (
        registrations.annotate(day=_DayIndex("created_at", Value(midnights)))
        .values_list("day")
        .annotate(n=Count("*"))
    )
    return {days[index]: n for index, n in counts}


# The dashboard's tallies read every registration of the conference (an index scan of
# 50,000 entries, the page's biggest cost), so they and today's count are kept this long and
# the page says how old they are. The seats table comes from the counters the services keep:
# always live.
COUNTS_SECONDS = 30


def _registration_counts(conference):
    """(tallies, registrations per day, when they were counted), at most COUNTS_SECONDS old."""
    key = _counts_key(conference, get_language())
    counted = cache.get(key)
    if counted is None:
        counted = (_tallies(conference), registrations_per_day(conference), timezone.now())
        cache.set(key, counted, COUNTS_SECONDS)
    return counted


def _counts_key(conference, language):
    return f"hotline:dashboard-counts:{conference.pk}:{language}"


def forget_dashboard_counts(conference, *, past_days=False):
    """The next dashboard counts afresh, the days before today too if `past_days` (the
    benchmark's cold cases)."""
    keys = [_counts_key(conference, code) for code, _name in settings.LANGUAGES]
    if past_days:
        keys.append(_past_days_key(conference, timezone.localdate(timezone=conference.tzinfo)))
    cache.delete_many(keys)


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
