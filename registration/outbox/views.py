"""Monitoring of email delivery, apart from /healthz: the load balancer must never take the
site out of service because mail is late."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .queries import last_heartbeat, oldest_due_since


@never_cache
def email_monitor(request):
    """200 while a worker beats and due emails leave in time; 503 when the last heartbeat or
    the oldest due email is older than EMAIL_MONITOR_MAX_HEARTBEAT_AGE / _MAX_DUE_AGE."""
    now = timezone.now()
    beat_at, due_since = last_heartbeat(), oldest_due_since(now)
    heartbeat_age = (now - beat_at).total_seconds() if beat_at else None
    due_age = (now - due_since).total_seconds() if due_since else 0.0
    worker_ok = (
        heartbeat_age is not None and heartbeat_age <= settings.EMAIL_MONITOR_MAX_HEARTBEAT_AGE
    )
    queue_ok = due_age <= settings.EMAIL_MONITOR_MAX_DUE_AGE
    body = {
        "status": "ok" if worker_ok and queue_ok else "late",
        "worker_heartbeat_age_seconds": _round(heartbeat_age),
        "oldest_due_email_age_seconds": _round(due_age),
        "max_heartbeat_age_seconds": settings.EMAIL_MONITOR_MAX_HEARTBEAT_AGE,
        "max_due_email_age_seconds": settings.EMAIL_MONITOR_MAX_DUE_AGE,
    }
    return JsonResponse(body, status=200 if worker_ok and queue_ok else 503)


def _round(seconds):
    return None if seconds is None else round(seconds, 1)
