"""Visitor-facing text fields, entered in English and German (django-modeltranslation).
Pages show the visitor's language and fall back to English where German is empty."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Conference,
    Day,
    Partner,
    Project,
    Series,
    Session,
    SessionMaterial,
    Speaker,
    Topic,
    WorldCafeTable,
)


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Conference)
class ConferenceTranslation(TranslationOptions):
    fields = (
        "title",
        "motto",
        "lead",
        "description",
        "why_attend",
        "host_name",
        "venue_name",
        "venue_address",
        "travel_notes",
        "letter_sender",
        "letter_signatory",
    )


@register(Day)
class DayTranslation(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title", "lead_question", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role", "organisation", "bio")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(WorldCafeTable)
class WorldCafeTableTranslation(TranslationOptions):
    fields = ("theme", "description")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("logo_alt",)


@register(SessionMaterial)
class SessionMaterialTranslation(TranslationOptions):
    fields = ("title",)
