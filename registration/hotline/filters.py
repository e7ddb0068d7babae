"""The changelist's filters. Choices that depend on a conference (days, tables, categories)
list only those of the conference chosen in the conference filter, so the lists stay short.

The choices organisers configure (conferences, days, tables, categories, capacity items) cost
a query each, mostly Django building rows and their translated labels: a sixth of the list
page. They are kept for a minute per chosen conference and language, under the public
pages' version, so an organiser's save in admin shows in the sidebar at once (a category,
edited in an admin that does not clear the public pages, within the minute). Delegations
and countries come from registrations and are read afresh."""

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from conferences.caching import versioned_key
from conferences.models import Conference, Day, WorldCafeTable
from registration.models import Booking, CapacityItem, Delegation, ParticipantCategory
from registration.outbox.queries import email_problem

from .models import CheckIn
from .queries import registered_countries


def chosen_conference_id(request):
    """The id chosen in the conference filter, None when none is. A mistyped id too long for
    a database integer is 0, which matches no conference, rather than a database error."""
    value = request.GET.get("conference__id__exact", "")
    if not value.isdigit():
        return None
    return int(value) if len(value) < 19 else 0


CHOICES_KEPT_SECONDS = 60


def kept_choices(request, name, load):
    """load()'s choices for the filter `name`, kept as the module docstring says. The
    sidebar's choices share one cache entry, read once per request."""
    if not hasattr(request, "_hotline_kept_choices"):
        key = versioned_key(chosen_conference_id(request), get_language(), prefix="hotline-filters")
        request._hotline_kept_choices = (key, cache.get(key) or {})
    key, kept = request._hotline_kept_choices
    if name not in kept:
        kept[name] = load()
        cache.set(key, kept, CHOICES_KEPT_SECONDS)
    return kept[name]


class _ConferenceScopedFilter(admin.SimpleListFilter):
    model = None
    related = ()  # what each row's label reads besides the conference
    kept = True  # see kept_choices

    def lookups(self, request, model_admin):
        if not self.kept:
            return self._choices(request)
        return kept_choices(request, self.parameter_name, lambda: self._choices(request))

    def _choices(self, request):
        # Only the prefix of the conference: a whole (multilingual) conference per choice
        # cost more than the rest of the filter.
        objects = self.model.objects.annotate(prefix=F("conference__booking_prefix"))
        if self.related:  # select_related() without names would join every foreign key
            objects = objects.select_related(*self.related)
        conference_id = chosen_conference_id(request)
        if conference_id is not None:
            objects = objects.filter(conference_id=conference_id)
        return [(str(obj.pk), self.label_for(obj)) for obj in objects]

    def label_for(self, obj):
        return f"{obj.prefix}: {obj}"


class DayFilter(_ConferenceScopedFilter):
    title = _("day")
    parameter_name = "day"
    model = Day

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(days=self.value())
        return queryset


class TableFilter(_ConferenceScopedFilter):
    title = _("World Café table")
    parameter_name = "table"
    model = WorldCafeTable

    def lookups(self, request, model_admin):
        return [("none", _("No table")), *super().lookups(request, model_admin)]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(world_cafe_table=None)
        if self.value() and self.value().isdigit():
            return queryset.filter(world_cafe_table=self.value())
        return queryset


class CategoryFilter(_ConferenceScopedFilter):
    title = _("participant category")
    parameter_name = "category"
    model = ParticipantCategory

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(category=self.value())
        return queryset


class CountryFilter(admin.SimpleListFilter):
    """Only countries somebody registered from (for the conference chosen in the conference
    filter, if one is), with their names."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = registered_countries(chosen_conference_id(request))
        return [(code, name) for code, name in countries if code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value().upper()[:2])
        return queryset


class EmailProblemFilter(admin.SimpleListFilter):
    title = _("email problem")
    parameter_name = "email_problem"

    def lookups(self, request, model_admin):
        return [("yes", _("Sending failed, bounced or rejected")), ("no", _("No problem known"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(email_problem())
        if self.value() == "no":
            return queryset.exclude(email_problem())
        return queryset


class ConferenceFilter(admin.SimpleListFilter):
    title = _("conference")
    parameter_name = "conference__id__exact"

    def lookups(self, request, model_admin):
        return kept_choices(request, self.parameter_name, self._choices)

    def _choices(self):
        return [(str(c.pk), c.title) for c in Conference.objects.only("pk", "title")]

    def queryset(self, request, queryset):
        conference_id = chosen_conference_id(request)
        if conference_id is not None:
            return queryset.filter(conference_id=conference_id)
        return queryset


class CheckedInFilter(admin.SimpleListFilter):
    title = _("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Checked in on some day")), ("no", _("Not checked in"))]

    def queryset(self, request, queryset):
        arrived = CheckIn.objects.filter(registration=OuterRef("pk"))
        if self.value() == "yes":
            return queryset.filter(Exists(arrived))
        if self.value() == "no":
            return queryset.exclude(Exists(arrived))
        return queryset


class ItemStateFilter(_ConferenceScopedFilter):
    """Status per item: who has a seat, an offered seat or a waiting place for the whole
    conference, one day, the gala dinner or one table."""

    title = _("status per item")
    parameter_name = "item_state"
    model = CapacityItem
    related = ("day", "table")

    def _choices(self, request):
        items = super()._choices(request)
        return [
            (f"{pk}:{state}", f"{label}: {state_label}")
            for pk, label in items
            for state, state_label in Booking.State.choices
        ]

    def label_for(self, obj):
        return f"{obj.prefix}: {capfirst(str(obj))}"

    def queryset(self, request, queryset):
        item, _sep, state = (self.value() or "").partition(":")
        if item.isdigit() and state in Booking.State.values:
            bookings = Booking.objects.filter(registration=OuterRef("pk"), item=item, state=state)
            return queryset.filter(Exists(bookings))
        return queryset


class DelegationFilter(_ConferenceScopedFilter):
    """In a delegation or not; once a conference is chosen, also each of its delegations
    (all delegations of every conference would make a list too long to read)."""

    title = _("delegation")
    parameter_name = "delegation"
    model = Delegation
    kept = False  # delegations are registered by the public: always the current ones

    def lookups(self, request, model_admin):
        either = [("any", _("In a delegation")), ("none", _("Not in a delegation"))]
        if chosen_conference_id(request) is None:
            return either
        return either + super().lookups(request, model_admin)

    def label_for(self, obj):
        return f"{obj.prefix}: {obj.name} ({obj.reference})"

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "any":
            return queryset.filter(delegation__isnull=False)
        if value == "none":
            return queryset.filter(delegation=None)
        if value.isdigit() and len(value) < 19:
            return queryset.filter(delegation=value)
        return queryset
