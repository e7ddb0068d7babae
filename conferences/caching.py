"""The public page cache: anonymous visitors get a stored copy of public pages; a save by an
organiser in admin clears every stored page at once.

Clearing works by versioning: every cache key carries a version number kept in the cache itself;
`clear_public_pages()` bumps it, so all pages stored under the old number are never read again
(they expire by themselves). This works with any cache backend, Redis included, without
deleting keys by pattern."""

import datetime
import functools
import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver
from django.utils import timezone, translation
from django.utils.translation import get_language

from mce_site.compression import accepts_gzip, compress_response

VERSION_KEY = "public-pages:version"
CHANGED_AT_KEY = "public-pages:changed-at"
_SHORTER_TIMEOUT_ATTR = "public_cache_seconds"
_STORED_FOR_ATTR = "public_cache_stored_for"  # set on the answer public_page_cache stored

# The query parameters public pages read (pagination, the programme's filter), each with the
# shape of the values they accept. Every other parameter is left out of the cache key (no view
# reads it), and a page asked for with a malformed value is served but not stored, so random
# query strings cannot fill the cache. Views store nothing for a well-formed but unknown value
# either (see `shorten_public_cache(response, 0)` in the programme and the press lists).
CACHED_QUERY_PARAMETERS = {
    "page": re.compile(r"[1-9][0-9]{0,3}"),
    "day": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "topic": re.compile(r"[-a-z0-9]{1,50}"),
    # The open data API's filters and paging (conferences/api/).
    "kind": re.compile(r"[-a-z_]{1,30}"),
    "state": re.compile(r"[-a-z_]{1,30}"),
    "limit": re.compile(r"[0-9]{1,4}"),
    "offset": re.compile(r"[0-9]{1,7}"),
    "page_size": re.compile(r"[0-9]{1,4}"),
    "conference": re.compile(r"[-a-z0-9]{1,50}"),
    "language": re.compile(r"[a-z]{2}"),
}


def clear_public_pages():
    """Makes every public page cached so far stale: the next visitor sees fresh content."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (first clear, or the cache was flushed)
        cache.set(VERSION_KEY, 2, timeout=None)
    cache.set(CHANGED_AT_KEY, timezone.now().timestamp(), timeout=None)


def public_pages_changed_at():
    """When public content was last changed (the last clear), as a datetime: a lower bound
    for Last-Modified that also covers deletions, which leave no row to ask. Unknown after a
    cache flush: then the first moment asked, which errs on the side of "changed"."""
    now = timezone.now().timestamp()
    cache.add(CHANGED_AT_KEY, now, timeout=None)
    stamp = cache.get(CHANGED_AT_KEY) or now
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)


def versioned_key(*parts, prefix="public-pages"):
    """A cache key that every clear of the public pages makes stale (see above)."""
    return ":".join([prefix, str(_current_version()), *map(str, parts)])


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _cached_query(request):
    """The parameters that choose what a public page shows, in a fixed order; None when one
    of them is malformed (or repeated), so the page is not stored."""
    chosen = []
    for name, shape in CACHED_QUERY_PARAMETERS.items():
        values = request.GET.getlist(name)
        if not values:
            continue
        if len(values) > 1 or not shape.fullmatch(values[0]):
            return None
        chosen.append((name, values[0]))
    return urlencode(chosen)


def _cache_key(request, query, *, language=None, prefix="public-pages"):
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    encoding = "gzip" if accepts_gzip(request) else "identity"
    language = language or get_language()
    return f"{prefix}:{_current_version()}:{language}:{encoding}:{digest}"


def _is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False  # staff see drafts and previews; never store or serve those
    # A page with a flash message (e.g. after registering) is for one visitor only. len()
    # does not mark the messages as read, iterating would.
    return len(messages.get_messages(request)) == 0


def shorten_public_cache(response, seconds):
    """A view asks for a shorter lifetime, e.g. an event page whose registration state will
    change at a known time (opening or closing of the window)."""
    current = getattr(response, _SHORTER_TIMEOUT_ATTR, None)
    seconds = max(int(seconds), 0)
    setattr(response, _SHORTER_TIMEOUT_ATTR, seconds if current is None else min(current, seconds))
    return response


def public_page_cache(view):
    """Caches a public view's successful answers for anonymous GETs, per path, the query
    parameters pages read (CACHED_QUERY_PARAMETERS) and language, for
    settings.PAGE_CACHE_SECONDS (or less, see `shorten_public_cache`)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        query = _cached_query(request) if _is_cacheable_request(request) else None
        if query is None:
            return view(request, *args, **kwargs)
        key = _cache_key(request, query)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        timeout = getattr(response, _SHORTER_TIMEOUT_ATTR, settings.PAGE_CACHE_SECONDS)
        timeout = min(timeout, settings.PAGE_CACHE_SECONDS)
        if response.status_code == 200 and not response.streaming and timeout > 0:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if not response.cookies:  # a response setting cookies belongs to one visitor
                # Stored compressed for clients that take gzip (see mce_site/compression.py).
                response = compress_response(request, response)
                cache.set(key, response, timeout)
                setattr(response, _STORED_FOR_ATTR, timeout)  # after the copy: not stored
        return response

    return wrapper


