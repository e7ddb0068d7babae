"""What happens to a session after it is published: its state, the log of changes to its
time, room, title or state, and the materials attached to it afterwards.

The change log has one owner: `Session.save()` asks `pending_schedule_change()` before it
writes and saves the returned row in the same transaction, so a change made in admin, by an
import or in a shell is recorded alike. (Not a signal: the rule is visible where the row is
saved, and nothing leaves the machine from here; registrants are told later by the
registration app, which reads the rows whose `notified_at` is empty.)"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SessionState(models.TextChoices):
    # "Cancelled" alone is a registration's state too ("Storniert"); a session is "Abgesagt".
    SCHEDULED = "scheduled", pgettext_lazy("session state", "Scheduled")
    MOVED = "moved", pgettext_lazy("session state", "Moved")
    CANCELLED = "cancelled", pgettext_lazy("session state", "Cancelled")


# The fields whose change visitors and calendars must hear about (attribute names).
TRACKED_FIELDS = ("starts_at", "ends_at", "room_id", "title_en", "title_de", "state")
SNAPSHOT_FIELDS = (*TRACKED_FIELDS, "is_published")


def schedule_snapshot(session):
    """The tracked values as loaded, or None when some were deferred (`.only()`)."""
    if any(name not in session.__dict__ for name in SNAPSHOT_FIELDS):
        return None
    return {name: session.__dict__[name] for name in SNAPSHOT_FIELDS}


class ScheduleChange(models.Model):
    """One change of a published session, as visitors and calendar apps should learn of it.
    `before` and `after` hold only what changed: starts_at/ends_at (ISO, UTC), room (its
    name), title ({"en": ..., "de": ...}) and state."""

    conference = models.ForeignKey(
        "Conference",
        on_delete=models.CASCADE,
        related_name="schedule_changes",
        verbose_name=_("conference"),
    )
    session = models.ForeignKey(
        "Session", on_delete=models.CASCADE, related_name="changes", verbose_name=_("session")
    )
    recorded_at = models.DateTimeField(_("changed at"), default=timezone.now)
    sequence = models.PositiveIntegerField(
        _("revision"), help_text=_("The session's iCalendar SEQUENCE after this change.")
    )
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    notified_at = models.DateTimeField(
        _("registrants told at"),
        null=True,
        blank=True,
        help_text=_("Empty until the registrants concerned have been emailed."),
    )

    class Meta:
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["conference", "-recorded_at"]),
            models.Index(
                fields=["recorded_at"], condition=Q(notified_at__isnull=True), name="change_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.session_id} @ {self.recorded_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancellation(self):
        return self.after.get("state") == SessionState.CANCELLED


def _room_name(room_id, rooms):
    if room_id is None:
        return ""
    return rooms.get(room_id, "")


def _public_value(name, values, rooms):
    if name in ("starts_at", "ends_at"):
        return values[name].astimezone(datetime.UTC).isoformat()
    if name == "room_id":
        return _room_name(values[name], rooms)
    return values[name]


def pending_schedule_change(session, before):
    """The change row to save with `session`, or None. Only a session that was and stays
    published (in a published conference) has changes worth telling. A new time or room
    marks a scheduled session "moved"; every recorded change raises its SEQUENCE."""
    if before is None or not (before["is_published"] and session.is_published):
        return None
    if not session.conference.is_published:
        return None
    time_or_room = ("starts_at", "ends_at", "room_id")
    if (
        any(before[name] != getattr(session, name) for name in time_or_room)
        and session.state == SessionState.SCHEDULED == before["state"]
    ):
        session.state = SessionState.MOVED
    changed = [name for name in TRACKED_FIELDS if before[name] != getattr(session, name)]
    if not changed:
        return None
    from .edition import Room

    room_ids = {before["room_id"], session.room_id} - {None}
    rooms = dict(Room.objects.filter(pk__in=room_ids).values_list("pk", "name"))
    now = {name: getattr(session, name) for name in TRACKED_FIELDS}
    old, new = {}, {}
    for name in changed:
        key = {"room_id": "room", "title_en": "title", "title_de": "title"}.get(name, name)
        if key == "title":
            old["title"] = {"en": before["title_en"], "de": before["title_de"]}
            new["title"] = {"en": now["title_en"], "de": now["title_de"]}
            continue
        old[key] = _public_value(name, before, rooms)
        new[key] = _public_value(name, now, rooms)
    session.sequence += 1
    return ScheduleChange(
        conference_id=session.conference_id,
        session=session,
        sequence=session.sequence,
        before=old,
        after=new,
    )


class SessionMaterial(models.Model):
    """Slides (a PDF) or a link attached to a session, usually after it took place."""

    class Kind(models.TextChoices):
        # The values are the frab schedule formats' link types, so exports need no mapping.
        SLIDES = "slides", _("Slides")
        PAPER = "paper", _("Paper")
        MEDIA = "media", _("Recording")
        WEB = "web", _("Link")

    session = models.ForeignKey(
        "Session", on_delete=models.CASCADE, related_name="materials", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SLIDES)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        upload_to="materials/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_is_a_file_or_a_link",
                violation_error_message=_("Attach either a PDF file or a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Attach either a PDF file or a link, not both."))
        if self.file and not getattr(self.file, "_committed", True):
            head = self.file.read(5)
            self.file.seek(0)
            if head != b"%PDF-":
                raise ValidationError({"file": _("This file is not a PDF.")})

    def download_name(self):
        return Path(self.file.name).name
