from django.conf import settings
from django.utils import translation


def portal(request):
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "portal_name": settings.PORTAL_NAME.get(language, settings.PORTAL_NAME["fr"]),
        "portal_names": settings.PORTAL_NAME,
        "other_languages": [code for code, _ in settings.LANGUAGES if code != language],
    }
