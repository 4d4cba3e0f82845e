from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        # Imported once the app registry is ready: these modules import models.
        from core.demo_registry import register_demo_seeder
        from core.navigation import register_nav_entry
        from core.two_factor import require_second_factor_for
        from directory import permissions, redirects, signals  # noqa: F401
        from directory.locating import located_antennas
        from places.geocoding import register_known_places

        post_migrate.connect(permissions.ensure_editor_groups, sender=self)
        register_demo_seeder(_seed_demo_directory)
        register_nav_entry("near-me", 10, _("Who can help near me"), "directory:nearby")
        register_known_places(located_antennas)
        require_second_factor_for(permissions.FEDERATION_EDITORS)


def _seed_demo_directory(command, home) -> None:
    # Imported here: apps.py is loaded before the models the importer needs.
    from directory.demo_data import seed_directory

    organisations, antennas = seed_directory()
    command.stdout.write(
        f"Directory: {organisations} organisations, {antennas} antennas."
    )
