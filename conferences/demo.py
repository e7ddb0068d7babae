"""Demo data: the fixtures keep the seeds' real dates (2018/2019); for a newcomer to try the
whole registration at once, the demo loader moves the demo editions into the future."""

import datetime
import math

from django.db import transaction
from django.utils import timezone

from .models import Conference

# The earliest demo edition lands this many days ahead of today (rounded up to whole weeks).
DEMO_LEAD_DAYS = 91

# Callables `hook(conference=..., delta=...)` run after each edition moved, inside the same
# transaction: other apps register theirs with `on_demo_shift` (press releases of a demo
# edition move with it).
_shift_hooks = []


def on_demo_shift(hook):
    """Registers `hook(conference=..., delta=...)` to move an app's own demo rows."""
    if hook not in _shift_hooks:
        _shift_hooks.append(hook)
    return hook


@transaction.atomic
def shift_demo_editions(*, today=None):
    """Moves each demo edition (is_demo) by a whole number of weeks so that it starts
    DEMO_LEAD_DAYS to DEMO_LEAD_DAYS + 6 days after `today`, on its original weekdays: its
    days, sessions (same local wall-clock times, whatever daylight saving does) and a
    registration window open from yesterday until two days before the first day.
    Returns {conference: shift}; a shift is zero when the edition already lies there, so
    running it twice changes nothing."""
    today = today or timezone.localdate()
    now = timezone.now()
    shifts = {}
    for conference in Conference.objects.filter(is_demo=True).order_by("start_date"):
        weeks = math.ceil(((today - conference.start_date).days + DEMO_LEAD_DAYS) / 7)
        delta = datetime.timedelta(weeks=max(weeks, 0))
        _shift_conference(conference, delta, now=now)
        for hook in _shift_hooks:
            hook(conference=conference, delta=delta)
        shifts[conference] = delta
    return shifts


def _shift_conference(conference, delta, *, now):
    tz = conference.tzinfo
    if delta:
        conference.start_date += delta
        conference.end_date += delta
        # Latest first: a day never moves onto a date another day of this edition still holds.
        for day in conference.days.order_by("-date"):
            day.date += delta
            day.save(update_fields=["date"])
        for session in conference.sessions.all():
            session.starts_at = _shift_local(session.starts_at, delta, tz)
            session.ends_at = _shift_local(session.ends_at, delta, tz)
            # Moving demo data is no news: no change log, no email, no new SEQUENCE.
            session.save(update_fields=["starts_at", "ends_at"], record_changes=False)
    closes = datetime.datetime.combine(
        conference.start_date - datetime.timedelta(days=2), datetime.time(23, 59), tzinfo=tz
    )
    conference.registration_opens_at = now - datetime.timedelta(days=1)
    conference.registration_closes_at = max(closes, now + datetime.timedelta(days=1))
    conference.registration_full = False
    conference.save()


def _shift_local(moment, delta, tz):
    local = timezone.localtime(moment, tz)
    return datetime.datetime.combine(local.date() + delta, local.time(), tzinfo=tz)
