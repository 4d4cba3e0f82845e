from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo_registry import register_demo_seeder
from core.navigation import register_nav_entry


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        # These modules define or query models: importable once the registry is.
        from newsletters import signals  # noqa: F401
        from newsletters.demo_data import seed_demo_newsletters
        from newsletters.models import newsletter_nav_url

        register_demo_seeder(seed_demo_newsletters)
        register_nav_entry("newsletter", 50, _("Newsletter"), newsletter_nav_url)
