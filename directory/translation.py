from modeltranslation.translator import TranslationOptions, register

from directory.models import (
    Antenna,
    Category,
    Language,
    Organisation,
    Public,
)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Public)
class PublicTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Antenna)
class AntennaTranslation(TranslationOptions):
    fields = ("name",)
