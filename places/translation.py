from modeltranslation.translator import TranslationOptions, register

from places.models import Commune


@register(Commune)
class CommuneTranslation(TranslationOptions):
    fields = ("name", "slug", "province")
