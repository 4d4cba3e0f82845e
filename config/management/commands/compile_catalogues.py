"""Compile ``locale/*/LC_MESSAGES/*.po`` to ``.mo`` with polib.

Unlike ``compilemessages`` this needs no GNU gettext tools, so ``make run`` works on a
machine without them. Fuzzy entries are left out, as msgfmt does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (.po → .mo) without msgfmt."

    def handle(self, *args, **options):
        catalogues = sorted(
            po for base in settings.LOCALE_PATHS for po in Path(base).rglob("*.po")
        )
        if not catalogues:
            raise CommandError("No .po catalogue found in LOCALE_PATHS.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(
                f"{po_path.relative_to(settings.BASE_DIR)}: "
                f"{catalogue.percent_translated()}% translated"
            )
