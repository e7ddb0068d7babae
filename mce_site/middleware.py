"""One structured log line per request, on stdout, for the log collector."""

import logging
import time

logger = logging.getLogger("mce_site.requests")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # Query strings can carry personal tokens (manage links), so only the path is logged.
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": getattr(getattr(request, "user", None), "pk", None),
            },
        )
        return response
