"""Reading and writing the exchange format's files: CSV, XLSX and JSON rows.

A workbook holds the sheets ``antennas`` (or its first sheet), ``services`` and
``contacts``; a JSON file is a list of antenna rows or an object with those three
keys; a CSV file holds one sheet (the command takes the services and contacts as
files of their own).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from directory.exchange.columns import (
    FORMATS,
    NOTE_COLUMNS,
    FormatError,
    Row,
    RowError,
)
from directory.exchange.sheets import (
    ANTENNAS,
    CONTACTS,
    SERVICES,
    SHEET_NAMES,
    Sheet,
)


def detect_format(name: str | Path) -> str:
    """``csv``, ``xlsx`` or ``json`` from a file name; :class:`FormatError` else."""
    suffix = Path(str(name)).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FormatError(
            _("Unsupported file type “%(suffix)s”: use .csv, .xlsx or .json.")
            % {"suffix": suffix or Path(str(name)).name}
        )
    return suffix


@dataclass
class Sheets:
    """The rows of a file's sheets: ``services`` and ``contacts`` are None when the
    file has no such sheet (the stored services and contacts are then left alone).
    ``broken`` when a sheet's header could not be read: its rows are unknown."""

    antennas: list[Row] = field(default_factory=list)
    services: list[Row] | None = None
    contacts: list[Row] | None = None
    errors: list[RowError] = field(default_factory=list)
    broken: bool = False

    def add(self, sheet: Sheet, rows: list[Row], errors: list[RowError]) -> None:
        if sheet.name and getattr(self, sheet.name) is not None:
            raise FormatError(
                _("The %(sheet)s sheet is given twice.") % {"sheet": sheet.name}
            )
        setattr(self, sheet.name or "antennas", rows)
        self.errors.extend(errors)
        self.broken |= bool(errors) and not rows


def read_rows(
    source: str | Path | IO[bytes], fmt: str | None = None
) -> tuple[list[Row], list[RowError]]:
    """The antenna rows of a file (path or binary file object) and its read errors.

    ``fmt`` defaults to the file name's extension. Blank rows are skipped.
    """
    sheets = read_file(source, fmt)
    return sheets.antennas, sheets.errors


def read_file(
    source: str | Path | IO[bytes],
    fmt: str | None = None,
    *,
    services: str | Path | IO[bytes] | None = None,
    contacts: str | Path | IO[bytes] | None = None,
) -> Sheets:
    """Every sheet of a file, plus the services and contacts given as files of
    their own (a CSV file, a JSON list or an XLSX workbook's sheet of that name,
    else its first sheet)."""
    sheets = _read(source, fmt, None)
    for extra, sheet in ((services, SERVICES), (contacts, CONTACTS)):
        if extra is not None:
            found = _read(extra, None, sheet)
            sheet_rows = getattr(found, sheet.name)
            sheets.add(sheet, sheet_rows or [], found.errors)
    return sheets


def _read(
    source: str | Path | IO[bytes], fmt: str | None, only: Sheet | None
) -> Sheets:
    if fmt is None:
        fmt = detect_format(getattr(source, "name", None) or str(source))
    if fmt not in FORMATS:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt]
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as stream:
                return reader(stream, only)
        except OSError as error:
            raise FormatError(
                _("Cannot read %(name)s: %(error)s")
                % {"name": source, "error": error.strerror or error}
            ) from error
    return reader(source, only)


