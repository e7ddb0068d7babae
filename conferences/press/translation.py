"""Fields that are one text in two languages (django-modeltranslation). A press release is
not among them: it is written in one language and translated as a release of its own."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, PressContact, PressKitItem


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("boilerplate",)


@register(PressContact)
class PressContactTranslation(TranslationOptions):
    fields = ("role",)


@register(PressKitItem)
class PressKitItemTranslation(TranslationOptions):
    fields = ("caption",)
