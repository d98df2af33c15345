"""What the table rules share: which template a table follows, and how a clerk names a cell
("表三（七）总计·总计", "表四 行政复议·总计")."""

from __future__ import annotations

import re

from linter.diagnostics import CellRef
from linter.model import Cell, Report, Table
from linter.templates import TableTemplate, all_templates
from linter.textnorm import CHINESE_NUMERALS


def followed_year(report: Report, table: Table) -> str | None:
    """The template year ("2019"/"2021") `table` follows: its own, else the report's."""
    return table.template or report.template


def cell_ref(cell: Cell) -> CellRef:
    return CellRef(cell.table, cell.row, cell.column)


def table_template(table_id: str, template_year: str | None) -> TableTemplate | None:
    """The template of table `table_id` for `template_year` ("2019"/"2021"), if known."""
    template = all_templates().get(template_year or "")
    return template.tables.get(table_id) if template else None


def template_of(report: Report, table_id: str) -> TableTemplate | None:
    """The template of the report's table `table_id`, in the year that table follows."""
    return table_template(table_id, followed_year(report, report.tables[table_id]))


def row_name(row_id: str, template: TableTemplate | None) -> str:
    """"一、本年新收政府信息公开申请数量", "（七）总计", "（四）1.本机关不掌握相关政府信息", "规章"."""
    row = template.row(row_id) if template else None
    # The template's remark "（区分处理的，只计这一情形，不计其他情形）" is not part of the name.
    label = re.sub(r"（[^（）]*）$", "", row.label) if row else ""
    if not label or label == row_id:
        return row_id
    if row_id in CHINESE_NUMERALS:
        return f"{row_id}、{label}"
    if row_id[-1].isdigit():
        return f"{row_id}.{label}"
    return f"{row_id}{label}"


def column_name(column_id: str, template: TableTemplate | None) -> str:
    """"行政复议/总计" → "行政复议·总计" when the part before / names a group of columns ("本年增/减" stays)."""
    group = column_id.split("/")[0] + "/"
    if template is not None and sum(c.id.startswith(group) for c in template.columns) > 1:
        return column_id.replace("/", "·")
    return column_id


def row_title(table_id: str, row_id: str, template: TableTemplate | None) -> str:
    """"表三（七）总计", "表二 规章"; just "表四" for a table of one row."""
    if template is not None and len(template.rows) == 1:
        return f"表{table_id}"
    row = row_name(row_id, template)
    return f"表{table_id}{'' if row.startswith('（') else ' '}{row}"


def cell_name(cell: Cell | CellRef, template: TableTemplate | None) -> str:
    """"表三（七）总计·总计", "表二 规章·本年制发件数", "表四 行政复议·总计"."""
    title = row_title(cell.table, cell.row, template)
    joint = " " if title == f"表{cell.table}" else "·"
    return f"{title}{joint}{column_name(cell.column, template)}"
