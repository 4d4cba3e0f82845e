from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documentation centre")

    def ready(self):
        from documents import signals  # noqa: F401
        from portal.demo_registry import register_demo_seeder

        register_demo_seeder(_seed_demo_documents)


def _seed_demo_documents(command, home) -> None:
    from documents.demo.seed import seed_documents

    publications, fiches = seed_documents(home)
    command.stdout.write(
        f"Documentation centre: {publications} publications, {fiches} fiches."
    )
