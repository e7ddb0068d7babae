from modeltranslation.translator import TranslationOptions, register

from .models import ParticipantCategory, Question, QuestionChoice


@register(ParticipantCategory)
class ParticipantCategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("label", "help")
    required_languages = {"en": ("label",)}


@register(QuestionChoice)
class QuestionChoiceTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = {"en": ("label",)}
