"""Keeps the demo's embargoed press release under embargo when the demo editions move ahead
(see conferences.demo.shift_demo_editions)."""

import datetime

from django.utils import timezone

from .models import EMBARGO_TIME_ZONE


def shift_embargoed_releases(*, conference, delta):
    """Moves the releases of a moved demo edition that carry an embargo by `delta`, at the
    same Berlin wall-clock time (an embargo "until 10:00" stays 10:00 across daylight saving).
    Releases without an embargo are dated documents and keep their real dates."""
    if not delta:
        return
    for release in conference.press_releases.filter(embargo_until__isnull=False):
        release.released_at = _shift_local(release.released_at, delta)
        release.embargo_until = _shift_local(release.embargo_until, delta)
        release.save(update_fields=["released_at", "embargo_until", "updated_at"])


def _shift_local(moment, delta):
    local = timezone.localtime(moment, EMBARGO_TIME_ZONE)
    return datetime.datetime.combine(local.date() + delta, local.time(), tzinfo=EMBARGO_TIME_ZONE)
