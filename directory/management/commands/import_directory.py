"""``manage.py import_directory FILE [--services FILE] [--contacts FILE] [--dry-run]``:
load organisations, antennas, services and contacts.

The file (CSV, XLSX or JSON, by extension) is validated as a whole first; any error
is reported with its sheet, line and column and nothing is written. Otherwise
everything is written in one transaction. An XLSX workbook or a JSON object holds
the services and contacts sheets itself; a CSV file holds the antennas only, its
services and contacts are given with ``--services`` and ``--contacts``. The format
and the rules are described in ``directory/exchange/__init__.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from directory import exchange


class ProgressBar:
    """A one-line text bar redrawn in place (``\\r``), at most every ``interval`` s.

    ``write`` receives the text to print (no newline added); a disabled bar prints
    nothing.
    """

    def __init__(
        self,
        write: Callable[[str], None],
        *,
        enabled: bool = True,
        width: int = 30,
        interval: float = 0.1,
    ) -> None:
        self.write = write
        self.enabled = enabled
        self.width = width
        self.interval = interval
        self.stage: str | None = None
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = done >= total
        if stage == self.stage and not finished and now - self.last < self.interval:
            return
        if self.stage is not None and stage != self.stage:
            self.write("\n")
        self.stage, self.last = stage, now
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.write(f"\r{stage:<12} [{bar}] {done}/{total}")
        if finished:
            self.write("\n")
            self.stage = None

    def close(self) -> None:
        if self.enabled and self.stage is not None:
            self.write("\n")
            self.stage = None


def progress_bar(command: BaseCommand, options: dict[str, Any]) -> ProgressBar:
    """A bar on stderr, only for a terminal, without --no-progress nor -v 0."""
    enabled = (
        command.stderr.isatty()
        and not options.get("no_progress")
        and options.get("verbosity", 1) > 0
    )
    return ProgressBar(
        lambda text: command.stderr.write(text, style_func=lambda s: s, ending=""),
        enabled=enabled,
    )


class Command(BaseCommand):
    help = (
        "Import organisations, antennas, services and contacts from a CSV, XLSX "
        "or JSON file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .csv, .xlsx or .json file.")
        parser.add_argument(
            "--services",
            metavar="FILE",
            help="The services sheet as a file of its own (e.g. beside a CSV file).",
        )
        parser.add_argument(
            "--contacts",
            metavar="FILE",
            help="The contacts sheet as a file of its own (e.g. beside a CSV file).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and count the changes without writing anything.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bar = progress_bar(self, options)
        try:
            result, errors = exchange.import_file(
                options["file"],
                services=options["services"],
                contacts=options["contacts"],
                dry_run=options["dry_run"],
                progress=bar,
            )
        except exchange.FormatError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)d error(s): nothing was imported.") % {"count": len(errors)}
            )
        if result is not None and options["verbosity"] > 0:
            self.report(result)

    def report(self, result: exchange.ImportResult) -> None:
        if result.dry_run:
            self.stdout.write(_("Dry run: the file is valid; nothing was written."))
        lines = [
            _(
                "Organisations: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            )
            % {
                "created": result.organisations_created,
                "updated": result.organisations_updated,
                "unchanged": result.organisations_unchanged,
            },
            _(
                "Antennas: %(created)d created, %(updated)d updated "
                "(%(moved)d moved to another organisation), %(unchanged)d unchanged."
            )
            % {
                "created": result.antennas_created,
                "updated": result.antennas_updated,
                "moved": result.antennas_moved,
                "unchanged": result.antennas_unchanged,
            },
            _("Federation memberships: %(created)d started, %(ended)d ended.")
            % {
                "created": result.memberships_created,
                "ended": result.memberships_ended,
            },
        ]
        lines += service_lines(result)
        if result.antennas_not_in_file:
            lines.append(
                _(
                    "%(count)d antenna(s) of these organisations are not in the file: "
                    "left unchanged."
                )
                % {"count": result.antennas_not_in_file}
            )
        if result.drafts_superseded:
            lines.append(
                _(
                    "%(count)d record(s) had unpublished drafts: the imported values "
                    "are now their latest revision."
                )
                % {"count": result.drafts_superseded}
            )
        if result.geocoding_requested:
            lines.append(
                _("%(count)d antenna(s) without coordinates will be geocoded.")
                % {"count": result.geocoding_requested}
            )
        for line in lines:
            self.stdout.write(line)


def service_lines(result: exchange.ImportResult) -> list[str]:
    """The report's lines about services and contacts (none when untouched)."""
    lines = []
    services = (
        result.services_created + result.services_updated + result.services_unchanged
    )
    if services:
        lines.append(
            _(
                "Services: %(created)d created, %(updated)d updated "
                "(%(moved)d moved to another organisation), %(unchanged)d unchanged."
            )
            % {
                "created": result.services_created,
                "updated": result.services_updated,
                "moved": result.services_moved,
                "unchanged": result.services_unchanged,
            }
        )
    if result.services_not_in_file:
        lines.append(
            _(
                "%(count)d service(s) of these organisations are not in the file: "
                "left unchanged."
            )
            % {"count": result.services_not_in_file}
        )
    if result.contacts_created or result.contacts_deleted or result.contacts_unchanged:
        lines.append(
            _(
                "Contacts: %(created)d written, %(deleted)d replaced or removed, "
                "%(unchanged)d unchanged."
            )
            % {
                "created": result.contacts_created,
                "deleted": result.contacts_deleted,
                "unchanged": result.contacts_unchanged,
            }
        )
    return lines
