"""The counters: one row per capacity item, kept in step with what organisers configure,
and the figures read from them (seats left, per-item counts for the hotline)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conferences.models import Conference, Day, WorldCafeTable
from conferences.reference_rows import kept
from registration.models import Booking, CapacityItem, Registration

Kind = CapacityItem.Kind
State = Booking.State
Status = Registration.Status
KIND_ORDER = {Kind.CONFERENCE: 0, Kind.DAY: 1, Kind.DINNER: 2, Kind.TABLE: 3}


def sync_items(conference):
    """Creates and updates the counter rows from what organisers configured (the conference's
    capacity; each day's, or the conference's; the dinner's; each table's). Returns the ids
    of items that got more seats. Raises ValidationError rather than setting a capacity
    below the seats taken."""
    existing = {
        (item.kind, item.day_id, item.table_id): item
        for item in CapacityItem.objects.filter(conference=conference)
    }
    grown = []
    for kind, day, table, seats in _configured(conference):
        item = existing.get((kind, day.pk if day else None, table.pk if table else None))
        if item is None:
            CapacityItem.objects.create(
                conference=conference, kind=kind, day=day, table=table, capacity=seats
            )
        elif item.capacity != seats:
            # Conditional: a seat taken meanwhile cannot slip under a lowered capacity.
            if not CapacityItem.objects.filter(pk=item.pk, taken__lte=seats).update(capacity=seats):
                raise ValidationError(_("%(item)s: more seats are taken.") % {"item": item})
            if seats > item.capacity:
                grown.append(item.pk)
    return grown


def _configured(conference):
    yield Kind.CONFERENCE, None, None, conference.capacity
    for day in Day.objects.filter(conference=conference):
        yield Kind.DAY, day, None, day.capacity or conference.capacity
    if conference.gala_dinner_capacity is not None:
        yield Kind.DINNER, None, None, conference.gala_dinner_capacity
    for table in WorldCafeTable.objects.filter(conference=conference):
        yield Kind.TABLE, None, table, table.capacity


@dataclass
class Items:
    """A conference's items as read in one query."""

    conference_item: CapacityItem
    days: dict
    dinner: CapacityItem | None
    tables: dict

    def all(self):
        items = [self.conference_item, *self.days.values(), *self.tables.values()]
        return items + ([self.dinner] if self.dinner else [])

    @classmethod
    def from_rows(cls, rows):
        """From counter rows that include the conference item."""
        return cls(
            conference_item=next(item for item in rows if item.kind == Kind.CONFERENCE),
            days={item.day_id: item for item in rows if item.kind == Kind.DAY},
            dinner=next((item for item in rows if item.kind == Kind.DINNER), None),
            tables={item.table_id: item for item in rows if item.kind == Kind.TABLE},
        )


def _queued(**filters):
    return Booking.objects.filter(item=OuterRef("pk"), state=State.WAITING, queued=True, **filters)


def load_items(conference, *, queues_for=None):
    """The conference's items; with `queues_for` (a registration, saved or not) each item
    says in `has_queue` whether others are queued for it (then it has no seat for them)."""
    rows = CapacityItem.objects.filter(conference=conference)
    if queues_for is not None:
        others = _queued()
        if queues_for.pk:
            others = others.exclude(registration=queues_for.pk)
        rows = rows.annotate(has_queue=Exists(others))
    rows = list(rows)
    if not any(item.kind == Kind.CONFERENCE for item in rows):
        sync_items(conference)  # saved before its counters existed (e.g. raw fixtures)
        return load_items(conference, queues_for=queues_for)
    return Items.from_rows(rows)


def seats_left(conference):
    """{(kind, day id, table id): seats left for a newcomer} in one query; an item with
    people queued counts as full (its seats are theirs)."""
    return _count_seats(conference)["left"]


