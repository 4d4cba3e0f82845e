"""``manage.py export_directory FILE [--services FILE] [--contacts FILE]``: the
whole directory as CSV, XLSX or JSON.

Same sheets and columns as ``import_directory`` reads. The antennas sheet has one
row per antenna (an organisation without antenna gets one row with empty antenna
columns), sorted by ``organisation_id`` and ``antenna_id``; the services sheet one
row per service at an antenna; the contacts sheet one row per contact. XLSX and
JSON hold the three sheets in one file; CSV writes three files: ``FILE``, and the
services and contacts to ``--services`` and ``--contacts`` (by default
``NAME-services.csv`` and ``NAME-contacts.csv`` beside ``NAME.csv``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from directory import exchange


class Command(BaseCommand):
    help = (
        "Export organisations, antennas, services and contacts to a CSV, XLSX or "
        "JSON file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .csv, .xlsx or .json file to write.")
        parser.add_argument(
            "--services",
            metavar="FILE",
            help="CSV only: where to write the services (default NAME-services.csv).",
        )
        parser.add_argument(
            "--contacts",
            metavar="FILE",
            help="CSV only: where to write the contacts (default NAME-contacts.csv).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            fmt = exchange.detect_format(name)
            if fmt != "csv" and (options["services"] or options["contacts"]):
                raise CommandError(
                    _("--services and --contacts go with a CSV file only.")
                )
            services = options["services"] or exchange.sibling(name, exchange.SERVICES)
            contacts = options["contacts"] or exchange.sibling(name, exchange.CONTACTS)
            count = exchange.export(name, fmt, services=services, contacts=contacts)
        except exchange.FormatError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("Cannot write %(name)s: %(error)s")
                % {"name": error.filename or name, "error": error.strerror or error}
            ) from error
        if options["verbosity"] > 0:
            self.stdout.write(
                _("%(count)d row(s) written to %(name)s.")
                % {"count": count, "name": name}
            )
            if fmt == "csv":
                self.stdout.write(
                    _("Services written to %(services)s, contacts to %(contacts)s.")
                    % {"services": services, "contacts": contacts}
                )
