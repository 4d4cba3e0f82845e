from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 → ``/fr/…`` redirect outside the
    visitor pages: Wagtail's catch-all pattern makes every ``/fr/<path>`` look
    valid, so an API or admin 404 would otherwise become a redirect."""

    UNPREFIXED = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
