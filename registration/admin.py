"""Main admin: participant categories per conference (the eligibility rules as data).
Registrations themselves are managed in the hotline's back office (/operations/)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import ParticipantCategory


@admin.register(ParticipantCategory)
class ParticipantCategoryAdmin(TranslationAdmin):
    list_display = ("name", "conference", "code", "may_attend_reserved_days", "is_press", "order")
    list_editable = ("order",)
    list_filter = ("conference", "may_attend_reserved_days", "is_press")
    search_fields = ("name_en", "name_de", "code", "conference__title_en")
    prepopulated_fields = {"code": ("name_en",)}
    list_select_related = ("conference",)
    fieldsets = (
        (None, {"fields": ("conference", "name", "code", "description", "order")}),
        (_("Who may attend what"), {"fields": ("may_attend_reserved_days", "is_press")}),
    )
