from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from core.navigation import register_nav_entry

        register_nav_entry("about", 90, _("About"), _about_url)


def _about_url(request) -> str | None:
    from wagtail.models import Site

    from portal.models import PortalSettings

    site = Site.find_for_request(request)
    page = PortalSettings.for_site(site).about_page if site else None
    return page.specific.get_url(request) if page and page.live else None
