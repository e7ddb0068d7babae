"""Sessions (with speaker autocomplete) and speakers."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ..caching import ClearsPublicPagesOnSaveMixin
from ..models import Session, SessionSpeaker, Speaker


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "role", "order"]


@admin.register(Session)
class SessionAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    list_display = ["title", "starts_at", "ends_at", "kind", "room", "topic", "is_published"]
    list_filter = [
        "conference",
        ("day", admin.RelatedOnlyFieldListFilter),
        "kind",
        ("topic", admin.RelatedOnlyFieldListFilter),
        "audience",
        "is_published",
    ]
    list_select_related = ["conference", "day", "room", "topic"]
    search_fields = [
        "title_en",
        "title_de",
        "slug",
        "appearances__speaker__last_name",
        "appearances__speaker__organisation",
    ]
    date_hierarchy = "starts_at"
    ordering = ["conference", "starts_at", "room__name"]
    autocomplete_fields = ["day", "room", "topic"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SessionSpeakerInline]
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
        "is_published",
    ]


@admin.register(Speaker)
class SpeakerAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    list_display = ["last_name", "first_name", "academic_title", "organisation", "city", "country"]
    list_filter = ["country"]
    search_fields = ["last_name", "first_name", "organisation", "city"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    ordering = ["last_name", "first_name"]
