"""Reusable reads about registrations: who holds a seat, and how many seats are left.

A seat is held by a confirmed registration and by a pending one until it expires (so two
people cannot be promised the same seat while one of them confirms their email). Waiting-list,
cancelled and expired registrations hold nothing."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from conferences.queries import RegistrationState

from .models import Registration

SEAT_HOLDING_STATUSES = (Registration.Status.PENDING, Registration.Status.CONFIRMED)


def takes_web_registrations(conference, state):
    """Whether the web form takes sign-ups in this registration state: while registration
    is open, and also when every seat is held (newcomers join the waiting list), but not
    once organisers close it as full in admin."""
    return (
        state in (RegistrationState.OPEN, RegistrationState.FULL)
        and not conference.registration_full
    )


def seat_holders(conference):
    return Registration.objects.filter(conference=conference, status__in=SEAT_HOLDING_STATUSES)


def seats_left_for_conference(conference):
    return max(conference.capacity - seat_holders(conference).count(), 0)


def seats_left_per_day(conference):
    """{day_id: seats left}; a day without its own capacity has the conference's."""
    held = Q(registrations__status__in=SEAT_HOLDING_STATUSES)
    days = conference.days.annotate(taken=Count("registrations", filter=held))
    return {
        day.pk: max(
            (day.capacity if day.capacity is not None else conference.capacity) - day.taken, 0
        )
        for day in days
    }


def gala_dinner_seats_left(conference):
    """None when the conference has no gala dinner."""
    if conference.gala_dinner_capacity is None:
        return None
    taken = seat_holders(conference).filter(gala_dinner=True).count()
    return max(conference.gala_dinner_capacity - taken, 0)


def seats_left_per_table(conference):
    """{table_id: seats left} counting the registrations assigned to each table."""
    held = Q(registrations__status__in=SEAT_HOLDING_STATUSES)
    tables = conference.world_cafe_tables.annotate(taken=Count("registrations", filter=held))
    return {table.pk: max(table.capacity - table.taken, 0) for table in tables}


@dataclass(frozen=True)
class Availability:
    """Seats left at one moment, for deciding whether a registration fits. Counted inside the
    service's transaction after the conference row is locked, so the answer stays true until
    the transaction commits."""

    conference: object
    conference_left: int
    day_left: dict
    dinner_left: int | None
    table_left: dict

    def shortfalls(self, *, days, gala_dinner):
        """What is full for these choices: [] when the registration fits."""
        full = []
        if self.conference_left <= 0:
            full.append(_("the conference"))
        full.extend(str(day) for day in days if self.day_left.get(day.pk, 0) <= 0)
        if gala_dinner and (self.dinner_left is None or self.dinner_left <= 0):
            full.append(_("the gala dinner"))
        return full

    def table_for(self, *, first_choice, second_choice):
        """The first choice if it has a seat, else the second, else None."""
        for table in (first_choice, second_choice):
            if table is not None and self.table_left.get(table.pk, 0) > 0:
                return table
        return None


def availability(conference, *, excluding=None):
    """Seats left for the conference, each day, the dinner and each table; `excluding` leaves
    one registration's own seats out (to check a change to it)."""
    holders = seat_holders(conference)
    if excluding is not None:
        holders = holders.exclude(pk=excluding.pk)
    day_taken = dict(holders.values_list("days").annotate(n=Count("pk")).order_by())
    table_taken = dict(
        holders.exclude(world_cafe_table=None)
        .values_list("world_cafe_table")
        .annotate(n=Count("pk"))
        .order_by()
    )
    dinner_left = None
    if conference.gala_dinner_capacity is not None:
        dinner_taken = holders.filter(gala_dinner=True).count()
        dinner_left = conference.gala_dinner_capacity - dinner_taken
    return Availability(
        conference=conference,
        conference_left=conference.capacity - holders.count(),
        day_left={
            day.pk: (day.capacity if day.capacity is not None else conference.capacity)
            - day_taken.get(day.pk, 0)
            for day in conference.days.all()
        },
        dinner_left=dinner_left,
        table_left={
            table.pk: table.capacity - table_taken.get(table.pk, 0)
            for table in conference.world_cafe_tables.all()
        },
    )


def waiting_list(conference):
    """Waiting-list registrations in arrival order."""
    return (
        Registration.objects.filter(conference=conference, status=Registration.Status.WAITLISTED)
        .select_related("category", "first_table_choice", "second_table_choice")
        .prefetch_related("days")
        .order_by("waitlisted_at", "pk")
    )


def active_registration_for_email(conference, email):
    """The registration holding or waiting for a seat under this address, if any."""
    return (
        Registration.objects.filter(
            conference=conference, email__iexact=email, status__in=Registration.ACTIVE_STATUSES
        )
        .order_by("pk")
        .first()
    )


def registration_for_manage_page():
    """Registrations with everything the manage page shows."""
    return Registration.objects.select_related(
        "conference__series",
        "category",
        "world_cafe_table",
        "first_table_choice",
        "second_table_choice",
    ).prefetch_related("days")


def waiting_list_position(registration):
    """1 for the first in line; None when not on the waiting list."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        conference_id=registration.conference_id,
        status=Registration.Status.WAITLISTED,
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1
