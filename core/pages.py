"""What every translated page of the portal shares."""

from django.utils import translation


class TranslatedPageMixin:
    """Sitemap entries with ``hreflang`` alternates for each language."""

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        alternates = []
        for code, _name in translation.trans_real.get_languages().items():
            with translation.override(code):
                alternates.append(
                    {"location": self.get_full_url(request), "lang_code": code}
                )
        for entry in entries:
            entry["alternates"] = alternates
        return entries
