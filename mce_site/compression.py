"""HTML, JSON, calendars and feeds leave the app gzip-compressed when the client accepts it
(the event page: about 15 KB → 4 KB on the wire). Static files are compressed ahead of time
by WhiteNoise and images are compressed already, so only text answers are compressed here.

Django's GZipMiddleware pads each compressed answer with random bytes (its BREACH
mitigation), and CSRF tokens are masked per response. Public pages are compressed once,
before the page cache stores them (conferences/caching.py), so a cached page costs no
compression per request."""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/ld+json",
    "application/schema+json",
    "application/xhtml+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        return compress_response(request, response)


_gzip = GZipMiddleware(get_response=lambda request: None)


def compress_response(request, response):
    """The answer gzip-compressed when it is text, whole (not streamed) and the client takes
    gzip; else unchanged. Calling it twice compresses once (Content-Encoding is set)."""
    if response.streaming or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
        return response
    return _gzip.process_response(request, response)


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
