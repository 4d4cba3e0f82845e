"""Reading and writing the exchange format's files: CSV, XLSX and JSON rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from directory.exchange.columns import (
    COLUMNS,
    FORMATS,
    LIST_COLUMNS,
    NOTE_COLUMNS,
    OPTIONAL_COLUMNS,
    FormatError,
    Row,
    RowError,
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


def read_rows(
    source: str | Path | IO[bytes], fmt: str | None = None
) -> tuple[list[Row], list[RowError]]:
    """The data rows of a file (path or binary file object) and the header's errors.

    ``fmt`` defaults to the file name's extension. Blank rows are skipped.
    """
    if fmt is None:
        fmt = detect_format(getattr(source, "name", None) or str(source))
    if fmt not in FORMATS:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt]
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as stream:
                return reader(stream)
        except OSError as error:
            raise FormatError(
                _("Cannot read %(name)s: %(error)s")
                % {"name": source, "error": error.strerror or error}
            ) from error
    return reader(source)


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


def _absent(present: set[str]) -> frozenset[str]:
    """The optional columns a file leaves out (``receives_public`` then means yes:
    an absent column and an empty cell are the same there)."""
    return frozenset(OPTIONAL_COLUMNS - present - {"receives_public"})


def _header(
    cells: Sequence[Any], line: int = 1
) -> tuple[dict[str, int], list[RowError]]:
    """Map each column to its position; errors for unknown, repeated, missing ones."""
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for position, cell in enumerate(cells):
        name = _text(cell).lstrip("\ufeff").strip().lower()
        if not name or name in NOTE_COLUMNS:
            continue
        if name not in COLUMNS:
            errors.append(RowError(line, name, _("Unknown column.")))
        elif name in positions:
            errors.append(RowError(line, name, _("This column appears twice.")))
        else:
            positions[name] = position
    for name in COLUMNS:
        if name not in positions and name not in OPTIONAL_COLUMNS:
            errors.append(RowError(line, name, _("Missing column.")))
    return positions, errors


def _row(line: int, cells: Sequence[Any], positions: dict[str, int]) -> Row:
    return Row(
        line,
        {
            name: _text(cells[positions[name]])
            if name in positions and positions[name] < len(cells)
            else ""
            for name in COLUMNS
        },
        _absent(set(positions)),
    )


def _read_csv(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        return _csv_rows(reader)
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except csv.Error as error:
        raise FormatError(
            _("Line %(line)d: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error
    finally:
        text.detach()


def _csv_rows(reader: Any) -> tuple[list[Row], list[RowError]]:
    header = next(reader, None)
    if header is None:
        raise FormatError(_("The file is empty."))
    if len(header) == 1 and header[0].count(";") >= len(COLUMNS) // 2:
        raise FormatError(_("The columns must be separated by commas, not semicolons."))
    positions, errors = _header(header)
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
                )
            )
            continue
        rows.append(_row(line, cells, positions))
    return rows, errors


def _read_xlsx(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise FormatError(_("This is not a readable XLSX file.")) from error
    try:
        if not workbook.worksheets:
            raise FormatError(_("The workbook has no sheet."))
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise FormatError(_("The first sheet is empty."))
        positions, errors = _header(header)
        if errors:
            return [], errors
        rows = [
            _row(line, cells, positions)
            for line, cells in enumerate(lines, start=2)
            if any(_text(cell) != "" for cell in cells)
        ]
        return rows, []
    finally:
        workbook.close()


def _read_json(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    try:
        data = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except json.JSONDecodeError as error:
        raise FormatError(
            _("Invalid JSON on line %(line)d: %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    if not isinstance(data, list):
        raise FormatError(_("The JSON file must contain a list of objects."))
    rows: list[Row] = []
    errors: list[RowError] = []
    for index, item in enumerate(data, start=1):
        row = _json_row(index + 1, item, errors)
        if row is not None:
            rows.append(row)
    return rows, errors


def _json_row(line: int, item: Any, errors: list[RowError]) -> Row | None:
    """One object of a JSON file as a row (None when it is not one or is empty)."""
    if not isinstance(item, dict):
        errors.append(RowError(line, "", _("This item is not an object.")))
        return None
    values: dict[str, str] = {}
    keys = {str(key).strip().lower() for key in item}
    for key, value in item.items():
        name = str(key).strip().lower()
        if name in NOTE_COLUMNS:
            continue
        if name not in COLUMNS:
            errors.append(RowError(line, name, _("Unknown column.")))
        elif isinstance(value, list) and name in LIST_COLUMNS:
            values[name] = ";".join(_text(part) for part in value)
        elif isinstance(value, dict | list):
            errors.append(RowError(line, name, _("Expected a text value.")))
        else:
            values[name] = _text(value)
    for name in COLUMNS:
        if name not in keys and name not in OPTIONAL_COLUMNS:
            errors.append(RowError(line, name, _("Missing column.")))
    if not any(values.values()):
        return None
    return Row(line, {name: values.get(name, "") for name in COLUMNS}, _absent(keys))


# ---------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------


def write_rows(
    rows: Sequence[dict[str, str]],
    target: str | Path | IO[bytes],
    fmt: str | None = None,
) -> None:
    """Write rows in ``fmt`` (default: from the file name) to a path or binary file.

    CSV is UTF-8 with a BOM (so that spreadsheet programs recognise the encoding);
    JSON is an indented list of objects whose values are strings; XLSX cells are
    text, so that leading zeros survive.
    """
    if fmt is None:
        fmt = detect_format(getattr(target, "name", None) or str(target))
    if isinstance(target, str | Path):
        with open(target, "wb") as stream:
            write_rows(rows, stream, fmt)
        return
    writers = {"csv": _write_csv, "json": _write_json, "xlsx": _write_xlsx}
    if fmt not in writers:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})
    writers[fmt](rows, target)


def _write_csv(rows: Sequence[dict[str, str]], target: IO[bytes]) -> None:
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[column] for column in COLUMNS])
    text.flush()
    text.detach()


def _write_json(rows: Sequence[dict[str, str]], target: IO[bytes]) -> None:
    data = [{column: row[column] for column in COLUMNS} for row in rows]
    target.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())


def _write_xlsx(rows: Sequence[dict[str, str]], target: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("directory")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[column] or None for column in COLUMNS])
    workbook.save(target)