class StoredPublicPagesMiddleware:
    """Serves the stored public pages before the session, language, CSRF, authentication,
    two-factor, messages, history and lock-out middleware run: for an anonymous visitor
    without a session, a message or a conditional request, these decide nothing on a page
    that was stored (`public_page_cache` stores only pages for anonymous visitors without
    messages). Placed after the request log and the middleware that set security headers,
    which still run for every answer.

    A page is stored here, with the headers the inner middleware added, when
    `public_page_cache` has just stored it for the same visitor, under the same version and
    for the same time, and only when its address fixes its language (the pages under the
    language prefixes; the language of the others follows Accept-Language, which only the
    locale middleware reads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        servable = self._language_and_query(request)
        if servable is None:
            return self.get_response(request)
        language, query = servable
        key = _cache_key(request, query, language=language, prefix="stored-public-pages")
        stored = cache.get(key)
        if stored is not None:
            request.stored_page_route = getattr(stored, "route", None)
            return stored
        response = self.get_response(request)
        timeout = getattr(response, _STORED_FOR_ATTR, None)
        if timeout and not response.cookies and _has_language_path(request, language):
            response.route = getattr(request.resolver_match, "route", None)
            cache.set(key, response, timeout)
        return response

    def _language_and_query(self, request):
        """(language, query of the key) of the page asked for, or None when the visitor may
        not be served a stored page here."""
        if request.method not in ("GET", "HEAD") or _NOT_ANONYMOUS_COOKIES & request.COOKIES.keys():
            return None
        if any(header in request.META for header in _CONDITIONAL_HEADERS):
            return None  # views that answer 304 (the API's ETag) decide themselves
        query = _cached_query(request)
        if query is None:
            return None
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        return language, query


_NOT_ANONYMOUS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}  # messages: cookie storage
_CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def _has_language_path(request, language):
    """The page is one of the i18n_patterns: its address says it is in `language`."""
    resolver = _language_prefixed_urls(getattr(request, "urlconf", None) or settings.ROOT_URLCONF)
    if resolver is None:
        return False
    try:  # below the root's "/"; the prefix matched is the active language's
        with translation.override(language):
            return resolver.resolve(request.path_info[1:]) is not None
    except Resolver404:
        return False


@functools.cache
def _language_prefixed_urls(urlconf):
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            return pattern
    return None


def _clear_now_and_after_commit():
    # Now, so the organiser's next look shows the change; and again after the commit, so a
    # page rendered from the old rows by a visitor meanwhile is not kept.
    clear_public_pages()
    transaction.on_commit(clear_public_pages)


class ClearsPublicPagesOnSaveMixin:
    """For every ModelAdmin (and the admin of press releases) whose rows appear on public
    pages: any save, inline save or delete in admin clears the public page cache."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _clear_now_and_after_commit()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _clear_now_and_after_commit()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _clear_now_and_after_commit()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        _clear_now_and_after_commit()
