"""The read-only public API (django-ninja) at /api/v1/, described by /api/v1/openapi.json.

Every operation goes through `open_data_view`: a rate limit per visitor, the public page
cache (kept no longer than the next press embargo), CORS for any origin, ETag and
Last-Modified with 304 answers (conferences/open_data/http.py). Only GET exists."""

import functools

from django.conf import settings
from django.http import JsonResponse
from django_ratelimit.core import is_ratelimited
from ninja import NinjaAPI

from ..open_data.http import add_cors_headers, finish, limit_max_age, set_last_modified
from ..press.caching import press_page_cache
from ..press.queries import seconds_until_next_release
from . import press, programme

RATE_LIMIT_GROUP = "open-data-api"


def open_data_view(view):
    cached = press_page_cache(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_ratelimited(
            request,
            group=RATE_LIMIT_GROUP,
            key="ip",
            rate=settings.OPEN_DATA_API_RATE,
            increment=True,
        ):
            response = JsonResponse({"detail": "Too many requests; try again in a minute."})
            response.status_code = 429
            response["Retry-After"] = "60"
            return add_cors_headers(response)
        response = cached(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Last-Modified"):
            set_last_modified(response)
        seconds = seconds_until_next_release()
        if seconds is not None:  # no client may reuse this past the next embargo's end
            limit_max_age(response, seconds)
        return finish(request, response)

    return wrapper


api = NinjaAPI(
    title=f"{settings.NETWORK_NAME}: open programme data",
    version="1",
    description=(
        "Read-only: conferences, days, rooms, topics, sessions, speakers, World Café tables, "
        "schedule changes and published press releases. Texts come in English and German. "
        "Lists are paged (`page`, `page_size`). Answers carry ETag and Last-Modified; send "
        "If-None-Match or If-Modified-Since to get 304 when nothing changed. Any origin may "
        "read (CORS). Rate limited per address (429 with Retry-After)."
    ),
    urls_namespace="api",
    docs_url=None,  # the interactive page loads scripts from a CDN; the schema is enough
)
api.add_router("/", programme.router)
api.add_router("/", press.router)
api.add_decorator(open_data_view, mode="view")
