"""Site-wide views: health check, legal pages, rate-limit answer."""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's). The
    address is resolved per request: the hashed name exists only after collectstatic."""
    return HttpResponseRedirect(static("img/favicon.svg"))


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability. Expires moves
    with the calendar, so the file never goes stale."""
    expires = timezone.now().astimezone(datetime.UTC).date() + datetime.timedelta(
        days=settings.SECURITY_TXT_VALID_DAYS
    )
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}T00:00:00Z",
        "Preferred-Languages: en, de",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def rate_limited(request, exception):
    """django-ratelimit sends blocked requests here: a page, not a bare 403."""
    return render(request, "429.html", status=429)


def server_error(request):
    """The 500 page in the site's design. Rendered without the request's context processors
    (one of them may be what failed), but with the hotline so people can still reach us."""
    template = loader.get_template("500.html")
    context = {"hotline": settings.HOTLINE, "network_name": settings.NETWORK_NAME}
    return HttpResponseServerError(template.render(context))
