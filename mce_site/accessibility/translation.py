"""The statement's texts in English and German (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatement


@register(AccessibilityStatement)
class AccessibilityStatementTranslation(TranslationOptions):
    fields = ("limitations", "alternatives", "feedback", "enforcement")
