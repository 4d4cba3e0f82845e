from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.middleware.locale import LocaleMiddleware

from config.security import ADMIN_PATH_PREFIXES, PERMISSIONS_POLICY


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


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a policy of its own for the Wagtail admin
    (``CONTENT_SECURITY_POLICY_ADMIN``); the public policy everywhere else."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PATH_PREFIXES)
        ):
            parts.config = default_config(
                settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
            )
        return parts


class PermissionsPolicyMiddleware:
    """Sets ``Permissions-Policy`` (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
