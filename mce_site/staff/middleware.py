"""Staff sessions end after settings.STAFF_SESSION_MAX_HOURS at most, and after
STAFF_SESSION_IDLE_MINUTES without a request (a desk left open at the conference)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

STARTED = "staff_session_started"
LAST_SEEN = "staff_session_last_seen"
# The last-seen time is written at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="staff_session_started")
def start_session_clock(sender, request, user, **kwargs):
    """The clock starts at sign-in (written with the new session, no extra query later)."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[LAST_SEEN] = now


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors carry no session cookie: their requests never touch the session.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self._limit(request)
        return self.get_response(request)

    def _limit(self, request):
        now = int(time.time())
        session = request.session
        # A session from before this rule counts from its first request.
        started = session.get(STARTED) or session.setdefault(STARTED, now)
        last_seen = session.get(LAST_SEEN) or session.setdefault(LAST_SEEN, now)
        too_old = now - started > settings.STAFF_SESSION_MAX_HOURS * 3600
        idle = now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
        if too_old or idle:
            logout(request)
        elif now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
