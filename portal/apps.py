from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.navigation import register_nav_entry


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # portal.models defines models: importable once the registry is.
        from portal.models import about_nav_url

        register_nav_entry("about", 90, _("About"), about_nav_url)
