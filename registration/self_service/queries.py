"""Reads of the self-service rows: the sessions a registrant may put on their agenda, the
ones they marked, and how many people plan to attend each session."""

from django.db.models import Count, Q

from conferences.models import Day
from conferences.queries import visible_sessions
from registration.models import Registration


def held_days(registration):
    """The days the registration holds a seat for (not those it waits for)."""
    return Day.objects.filter(
        capacity_item__bookings__registration=registration,
        capacity_item__bookings__state="held",
    ).order_by("date")


def agenda_choices(registration):
    """Published sessions of the days the registration holds seats for."""
    return visible_sessions(registration.conference).filter(day__in=held_days(registration))


def marked_session_ids(registration):
    return set(registration.agenda_marks.values_list("session_id", flat=True))


def with_interest(sessions):
    """Sessions annotated with `interested`: how many confirmed registrations marked each
    (a cancelled person no longer comes, and only confirmed ones can mark)."""
    confirmed = Q(agenda_marks__registration__status=Registration.Status.CONFIRMED)
    return sessions.annotate(interested=Count("agenda_marks", filter=confirmed))