def shown_seats(conference):
    """seats_left() and whether every conference seat is taken, as visitors read them: kept
    for SEATS_SHOWN_SECONDS (5), so a rush of form views counts once per conference and
    interval instead of once per view. Only what a page says may lag; every seat is given
    from the live counters, under their lock (seating.py). Under the public pages' version:
    a capacity saved in admin shows at once."""
    return kept(
        (conference.pk,),
        lambda: _count_seats(conference),
        seconds=settings.SEATS_SHOWN_SECONDS,
        prefix="shown-seats",
    )


def _count_seats(conference):
    rows = (
        CapacityItem.objects.filter(conference=conference)
        .annotate(has_queue=Exists(_queued()))
        .order_by()  # the default ordering joins the conference for a dict
        .values_list("kind", "day_id", "table_id", "capacity", "taken", "has_queue")
    )
    left, conference_full = {}, False
    for kind, day, table, seats, taken, has_queue in rows:
        left[kind, day, table] = 0 if has_queue else max(seats - taken, 0)
        conference_full |= kind == Kind.CONFERENCE and taken >= seats
    return {"left": left, "conference_full": conference_full}


def item_figures(conference):
    """Per item, in display order: capacity, taken, confirmed, pending, offered, waiting
    (for the hotline). Two queries whatever the number of registrations."""
    counts = (
        Booking.objects.filter(item__conference=conference)
        .values_list("item_id", "state", "registration__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    figures = {
        item.pk: {"item": item, "capacity": item.capacity, "taken": item.taken}
        | dict.fromkeys(("confirmed", "pending", "offered", "waiting"), 0)
        for item in CapacityItem.objects.filter(conference=conference).select_related(
            "day", "table"
        )
    }
    for item_id, state, status, n in counts:
        if state == State.HELD:
            key = "pending" if status == Status.PENDING else "confirmed"
        else:
            key = "offered" if state == State.OFFERED else "waiting"
        figures[item_id][key] += n
    return sorted(figures.values(), key=lambda f: (KIND_ORDER[f["item"].kind], f["item"].pk))


class SeatCounter:
    """What the conferences app asks about seats (see conferences/capacity.py)."""

    def is_full(self, conference):
        # Only what pages say hangs on this (a full conference still takes sign-ups for
        # its waiting list), so the figures shown to visitors will do.
        return shown_seats(conference)["conference_full"]

    def participation_facts(self, conference):
        return Registration.objects.filter(
            conference=conference, status=Status.CONFIRMED
        ).aggregate(participants=Count("pk"), countries=Count("country", distinct=True))

    def check_capacity(self, instance):
        """Refuses a capacity below the seats taken, before admin saves it."""
        conference = instance if isinstance(instance, Conference) else instance.conference
        if not conference.pk:
            return
        taken = {
            (kind, day, table): n
            for kind, day, table, n in CapacityItem.objects.filter(
                conference=conference
            ).values_list("kind", "day_id", "table_id", "taken")
        }
        errors = {}
        for field_name, key, seats in _capacity_checks(instance, conference):
            held = taken.get(key, 0)
            if held and (seats is None or seats < held):
                message = ngettext(
                    "%(taken)s seat is taken; the capacity cannot be lower.",
                    "%(taken)s seats are taken; the capacity cannot be lower.",
                    held,
                )
                errors.setdefault(field_name, message % {"taken": held})
        if errors:
            raise ValidationError(errors)


def _capacity_checks(instance, conference):
    """(form field, item key, new capacity) for what saving `instance` would change."""
    if isinstance(instance, Conference):
        yield "capacity", (Kind.CONFERENCE, None, None), instance.capacity
        yield "gala_dinner_capacity", (Kind.DINNER, None, None), instance.gala_dinner_capacity
        # Days without a capacity of their own have the conference's.
        for day_id in Day.objects.filter(conference=conference, capacity=None).values_list(
            "pk", flat=True
        ):
            yield "capacity", (Kind.DAY, day_id, None), instance.capacity
    elif isinstance(instance, Day):
        yield "capacity", (Kind.DAY, instance.pk, None), instance.capacity or conference.capacity
    else:
        yield "capacity", (Kind.TABLE, None, instance.pk), instance.capacity
