"""Organisers manage press content here (the "Organisers" group has every press permission).
Every save clears the public page cache; dates and times are entered and shown in Berlin
time, whatever the server's time zone."""

from django.contrib import admin
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from conferences.caching import ClearsPublicPagesOnSaveMixin
from mce_site.admin_initial import ValidInitialDataMixin
from mce_site.staff.valid_html import ValidHtmlAdminMixin

from . import queries
from .models import (
    EMBARGO_TIME_ZONE,
    NewsItem,
    Organisation,
    PressContact,
    PressKitItem,
    PressRelease,
)


class HttpsLinksMixin:
    """Links typed without a scheme become https:// (Django 6's default, chosen now)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class BerlinTimeMixin:
    """Form fields read and show date-times in the current time zone: make it Berlin's."""

    def changeform_view(self, *args, **kwargs):
        with timezone.override(EMBARGO_TIME_ZONE):
            response = super().changeform_view(*args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response

    def changelist_view(self, *args, **kwargs):
        with timezone.override(EMBARGO_TIME_ZONE):
            response = super().changelist_view(*args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response


@admin.register(Organisation)
class OrganisationAdmin(HttpsLinksMixin, ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]


@admin.register(PressContact)
class PressContactAdmin(
    ValidInitialDataMixin, ValidHtmlAdminMixin, ClearsPublicPagesOnSaveMixin, TranslationAdmin
):
    list_display = ["name", "role", "organisation", "email", "phone"]
    list_filter = ["organisation", "conferences"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["conferences"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


@admin.register(PressRelease)
class PressReleaseAdmin(
    ValidInitialDataMixin,
    ValidHtmlAdminMixin,
    BerlinTimeMixin,
    ClearsPublicPagesOnSaveMixin,
    admin.ModelAdmin,
):
    list_display = [
        "title",
        "language",
        "conference",
        "released_at",
        "embargo_until",
        "visibility",
    ]
    list_filter = ["is_published", "language", "conference"]
    search_fields = ["title", "lead", "body", "slug"]
    date_hierarchy = "released_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "contact", "translation_of"]
    fieldsets = [
        (None, {"fields": ["conference", "language", "translation_of", "title", "slug"]}),
        (_("Text"), {"fields": ["lead", "body"]}),
        (
            _("Publication"),
            {"fields": ["released_at", "embargo_until", "is_published"]},
        ),
        (_("Issued by"), {"fields": ["organisation", "contact"]}),
    ]

    def get_queryset(self, request):
        visible = queries.published_releases().filter(pk=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .select_related("conference", "organisation", "contact", "translation_of")
            .annotate(is_public=Exists(visible))
        )

    @admin.display(description=_("on the site"))
    def visibility(self, release):
        if release.is_public:
            return _("Public")
        if not release.is_published:
            return _("Draft")
        if release.conference and not release.conference.is_published:
            return _("Hidden with its conference")
        until = max(release.released_at, release.effective_embargo_until or release.released_at)
        if until > timezone.now():
            local = timezone.localtime(until, EMBARGO_TIME_ZONE)
            return format_html(
                "{} {}", _("Embargoed until"), date_format(local, "SHORT_DATETIME_FORMAT")
            )
        return _("Waits for its original")


@admin.register(PressKitItem)
class PressKitItemAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    list_display = ["caption", "kind", "conference", "credit", "order"]
    list_filter = ["conference", "kind"]
    search_fields = ["caption", "credit"]
    list_editable = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("conference")


@admin.register(NewsItem)
class NewsItemAdmin(HttpsLinksMixin, ClearsPublicPagesOnSaveMixin, admin.ModelAdmin):
    list_display = ["title", "date", "language", "conference", "is_published"]
    list_filter = ["is_published", "language", "conference"]
    search_fields = ["title", "text"]
    date_hierarchy = "date"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("conference")
