"""Cells of table rows whose digits run together (flattened text), from `digits.py`'s splits.

Every glued row of a table is split into its cells in each way its columns allow, the table's
identities choose among the splits (`digits.solve`), and each cell is then read when the
remaining splits agree on it, or else kept as ambiguous with its possible values. A figure the
prose states for a cell ("收到政府信息公开申请15件") chooses among a row's splits when some of them
give it. A cell's
location is the digits it was read from; an ambiguous cell's, every digit it may be made of.
"""

from __future__ import annotations

import re

from linter.model import Cell, Location, Malformation, Report, Table
from linter.recognize.align import Match, span_location
from linter.recognize.digits import Options, Piece, Split, identity_instances, solve, splits
from linter.recognize.tokens import Token
from linter.templates import Template


def read_glued(report: Report, table: Table, glued: dict[str, Match], template: Template) -> list[Malformation]:
    """Fill `table.cells` for the glued rows; the rows no split fits, as malformations."""
    lines = report.document.lines
    columns = {row: template.tables[table.id].columns_of(row) for row in glued}
    found: dict[str, tuple[Split, ...] | None] = {}
    problems = []
    for row, match in glued.items():
        groups = [lines[t.line].norm[t.start:t.end] for t in match.run.numbers]
        found[row] = splits(groups, [c.kind for c in columns[row]])
        if found[row] == ():
            reason = f"表{table.id}“{row} {match.row.label}”行的数字无法按模板的{len(columns[row])}列拆分"
            problems.append(Malformation(reason, span_location(lines, match.run.numbers)))
    options: Options = {row: [{c.id: v for c, v in zip(columns[row], (p.value for p in s), strict=True)}
                              for s in readings] for row, readings in found.items() if readings}
    split_of = {id(o): s for row, readings in found.items() if readings
                for s, o in zip(readings, options[row], strict=True)}
    for (row, column), cell in table.cells.items():
        if cell.kind in ("int", "signed", "decimal", "blank"):
            options.setdefault(row, [{}])[0][column] = cell.value or 0
    for row, column, value in stated_cells(report, table.id):
        readings = options.get(row)
        if row in found and readings and len(readings) > 1 and any(o.get(column) == value for o in readings):
            options[row] = [o for o in readings if o.get(column) == value]
    kept = solve(options, identity_instances(template, table.id))
    for row, readings in found.items():
        match = glued[row]
        if readings is None:
            for column in columns[row]:
                table.cells[(row, column.id)] = _unsplit(table.id, row, column.id, lines, match.run.numbers)
            continue
        if not readings:
            continue  # no split fits the columns: a malformation, no cells
        remaining = [split_of[id(o)] for o in kept.get(row, ())]
        for position, column in enumerate(columns[row]):
            pieces = [s[position] for s in remaining or readings]
            table.cells[(row, column.id)] = _cell(table.id, row, column.id, pieces, lines, match.run.numbers)
    return problems


# Prose that restates a cell, plainly about the whole body's year: "收到政府信息公开申请15件",
# "2021年发布规范性文件20份". Only used to choose among the splits of a glued row.
_STATED = (
    ("三", "一", "总计", re.compile(r"(?:共|累计)?(?:收到|新收|受理)[^。，；]{0,12}?申请(?:共|累计)?(\d{1,9})件")),
    ("二", "规范性文件", "本年新制作数量", re.compile(r"(?:制发|发布|印发|出台)(?:行政)?规范性文件(\d{1,9})[件份个]")),
    ("二", "行政规范性文件", "本年制发件数",
     re.compile(r"(?:制发|发布|印发|出台)(?:行政)?规范性文件(\d{1,9})[件份个]")),
)


def stated_cells(report: Report, table_id: str) -> list[tuple[str, str, int]]:
    """(row, column, value) of each cell of `table_id` the prose states once, unambiguously."""
    found: dict[tuple[str, str], set[int]] = {}
    for line in report.document.lines:
        if line.glued:
            continue
        for table, row, column, pattern in _STATED:
            if table == table_id:
                for match in pattern.finditer(line.norm):
                    found.setdefault((row, column), set()).add(int(match[1]))
    return [(row, column, next(iter(values))) for (row, column), values in found.items() if len(values) == 1]


def _cell(table_id: str, row: str, column: str, pieces: list[Piece], lines, tokens: list[Token]) -> Cell:
    """The cell the pieces of the remaining splits make: read when they agree on its value."""
    first = pieces[0]
    start = min(pieces, key=lambda p: (p.group, p.start))
    end = max(pieces, key=lambda p: (p.group, p.end))
    head, tail = tokens[start.group], tokens[end.group]
    location: Location = lines[head.line].locate(head.start + start.start, head.start + start.start + 1).through(
        lines[tail.line].locate(tail.start + end.end - 1, tail.start + end.end))
    raw = lines[head.line].text[head.start + start.start:tail.start + end.end] if head.line == tail.line else ""
    values = frozenset(p.value for p in pieces)
    if len(values) == 1:
        return Cell(table_id, row, column, first.value, first.kind, raw, location, first.unit)
    return Cell(table_id, row, column, None, "ambiguous", raw, location, candidates=values)


def _unsplit(table_id: str, row: str, column: str, lines, tokens: list[Token]) -> Cell:
    """A cell of a row with too many splits to list: any of the row's digits, value unknown."""
    first, last = tokens[0], tokens[-1]
    location = lines[first.line].locate(first.start, first.end).through(lines[last.line].locate(last.start, last.end))
    return Cell(table_id, row, column, None, "ambiguous", "", location)
