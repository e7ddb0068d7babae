from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import AccessibilityStatement


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(TranslationAdmin):
    """One statement: it can be changed, not added twice or deleted (the footer links to it)."""

    list_display = ["__str__", "conformance", "reviewed_on"]

    def has_add_permission(self, request):
        return not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
