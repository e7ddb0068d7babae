"""Registrants hear of changes to sessions they will attend.

The programme app records every change of a published session (conferences/models/changes.py)
with `notified_at` empty; this module, run by cron (`manage.py notify_schedule_changes`),
emails each registrant concerned once per run, whatever the number of changes, through the
one door for mail (`send_registration_email`, kind "schedule_changed"), and marks the changes
told in the same transaction. A crash before the commit leaves them untold for the next run;
the email is queued only after the commit (see registration/emails.py).

Who is concerned: confirmed registrants who hold a seat of the session's day (of the gala
dinner, for the dinner) — the sessions their personal calendar holds (registration/calendars.py).
When the personal agenda of the attendee self-service issue lands, `registrations_concerned`
narrows to those who marked the session."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from conferences.models import ScheduleChange, SessionKind

from .emails import send_registration_email
from .models import Registration

KIND = "schedule_changed"


def registrations_concerned(changes):
    """Confirmed registrations that hold at least one of the changed sessions."""
    wanted = Q(pk__in=[])
    for change in changes:
        session = change.session
        if session.kind == SessionKind.SOCIAL:  # the gala dinner: those holding a dinner seat
            seat = Q(bookings__item__kind="dinner")
        else:
            seat = Q(bookings__item__day_id=session.day_id)
        wanted |= Q(conference_id=session.conference_id) & seat & Q(bookings__state="held")
    return (
        Registration.objects.filter(wanted, status=Registration.Status.CONFIRMED)
        .select_related("conference")
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def notify_schedule_changes(*, now=None):
    """Emails every registrant concerned by changes not yet told, once; returns how many
    emails were queued. Another run at the same time skips the rows this one holds."""
    now = now or timezone.now()
    changes = list(
        ScheduleChange.objects.filter(notified_at__isnull=True)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("session")
        .order_by("recorded_at", "pk")
    )
    if not changes:
        return 0
    queued = 0
    for registration in registrations_concerned(changes):
        send_registration_email(registration=registration, kind=KIND)
        queued += 1
    ScheduleChange.objects.filter(pk__in=[c.pk for c in changes]).update(notified_at=now)
    return queued


def changes_told_to(registration):
    """The changes of the registrant's sessions in the latest run that told them: what their
    "schedule changed" email lists (it is rendered later, by the email worker)."""
    mine = ScheduleChange.objects.filter(
        conference_id=registration.conference_id,
        notified_at__isnull=False,
        session__is_published=True,
        session__day__in=registration.days.all(),
    )
    if not registration.gala_dinner:
        mine = mine.exclude(session__kind=SessionKind.SOCIAL)
    latest = mine.order_by("-notified_at").values_list("notified_at", flat=True).first()
    if latest is None:
        return []
    return list(
        mine.filter(notified_at=latest)
        .select_related("session__conference", "session__room")
        .order_by("recorded_at", "pk")
    )
