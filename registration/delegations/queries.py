"""Reads about delegations: the members and where each stands with each capacity item, as the
lead's manage page and the lead's email show them. A fixed number of queries, whatever the
size of the delegation."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from registration.capacity import KIND_ORDER
from registration.models import Booking, Delegation, Registration
from registration.queries import ItemStatus


@dataclass(frozen=True)
class MemberStates:
    """One member as the lead sees them: name, status and per-item states; never their
    manage link or confirmation link (those are the member's own)."""

    registration: Registration
    lines: list

    @property
    def awaits_confirmation(self):
        return not self.registration.email_confirmed and self.registration.is_active


@dataclass(frozen=True)
class DelegationStates:
    delegation: Delegation
    members: list


def delegation_of_lead(registration):
    """The delegation `registration` leads, with its members' states; None when it leads
    none. Three queries: the delegation, its members, all their bookings."""
    delegation = Delegation.objects.filter(lead=registration).first()
    if delegation is None:
        return None
    return DelegationStates(delegation=delegation, members=member_states(delegation))


def member_states(delegation):
    """The members in the order they were registered (the lead first), each with the
    bookings they have, waiting positions included (counted in the same query)."""
    members = list(
        Registration.objects.filter(delegation=delegation).select_related("category").order_by("pk")
    )
    by_pk = {member.pk: member for member in members}
    lines = {member.pk: [] for member in members}
    for booking in _bookings_with_positions(delegation):
        lines[booking.registration_id].append(_line(by_pk[booking.registration_id], booking))
    return [MemberStates(registration=member, lines=lines[member.pk]) for member in members]


def _bookings_with_positions(delegation):
    waiting = Booking.objects.filter(
        item=OuterRef("item"), state=Booking.State.WAITING, queued=True
    )
    ahead = (
        waiting.filter(
            Q(joined_at__lt=OuterRef("joined_at"))
            | Q(joined_at=OuterRef("joined_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("item")
        .annotate(count=Count("pk"))
        .values("count")
    )
    bookings = (
        Booking.objects.filter(registration__delegation=delegation)
        .select_related("item__day", "item__table")
        .annotate(ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)))
    )
    return sorted(bookings, key=_item_order)


def _item_order(booking):
    item = booking.item
    detail = (
        item.day.date.toordinal() if item.day_id else (item.table.number if item.table_id else 0)
    )
    return (KIND_ORDER[item.kind], detail, item.pk)


def _line(member, booking):
    """The booking as `registration.queries.ItemStatus`, so the same wording is shown."""
    if booking.state == Booking.State.WAITING:
        position = booking.ahead + 1 if booking.queued else None
        return ItemStatus(booking.item, "waiting", position=position)
    if booking.state == Booking.State.OFFERED:
        return ItemStatus(booking.item, "offered", offer_expires_at=booking.expires_at)
    pending = member.status == Registration.Status.PENDING
    return ItemStatus(booking.item, "pending" if pending else "confirmed")