def _text(value: Any) -> str:
    """A cell as stripped text (XLSX and JSON cells may be numbers or dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _absent(sheet: Sheet, present: set[str]) -> frozenset[str]:
    """The optional columns a file leaves out that mean "leave as it is"."""
    return frozenset(sheet.optional - present - sheet.absent_means_empty)


def _header(
    cells: Sequence[Any], sheet: Sheet, line: int = 1
) -> tuple[dict[str, int], list[RowError]]:
    """Map each column to its position; errors for unknown, repeated, missing ones."""
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for position, cell in enumerate(cells):
        name = _text(cell).lstrip("\ufeff").strip().lower()
        if not name or name in NOTE_COLUMNS:
            continue
        if name not in sheet.columns:
            errors.append(RowError(line, name, _("Unknown column."), sheet.name))
        elif name in positions:
            errors.append(
                RowError(line, name, _("This column appears twice."), sheet.name)
            )
        else:
            positions[name] = position
    for name in sheet.columns:
        if name not in positions and name not in sheet.optional:
            errors.append(RowError(line, name, _("Missing column."), sheet.name))
    return positions, errors


def _row(
    line: int, cells: Sequence[Any], positions: dict[str, int], sheet: Sheet
) -> Row:
    return Row(
        line,
        {
            name: _text(cells[positions[name]])
            if name in positions and positions[name] < len(cells)
            else ""
            for name in sheet.columns
        },
        _absent(sheet, set(positions)),
        sheet.name,
    )


def _read_csv(stream: IO[bytes], only: Sheet | None) -> Sheets:
    sheet = only or ANTENNAS
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        rows, errors = _csv_rows(reader, sheet)
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except csv.Error as error:
        raise FormatError(
            _("Line %(line)d: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error
    finally:
        text.detach()
    sheets = Sheets()
    sheets.add(sheet, rows, errors)
    return sheets


def _csv_rows(reader: Any, sheet: Sheet) -> tuple[list[Row], list[RowError]]:
    header = next(reader, None)
    if header is None:
        raise FormatError(_("The file is empty."))
    if len(header) == 1 and header[0].count(";") >= len(sheet.columns) // 4:
        raise FormatError(_("The columns must be separated by commas, not semicolons."))
    positions, errors = _header(header, sheet)
    if errors:
        return [], errors
    rows: list[Row] = []
    previous = reader.line_num
    for cells in reader:
        line, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            errors.append(
                RowError(
                    line,
                    "",
                    _("This row has %(count)d values, the header %(columns)d.")
                    % {"count": len(cells), "columns": len(header)},
                    sheet.name,
                )
            )
            continue
        rows.append(_row(line, cells, positions, sheet))
    return rows, errors


def _worksheets(workbook: Any, only: Sheet | None) -> list[tuple[Sheet, Any]]:
    """The worksheets to read: ``antennas`` (else the first sheet, unless it is
    named like another sheet), ``services`` and ``contacts``; for a file of one
    sheet, the worksheet of that name, else the first."""
    by_name = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
    first = workbook.worksheets[0]
    if only is not None:
        return [(only, by_name.get(only.name, first))]
    main = by_name.get("antennas")
    if main is None and first.title.strip().lower() not in SHEET_NAMES:
        main = first
    found = [(ANTENNAS, main)] if main is not None else []
    found += [
        (sheet, by_name[sheet.name])
        for sheet in (SERVICES, CONTACTS)
        if sheet.name in by_name
    ]
    return found


def _read_xlsx(stream: IO[bytes], only: Sheet | None) -> Sheets:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise FormatError(_("This is not a readable XLSX file.")) from error
    try:
        if not workbook.worksheets:
            raise FormatError(_("The workbook has no sheet."))
        sheets = Sheets()
        for sheet, worksheet in _worksheets(workbook, only):
            sheets.add(sheet, *_xlsx_rows(worksheet, sheet))
        return sheets
    finally:
        workbook.close()


def _xlsx_rows(worksheet: Any, sheet: Sheet) -> tuple[list[Row], list[RowError]]:
    lines = worksheet.iter_rows(values_only=True)
    header = next(lines, None)
    if header is None:
        if sheet is not ANTENNAS:
            return [], []
        raise FormatError(_("The first sheet is empty."))
    positions, errors = _header(header, sheet)
    if errors:
        return [], errors
    rows = [
        _row(line, cells, positions, sheet)
        for line, cells in enumerate(lines, start=2)
        if any(_text(cell) != "" for cell in cells)
    ]
    return rows, []


def _read_json(stream: IO[bytes], only: Sheet | None) -> Sheets:
    try:
        data = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except json.JSONDecodeError as error:
        raise FormatError(
            _("Invalid JSON on line %(line)d: %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    sheets = Sheets()
    if isinstance(data, list):
        sheet = only or ANTENNAS
        sheets.add(sheet, *_json_rows(data, sheet))
        return sheets
    if not isinstance(data, dict) or only is not None:
        raise FormatError(_("The JSON file must contain a list of objects."))
    unknown = sorted(str(key) for key in data if key not in SHEET_NAMES)
    if unknown:
        raise FormatError(
            _("Unknown part “%(name)s”: expected antennas, services and contacts.")
            % {"name": unknown[0]}
        )
    for name, items in data.items():
        if not isinstance(items, list):
            raise FormatError(
                _("“%(name)s” must be a list of objects.") % {"name": name}
            )
        sheet = SHEET_NAMES[name]
        sheets.add(sheet, *_json_rows(items, sheet))
    return sheets


def _json_rows(items: list[Any], sheet: Sheet) -> tuple[list[Row], list[RowError]]:
    rows: list[Row] = []
    errors: list[RowError] = []
    for index, item in enumerate(items, start=1):
        row = _json_row(index + 1, item, errors, sheet)
        if row is not None:
            rows.append(row)
    return rows, errors


def _json_row(line: int, item: Any, errors: list[RowError], sheet: Sheet) -> Row | None:
    """One object of a JSON file as a row (None when it is not one or is empty)."""
    if not isinstance(item, dict):
        errors.append(RowError(line, "", _("This item is not an object."), sheet.name))
        return None
    values: dict[str, str] = {}
    keys = {str(key).strip().lower() for key in item}
    for key, value in item.items():
        name = str(key).strip().lower()
        if name in NOTE_COLUMNS:
            continue
        if name not in sheet.columns:
            errors.append(RowError(line, name, _("Unknown column."), sheet.name))
        elif isinstance(value, list) and name in sheet.lists:
            values[name] = ";".join(_text(part) for part in value)
        elif isinstance(value, dict | list):
            errors.append(RowError(line, name, _("Expected a text value."), sheet.name))
        else:
            values[name] = _text(value)
    for name in sheet.columns:
        if name not in keys and name not in sheet.optional:
            errors.append(RowError(line, name, _("Missing column."), sheet.name))
    if not any(values.values()):
        return None
    return Row(
        line,
        {name: values.get(name, "") for name in sheet.columns},
        _absent(sheet, keys),
        sheet.name,
    )


# ---------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------


def write_rows(
    rows: Sequence[dict[str, str]],
    target: str | Path | IO[bytes],
    fmt: str | None = None,
    sheet: Sheet = ANTENNAS,
) -> None:
    """Write one sheet's rows in ``fmt`` (default: from the file name) to a path or
    binary file: a CSV file, a JSON list or a workbook of one sheet.

    CSV is UTF-8 with a BOM (so that spreadsheet programs recognise the encoding);
    JSON is an indented list of objects whose values are strings; XLSX cells are
    text, so that leading zeros survive.
    """
    _write({sheet: rows}, target, fmt, container=False)


def write_sheets(
    sheets: dict[Sheet, Sequence[dict[str, str]]],
    target: str | Path | IO[bytes],
    fmt: str | None = None,
) -> None:
    """Write several sheets in one file: a workbook with a sheet each, or a JSON
    object ``{"antennas": [...], "services": [...], "contacts": [...]}``. CSV holds
    one sheet only (:func:`write_rows`)."""
    _write(sheets, target, fmt, container=True)


def _write(
    sheets: dict[Sheet, Sequence[dict[str, str]]],
    target: str | Path | IO[bytes],
    fmt: str | None,
    *,
    container: bool,
) -> None:
    if fmt is None:
        fmt = detect_format(getattr(target, "name", None) or str(target))
    if isinstance(target, str | Path):
        with open(target, "wb") as stream:
            _write(sheets, stream, fmt, container=container)
        return
    if fmt == "csv" and len(sheets) == 1:
        _write_csv(*next(iter(sheets.items())), target)
    elif fmt == "json":
        _write_json(sheets, target, container)
    elif fmt == "xlsx":
        _write_xlsx(sheets, target)
    else:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})


def _sheet_name(sheet: Sheet) -> str:
    return sheet.name or "antennas"


def _write_csv(sheet: Sheet, rows: Sequence[dict[str, str]], target: IO[bytes]) -> None:
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(sheet.columns)
    for row in rows:
        writer.writerow([row[column] for column in sheet.columns])
    text.flush()
    text.detach()


def _write_json(
    sheets: dict[Sheet, Sequence[dict[str, str]]], target: IO[bytes], container: bool
) -> None:
    data: Any = {
        _sheet_name(sheet): [
            {column: row[column] for column in sheet.columns} for row in rows
        ]
        for sheet, rows in sheets.items()
    }
    if not container:
        data = next(iter(data.values()))
    target.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())


def _write_xlsx(
    sheets: dict[Sheet, Sequence[dict[str, str]]], target: IO[bytes]
) -> None:
    workbook = Workbook(write_only=True)
    for sheet, rows in sheets.items():
        worksheet = workbook.create_sheet(_sheet_name(sheet))
        worksheet.append(list(sheet.columns))
        for row in rows:
            worksheet.append([row[column] or None for column in sheet.columns])
    workbook.save(target)
