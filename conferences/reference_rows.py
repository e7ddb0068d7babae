"""The rows every public page of a conference reads and only an organiser changes: the
conference itself, its topics, days, World Café tables, partners and projects, and the
published sessions with their speakers, kept in the cache between requests.

Each query costs a page about a millisecond, mostly Django compiling it, whether or not the page
itself is cached. These rows are stored under the public pages' version
(`caching.versioned_key`), so the admin save that clears the public pages makes them stale
too, at once. REFERENCE_CACHE_SECONDS bounds how long a change made outside admin (a shell, a
migration) goes unseen, as PAGE_CACHE_SECONDS does for whole pages. The conference row is for
visitors only: staff, who see drafts, read theirs from the database."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects

from . import queries
from .caching import versioned_key


def published_conference(slug):
    """queries.visible_conferences()'s published conference with this slug, or None."""
    return kept(
        ("conference", slug), lambda: queries.visible_conferences().filter(slug=slug).first()
    )


def topics(conference):
    return kept(("topics", conference.pk), lambda: list(conference.topics.all()))


def days(conference):
    return kept(("days", conference.pk), lambda: list(conference.days.all()))


def world_cafe_tables(conference):
    # Ordered within the conference: the default ordering joins the conference to sort.
    return kept(
        ("tables", conference.pk), lambda: list(conference.world_cafe_tables.order_by("number"))
    )


def partners(conference):
    return kept(("partners", conference.pk), lambda: list(conference.partners.all()))


def projects(conference):
    return kept(("projects", conference.pk), lambda: list(conference.projects.all()))


def programme_sessions(conference, *, days, topics):
    """queries.programme_sessions() as visitors see them (published sessions, with their
    speakers; days and topics from the rows above). Staff, who see drafts, read theirs."""
    return kept(
        ("programme", conference.pk),
        lambda: queries.programme_sessions(conference, days=days, topics=topics),
    )


def highlight_sessions(conference, topics):
    """queries.highlight_sessions() as visitors see them (the event page's)."""
    return kept(
        ("highlights", conference.pk), lambda: queries.highlight_sessions(conference, topics)
    )


def session(conference, slug, *, topics):
    """queries.visible_session() as visitors see it, with its speakers and materials."""

    def load():
        found = queries.visible_session(conference, slug, topics=lambda: topics(conference))
        if found is not None:
            prefetch_related_objects([found], "materials")
        return found

    return kept(("session", conference.pk, slug), load)


def kept(parts, load, *, seconds=None, prefix="reference-rows"):
    """load()'s answer, kept under `parts` (which name the rows and what chose them) until
    the next clear of the public pages, or `seconds` (REFERENCE_CACHE_SECONDS) if sooner;
    None is never kept."""
    key = versioned_key(*parts, prefix=prefix)
    rows = cache.get(key)
    if rows is None:
        rows = load()
        if rows is not None:  # an unknown slug is not stored: made-up slugs cannot fill it
            timeout = settings.REFERENCE_CACHE_SECONDS if seconds is None else seconds
            cache.set(key, rows, timeout)
    return rows
