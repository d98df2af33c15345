"""Reports with hand-built tables, for testing table rules without the table recogniser.

Each table row becomes one tab-separated line of a small document, so every cell has a real
location: row i of a table starting at line n is line n + i, and each cell starts where its raw
text lands after the label and one tab per cell.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from linter.model import Cell, Label, Location, Malformation, Report, Table, text_document
from linter.tablenames import row_name
from linter.templates import all_templates

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def parse_value(raw: str) -> tuple[int | Decimal | None, str]:
    """(value, kind) of a cell as the recogniser reads it."""
    text = raw.strip()
    if not text:
        return None, "blank"
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, "text"
    if number != number.to_integral_value() or "." in text:
        return number, "decimal"
    return int(number), "signed" if text[0] in "+-" else "int"


def make_table(table_id: str, year: str, rows: dict[str, list[object]], first_line: int = 1) -> Table:
    """Table `table_id` of template `year` with `rows`: row id → values in the template's column order."""
    template = all_templates()[year].tables[table_id]
    table = Table(table_id, year, Location(first_line, 1, first_line, 1))
    for offset, (row_id, values) in enumerate(rows.items()):
        line = first_line + offset
        column = len(row_name(row_id, template)) + 2
        columns = template.columns_of(row_id)
        text = row_name(row_id, template)
        table.row_labels.append(Label(text, Location(line, 1, line, len(text) + 1), row_id,
                                      template.row(row_id).label, 100.0))
        for spec, raw in zip(columns, values, strict=True):
            text = "" if raw is None else str(raw)
            value, kind = parse_value(text)
            where = Location(line, column, line, column + len(text))
            table.cells[(row_id, spec.id)] = Cell(table_id, row_id, spec.id, value, kind, text, where)
            column += len(text) + 1
    return table


def table_three(year: str = "2021", **changes: list[object]) -> Table:
    """A consistent table 三 (3 new requests, 1 carried over: 2 disclosed, 1 unavailable, 1 carried
    forward), with whole rows replaced by `changes` (row id → 7 values)."""
    rows = {row.id: [0] * 7 for row in all_templates()[year].tables["三"].rows}
    rows["一"] = [2, 1, 0, 0, 0, 0, 3]
    rows["二"] = [1, 0, 0, 0, 0, 0, 1]
    rows["（一）"] = [2, 0, 0, 0, 0, 0, 2]
    rows["（四）1"] = [0, 1, 0, 0, 0, 0, 1]
    rows["（七）"] = [2, 1, 0, 0, 0, 0, 3]
    rows["四"] = [1, 0, 0, 0, 0, 0, 1]
    rows.update(changes)
    return make_table("三", year, rows, first_line=10)


def table_four(values: list[object], year: str = "2021") -> Table:
    return make_table("四", year, {"数量": values}, first_line=50)


def report_with(*tables: Table, year: int = 2022, template: str | None = None, body: str = "某县某镇人民政府",
                body_kind: str = "town") -> Report:
    """A report holding `tables`, in a 60-line document with each table row written as a tab-separated line."""
    lines = [""] * 60
    for table in tables:
        for label in table.row_labels:
            cells = sorted((c for c in table.cells.values() if c.row == label.template_id),
                           key=lambda c: c.location.column)
            lines[label.location.line - 1] = label.text + "".join("\t" + c.raw for c in cells)
    document = text_document("report.txt", "\n".join(lines))
    report = Report(document, body=body, body_kind=body_kind, year=year, year_source="title")
    report.template = template or (tables[0].template if tables else None)
    report.tables = {t.id: t for t in tables}
    return report


def malformed(table: Table, reason: str = "每行只有 4 个数字，模板为 7 列") -> Table:
    table.malformed.append(Malformation(reason, Location(table.location.line + 2, 1, table.location.line + 2, 9)))
    return table
