"""What the spreadsheet formats (`csv`, `xlsx`) share: one row per finding, with Chinese headers.

A finding in a Word file names its place as "段落12" or "表2/行5/格3" (`linter.loaders.docx`);
the row splits that into numbers, so a spreadsheet can sort and filter by table or paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.diagnostics import Diagnostic
from linter.engine import FileResult
from linter.formatters import SEVERITY_LABELS, Output

FINDING_COLUMNS = ("文件", "机关", "年度", "模板", "代码", "级别", "问题说明", "行", "列", "页（PDF）",
                   "段落（Word）", "表（Word）", "表行（Word）", "单元格（Word）", "表格单元", "指纹")
"""Headers of the findings table, in the order of `finding_row`."""

_PARAGRAPH = re.compile(r"段落(\d+)")
_TABLE_CELL = re.compile(r"表(\d+)/行(\d+)/格(\d+)")

Value = str | int | None


def word_place(logical: str | None) -> tuple[int | None, int | None, int | None, int | None]:
    """(paragraph, table, row, cell) of a Word place ("段落12" → (12, None, None, None))."""
    if not logical:
        return None, None, None, None
    if match := _TABLE_CELL.fullmatch(logical):
        return None, *(int(group) for group in match.groups())
    if match := _PARAGRAPH.fullmatch(logical):
        return int(match.group(1)), None, None, None
    return None, None, None, None


def finding_row(result: FileResult, d: Diagnostic) -> list[Value]:
    info = result.info
    loc = d.location
    return [d.path, info and info.body, info and info.year, info and info.template, d.code,
            SEVERITY_LABELS[d.severity], d.message, loc.line, loc.column, loc.page, *word_place(loc.logical),
            str(d.cell) if d.cell else None, d.fingerprint]


def finding_rows(output: Output) -> Iterator[list[Value]]:
    for result in output.results:
        for d in result.diagnostics:
            yield finding_row(result, d)
