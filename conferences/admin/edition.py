"""Series, conferences and their inline days, rooms, topics, tables, projects and partners."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from mce_site.staff.valid_html import ValidHtmlAdminMixin

from ..caching import ClearsPublicPagesOnSaveMixin
from ..imports import TopicResource
from ..models import Conference, Day, Partner, Project, Room, Series, Topic, WorldCafeTable
from .forms import ConferenceAdminForm
from .importing import ProgrammeImportMixin

# Organisers paste addresses without a scheme; assume https (Django 6's default already).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Series)
class SeriesAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name_en", "name_de", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class DayInline(TranslationTabularInline):
    formfield_overrides = URL_FIELDS
    model = Day
    extra = 0
    fields = ["date", "name", "audience", "capacity"]


class RoomInline(admin.TabularInline):
    formfield_overrides = URL_FIELDS
    model = Room
    extra = 0


class TopicInline(TranslationStackedInline):
    formfield_overrides = URL_FIELDS
    model = Topic
    extra = 0
    fields = ["number", "slug", "title", "lead_question", "description"]
    prepopulated_fields = {"slug": ["title_en"]}


class WorldCafeTableInline(TranslationTabularInline):
    formfield_overrides = URL_FIELDS
    model = WorldCafeTable
    extra = 0
    fields = ["number", "theme", "host_name", "capacity", "description"]


class ProjectInline(TranslationTabularInline):
    formfield_overrides = URL_FIELDS
    model = Project
    extra = 0
    fields = ["order", "acronym", "name", "summary", "url"]


class PartnerInline(TranslationTabularInline):
    formfield_overrides = URL_FIELDS
    model = Partner
    extra = 0
    fields = ["order", "name", "role", "url", "logo", "logo_alt"]


@admin.register(Conference)
class ConferenceAdmin(ValidHtmlAdminMixin, ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    formfield_overrides = URL_FIELDS
    form = ConferenceAdminForm
    list_display = ["title", "series", "start_date", "end_date", "is_published", "is_demo"]
    list_filter = ["series", "is_published", "is_demo"]
    list_select_related = ["series"]
    search_fields = ["title_en", "title_de", "slug", "venue_name_en", "host_name_en"]
    date_hierarchy = "start_date"
    ordering = ["-start_date"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [
        DayInline,
        RoomInline,
        TopicInline,
        WorldCafeTableInline,
        ProjectInline,
        PartnerInline,
    ]
    fieldsets = [
        (None, {"fields": ["series", "slug", "title", "motto", "is_published", "is_demo"]}),
        (_("Dates"), {"fields": ["start_date", "end_date", "time_zone"]}),
        (_("Texts"), {"fields": ["lead", "description", "why_attend"]}),
        (
            _("Host and venue"),
            {
                "fields": [
                    "host_name",
                    "host_url",
                    "venue_name",
                    "venue_address",
                    ("venue_latitude", "venue_longitude"),
                    "venue_url",
                    "travel_notes",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    ("registration_opens_at", "registration_closes_at"),
                    "changes_close_at",
                    "registration_full",
                    ("capacity", "gala_dinner_capacity"),
                    "pending_hold_hours",
                    ("waiting_list_promotion", "offer_hold_hours"),
                    "booking_prefix",
                ]
            },
        ),
        (_("Hotline"), {"fields": ["hotline_phone", "hotline_fax", "hotline_email"]}),
        (
            _("Invitation letters for visas"),
            {"fields": ["letterhead", "letter_sender", "letter_signatory"]},
        ),
    ]


class _ConferencePartAdmin(ClearsPublicPagesOnSaveMixin, admin.ModelAdmin):
    """Days, rooms and topics also have their own lists, for search in autocompletes."""

    formfield_overrides = URL_FIELDS
    list_filter = ["conference"]
    list_select_related = ["conference"]


@admin.register(Day)
class DayAdmin(_ConferencePartAdmin, TranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "conference", "audience", "capacity"]
    search_fields = ["conference__title_en", "conference__slug", "name_en", "name_de"]
    ordering = ["conference", "date"]


@admin.register(Room)
class RoomAdmin(_ConferencePartAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "conference", "capacity"]
    search_fields = ["name", "conference__title_en", "conference__slug"]


@admin.register(Topic)
class TopicAdmin(_ConferencePartAdmin, ProgrammeImportMixin, TranslationAdmin):
    resource_classes = [TopicResource]
    formfield_overrides = URL_FIELDS
    list_display = ["number", "title", "conference"]
    search_fields = ["title_en", "title_de", "conference__title_en", "conference__slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    ordering = ["conference", "number"]


@admin.register(WorldCafeTable)
class WorldCafeTableAdmin(_ConferencePartAdmin, TranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["number", "theme", "host_name", "capacity", "conference"]
    search_fields = ["theme_en", "theme_de", "host_name"]
    ordering = ["conference", "number"]
