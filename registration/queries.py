"""Reusable reads about registrations: who holds a seat, and how many seats are left.

A seat is held by a confirmed registration and by a pending one until it expires (so two
people cannot be promised the same seat while one of them confirms their email). Waiting-list,
cancelled and expired registrations hold nothing."""

from django.db.models import Count, Q

from .models import Registration

SEAT_HOLDING_STATUSES = (Registration.Status.PENDING, Registration.Status.CONFIRMED)


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
