"""Sessions (with speaker autocomplete) and speakers."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from mce_site.admin_initial import ValidInitialDataMixin
from mce_site.staff.valid_html import ValidHtmlAdminMixin

from ..caching import ClearsPublicPagesOnSaveMixin
from ..imports import SessionResource, SpeakerResource
from ..models import ScheduleChange, Session, SessionMaterial, SessionSpeaker, Speaker
from .importing import ProgrammeImportMixin


class SessionSpeakerInline(ValidHtmlAdminMixin, admin.TabularInline):
    model = SessionSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "role", "order"]


class SessionMaterialInline(TranslationTabularInline):
    model = SessionMaterial
    extra = 0
    fields = ["kind", "title", "file", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Session)
class SessionAdmin(
    ValidInitialDataMixin,
    ValidHtmlAdminMixin,
    ClearsPublicPagesOnSaveMixin,
    ProgrammeImportMixin,
    TranslationAdmin,
):
    resource_classes = [SessionResource]
    list_display = [
        "title",
        "starts_at",
        "ends_at",
        "kind",
        "room",
        "topic",
        "state",
        "is_published",
    ]
    list_filter = [
        "conference",
        ("day", admin.RelatedOnlyFieldListFilter),
        "kind",
        ("topic", admin.RelatedOnlyFieldListFilter),
        "audience",
        "state",
        "is_published",
    ]
    list_select_related = ["conference", "day", "room", "topic"]
    search_fields = [
        "title_en",
        "title_de",
        "slug",
        "appearances__speaker__last_name",
        "appearances__speaker__organisation_en",
    ]
    date_hierarchy = "starts_at"
    ordering = ["conference", "starts_at", "room__name"]
    autocomplete_fields = ["day", "room", "topic"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SessionSpeakerInline, SessionMaterialInline]
    fields = [
        "conference",
        "day",
        ("starts_at", "ends_at"),
        "title",
        "slug",
        "kind",
        "room",
        "topic",
        "audience",
        "description",
        "state",
        "is_published",
    ]


@admin.register(Speaker)
class SpeakerAdmin(ClearsPublicPagesOnSaveMixin, ProgrammeImportMixin, TranslationAdmin):
    resource_classes = [SpeakerResource]
    list_display = ["last_name", "first_name", "academic_title", "organisation", "city", "country"]
    list_filter = ["country"]
    search_fields = ["last_name", "first_name", "organisation_en", "organisation_de", "city"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    ordering = ["last_name", "first_name"]


@admin.register(ScheduleChange)
class ScheduleChangeAdmin(admin.ModelAdmin):
    """The change log is written by Session.save(); organisers read it, never edit it."""

    list_display = ["session", "recorded_at", "sequence", "notified_at"]
    list_filter = ["conference", ("notified_at", admin.EmptyFieldListFilter)]
    list_select_related = ["session", "conference"]
    search_fields = ["session__title_en", "session__title_de", "session__slug"]
    date_hierarchy = "recorded_at"
    readonly_fields = ["conference", "session", "recorded_at", "sequence", "before", "after"]
    fields = [*readonly_fields, "notified_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
