"""One structured log line per request, on stdout, for the log collector; and the headers
every response carries."""

import logging
import time

from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict

from .log_redaction import redact

logger = logging.getLogger("mce_site.requests")

# Where gunicorn's access log finds the route (`%({mce.route}e)s` in gunicorn.conf.py): the
# WSGI environ is request.META.
ROUTE_ENVIRON_KEY = "mce.route"
UNMATCHED_ROUTE = "<unmatched>"


def request_route(request):
    """The URL pattern that answered, e.g. "registration/<str:token>/": never a token. A page
    served from the stored public pages brings the route it was stored with."""
    match = getattr(request, "resolver_match", None)
    route = match.route if match is not None else getattr(request, "stored_page_route", None)
    return UNMATCHED_ROUTE if route is None else route


def loggable_path(request):
    """The path with every URL parameter whose name mentions a token replaced by its name."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is None:
        return redact(path)
    for name, value in match.kwargs.items():
        if "token" in name and isinstance(value, str) and value:
            path = path.replace(value, f"<{name}>")
    return redact(path)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        route = request_route(request)
        request.META[ROUTE_ENVIRON_KEY] = f"/{route}" if route != UNMATCHED_ROUTE else route
        # Query strings and personal tokens never reach the log: the route, and the path with
        # its tokens replaced.
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": route,
                "path": loggable_path(request),
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": getattr(getattr(request, "user", None), "pk", None),
            },
        )
        return response


class PermissionsPolicyMiddleware:
    """The browser features no page of ours uses are switched off for every page and frame
    (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RejectNulCharactersMiddleware:
    """A NUL character belongs in no address or query, and PostgreSQL refuses it in any text
    (looking up a token that holds one would end in a server error). A path holding one is
    answered 400 before any view sees it; query parameters lose theirs (a filter with a NUL is
    a filter without it). Forms report NULs themselves (Django's form fields refuse them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                "NUL characters are not allowed.", content_type="text/plain"
            )
        if "\x00" in request.META.get("QUERY_STRING", "") or b"%00" in _raw_query(request):
            request.GET = _without_nul(request.GET)
        return self.get_response(request)


def _raw_query(request):
    return request.META.get("QUERY_STRING", "").encode("latin-1", "replace").lower()


def _without_nul(query):
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
