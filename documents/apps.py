from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo_registry import register_demo_seeder
from core.navigation import register_nav_entry


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documentation centre")

    def ready(self):
        # These modules define or query models: importable once the registry is.
        from documents import signals  # noqa: F401
        from documents.demo_data.seed import seed_demo_documents
        from documents.models import fiches_nav_url

        register_demo_seeder(seed_demo_documents)
        register_nav_entry("fiches", 30, _("Legislation fiches"), fiches_nav_url)
        register_nav_entry(
            "publications", 40, _("Publications"), "documents:publication-list"
        )
