from modeltranslation.translator import TranslationOptions, register

from documents.models import Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "abstract")
