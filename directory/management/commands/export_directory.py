"""``manage.py export_directory FILE``: the whole directory as CSV, XLSX or JSON.

Same columns as ``import_directory`` reads, one row per antenna (an organisation
without antenna gets one row with empty antenna columns), sorted by
``organisation_id`` and ``antenna_id``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from directory import exchange


class Command(BaseCommand):
    help = "Export organisations and antennas to a CSV, XLSX or JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .csv, .xlsx or .json file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            fmt = exchange.detect_format(options["file"])
            count = exchange.export(options["file"], fmt)
        except exchange.FormatError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("Cannot write %(name)s: %(error)s")
                % {"name": options["file"], "error": error.strerror or error}
            ) from error
        if options["verbosity"] > 0:
            self.stdout.write(
                _("%(count)d row(s) written to %(name)s.")
                % {"count": count, "name": options["file"]}
            )
