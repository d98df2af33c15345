"""`csv`: one row per finding (`rows.FINDING_COLUMNS`), UTF-8 with a byte-order mark, so that
Excel and WPS open the Chinese text correctly by double-click; rows end with CRLF as Excel writes
them. A text starting with = + - or @ is prefixed with ' so that a spreadsheet shows it, never runs it."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output
from linter.formatters.rows import FINDING_COLUMNS, Value, finding_rows
from linter.hookspecs import hookimpl

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@")


def _cell(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(output: Output, stream: TextIO) -> None:
    import csv

    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    writer.writerows([_cell(value) for value in row] for row in finding_rows(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("csv", write_csv, "a table of findings for Excel/WPS (UTF-8 with BOM)")]
