from modeltranslation.translator import TranslationOptions, register

from directory.models import (
    Antenna,
    Category,
    Commune,
    Language,
    Organisation,
    Public,
)


@register(Commune)
class CommuneTranslation(TranslationOptions):
    fields = ("name", "slug", "province")


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
