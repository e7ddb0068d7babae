from modeltranslation.translator import TranslationOptions, register

from .models import ParticipantCategory


@register(ParticipantCategory)
class ParticipantCategoryTranslation(TranslationOptions):
    fields = ("name", "description")
