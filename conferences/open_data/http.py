"""HTTP for open data: any origin may GET it (CORS), and clients revalidate cheaply.

Every export and API answer carries a strong ETag (a digest of the body) and Last-Modified,
and a matching If-None-Match or If-Modified-Since gets 304. The body is computed (or taken
from the public page cache) first, so the ETag is exact: a release that leaves its embargo
changes the body and so the ETag at that second, because no cached body outlives the next
embargo (`press_page_cache`) and `max-age` is capped the same way."""

import functools
import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from ..caching import public_pages_changed_at

# How long a client or proxy may reuse an answer without asking again.
DEFAULT_MAX_AGE = 300
_MAX_AGE_ATTR = "open_data_max_age"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}


def set_last_modified(response, *moments):
    """Last-Modified: the newest of `moments` and the last change of public content."""
    newest = max([public_pages_changed_at(), *(m for m in moments if m is not None)])
    response["Last-Modified"] = http_date(newest.timestamp())
    return response


def limit_max_age(response, seconds):
    """A shorter client lifetime, e.g. until the next press release leaves its embargo."""
    current = getattr(response, _MAX_AGE_ATTR, DEFAULT_MAX_AGE)
    setattr(response, _MAX_AGE_ATTR, max(0, min(current, int(seconds))))
    return response


def add_cors_headers(response):
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def finish(request, response):
    """CORS, validators, lifetime, and 304 when the client's copy is still current."""
    add_cors_headers(response)
    if response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    max_age = getattr(response, _MAX_AGE_ATTR, DEFAULT_MAX_AGE)
    patch_cache_control(response, public=True, max_age=min(max_age, settings.PAGE_CACHE_SECONDS))
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
    return add_cors_headers(answer)  # a 304 is a new response without them


def open_data(view):
    """For views of public data: CORS for any origin, ETag/Last-Modified, 304 answers."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return finish(request, view(request, *args, **kwargs))

    return wrapper
