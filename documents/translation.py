from modeltranslation.translator import TranslationOptions, register

from documents.models import (
    LegislationFicheIndexPage,
    LegislationFichePage,
    Publication,
)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "abstract")


@register(LegislationFicheIndexPage)
class LegislationFicheIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(LegislationFichePage)
class LegislationFichePageTranslation(TranslationOptions):
    fields = ("summary", "body")
