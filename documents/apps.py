from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documentation centre")

    def ready(self):
        from core.demo_registry import register_demo_seeder
        from documents import signals  # noqa: F401

        register_demo_seeder(_seed_demo_documents)

        from core.navigation import register_nav_entry

        register_nav_entry("fiches", 30, _("Legislation fiches"), _fiches_url)
        register_nav_entry(
            "publications", 40, _("Publications"), "documents:publication-list"
        )


def _fiches_url(request) -> str | None:
    from documents.models import LegislationFicheIndexPage

    index = LegislationFicheIndexPage.objects.live().public().first()
    return index.get_url(request) if index else None


def _seed_demo_documents(command, home) -> None:
    from documents.demo.seed import seed_documents

    publications, fiches = seed_documents(home)
    command.stdout.write(
        f"Documentation centre: {publications} publications, {fiches} fiches."
    )
