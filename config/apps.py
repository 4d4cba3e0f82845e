from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The project shell: settings, URLs, the API root, health, security headers
    and the project-wide commands. Nothing imports it but Django itself."""

    name = "config"
    verbose_name = _("Configuration")
