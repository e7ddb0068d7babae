"""Reads of the schedule change log (written by Session.save(), see models/changes.py): the
changes page, its Atom feed and the emails to registrants show them through here."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import ScheduleChange, SessionState


def published_changes(conference):
    """Changes of the conference's published sessions, newest first."""
    return (
        ScheduleChange.objects.filter(conference=conference, session__is_published=True)
        .select_related("session__conference", "session__room")
        .order_by("-recorded_at", "-pk")
    )


def _local(value, tz):
    return timezone.localtime(datetime.datetime.fromisoformat(value), tz)


def _when(values, tz):
    start = _local(values["starts_at"], tz) if "starts_at" in values else None
    end = _local(values["ends_at"], tz) if "ends_at" in values else None
    if start and end:
        day = date_format(start, "SHORT_WEEKDAY_DATE_FORMAT")
        return f"{day}, {time_format(start)}–{time_format(end)}"
    if start:
        return date_format(start, "SHORT_WEEKDAY_DATETIME_FORMAT")
    return _("ends %(time)s") % {"time": time_format(end)}


def _title(values):
    title = values["title"]
    return title.get(get_language()) or title.get("en", "")


def describe(change, *, tz):
    """What changed, one line each, in the active language."""
    before, after = change.before, change.after
    lines = []
    if "state" in after:
        label = SessionState(after["state"]).label
        lines.append(_("Now: %(state)s") % {"state": label})
    if {"starts_at", "ends_at"} & after.keys():
        lines.append(
            _("Time: %(old)s → %(new)s") % {"old": _when(before, tz), "new": _when(after, tz)}
        )
    if "room" in after:
        lines.append(
            _("Room: %(old)s → %(new)s")
            % {"old": before["room"] or _("none"), "new": after["room"] or _("none")}
        )
    if "title" in after:
        lines.append(_("Title: %(old)s → %(new)s") % {"old": _title(before), "new": _title(after)})
    return lines


def with_descriptions(changes, *, tz):
    """(change, lines) pairs for a template."""
    return [(change, describe(change, tz=tz)) for change in changes]
