"""Arithmetic identities over table cells, written as expressions over cell ids.

    三:（七）:{column} + 三:四:{column} = 三:一:{column} + 三:二:{column}

A cell id is 表:行:列. A row or column ending in `*` stands for the sum of every row (column)
of that table whose id starts with the text before the `*`. `{name}` placeholders are filled
from `for_each`: "columns" or "rows" of the identity's table, or a mapping name → values.
Blank cells count as 0 (blanks are reported by their own rule); an ambiguous cell (digits that
run together, split in several ways) counts as each of its candidate values, and the identity
holds when one choice of them makes it hold. The left side holds the
total(s): a finding about an identity points at the first cell of its left side.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from linter.errors import ExpressionError
from linter.model import Cell, Table

_MAX_OPTIONS = 4_096
_SHOWN_OPTIONS = 6
_TERM = re.compile(r"\s*([+-])?\s*([^\s+=-][^\s+=]*)\s*")


@dataclass(frozen=True)
class Term:
    """One cell of an identity's side, with its sign; the names may hold `{placeholders}`."""

    sign: int
    table: str
    row: str
    column: str

    def bound(self, bindings: dict[str, str]) -> tuple[str, str, str]:
        """Table, row and column with the placeholders filled."""
        if not bindings:
            return self.table, self.row, self.column
        return self.table.format(**bindings), self.row.format(**bindings), self.column.format(**bindings)


@dataclass
class Side:
    """One side of an identity on a report's table: its cells and their sum."""

    value: int | Decimal
    """The sum of the side's cells (its known cells when some are ambiguous)."""
    cells: list[Cell]
    tolerance: Decimal
    options: frozenset[int | Decimal] | None = None
    """When some cells are ambiguous: every sum their candidate values give (None: too many,
    or a cell whose candidates are unknown)."""
    ambiguous: bool = False

    @property
    def readings(self) -> frozenset[int | Decimal] | None:
        """Every value the side may have (None: not known)."""
        return self.options if self.ambiguous else frozenset({self.value})

    @property
    def shown(self) -> str:
        """The sum in words: "5", or the possible sums of an ambiguous side ("5/14")."""
        if not self.ambiguous:
            return str(self.value)
        if self.options is None or len(self.options) > _SHOWN_OPTIONS:
            return "不确定"
        return "/".join(str(v) for v in sorted(self.options))


@dataclass
class Outcome:
    """One instance of an identity evaluated on a report's table."""

    bindings: dict[str, str]
    left: Side
    right: Side

    @property
    def total(self) -> Cell | None:
        """The cell a finding about this instance points at: the first of the left side."""
        return self.left.cells[0] if self.left.cells else None

    @property
    def holds(self) -> bool:
        """Whether the identity holds; with ambiguous cells, whether some reading of them makes it
        hold (an identity is broken only when every reading breaks it)."""
        tolerance = self.left.tolerance + self.right.tolerance
        if not (self.left.ambiguous or self.right.ambiguous):
            return abs(self.left.value - self.right.value) <= tolerance
        left, right = self.left.readings, self.right.readings
        if left is None or right is None:
            return True
        return any(abs(a - b) <= tolerance for a in left for b in right)


def parse_side(text: str) -> tuple[Term, ...]:
    terms, position = [], 0
    text = text.strip()
    if not text:
        raise ExpressionError("empty side of an identity")
    while position < len(text):
        match = _TERM.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read {text[position:]!r}")
        sign = -1 if match.group(1) == "-" else 1
        if not terms and match.group(1) is None:
            sign = 1
        elif terms and match.group(1) is None:
            raise ExpressionError(f"expected + or - before {match.group(2)!r}")
        parts = match.group(2).split(":")
        if len(parts) != 3 or not all(parts):
            raise ExpressionError(f"{match.group(2)!r} is not a cell id of the form 表:行:列")
        terms.append(Term(sign, *parts))
        position = match.end()
    return tuple(terms)


@functools.lru_cache(maxsize=1024)
def parse(expr: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Split `expr` at its single `=` into the terms of each side."""
    if expr.count("=") != 1:
        raise ExpressionError("an identity needs exactly one '='")
    left, right = expr.split("=")
    return parse_side(left), parse_side(right)


_ONE_CELL, _ROW_PATTERN, _COLUMN_PATTERN = range(3)
_BoundTerm = tuple[int, str, tuple[str, str], int]
"""sign, table, (row, column) and what they name: one cell, the rows or the columns matching a pattern."""


@functools.lru_cache(maxsize=4096)
def _bound(expr: str, bindings: tuple[tuple[str, str], ...]) -> tuple[tuple[_BoundTerm, ...], ...]:
    """Each side's terms with the placeholders filled (the same instances recur in every report
    of a template)."""
    names = dict(bindings)
    try:
        sides = tuple(tuple((t.sign, *t.bound(names)) for t in side) for side in parse(expr))
    except (KeyError, IndexError) as error:
        raise ExpressionError(f"unknown placeholder {error}") from None
    return tuple(tuple((sign, table, (row, column), _names(row, column)) for sign, table, row, column in side)
                 for side in sides)


def _names(row: str, column: str) -> int:
    if column.endswith("*"):
        return _COLUMN_PATTERN
    return _ROW_PATTERN if row.endswith("*") else _ONE_CELL


def placeholders(expr: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", expr))


def _bindings(for_each: object, table: Table) -> list[tuple[tuple[str, str], ...]]:
    """Each instance's placeholder values, as (name, value) pairs."""
    if for_each is None:
        return [()]
    if for_each == "columns":
        return [(("column", c),) for c in {col: None for _, col in table.cells}]
    if for_each == "rows":
        return [(("row", r),) for r in table.rows()]
    if isinstance(for_each, dict):
        (name, values), *rest = for_each.items()
        if rest:
            raise ExpressionError("for_each takes one name")
        return [((str(name), str(v)),) for v in values]
    raise ExpressionError("for_each must be 'columns', 'rows' or a mapping name → values")


def _matches(pattern: str, value: str) -> bool:
    return value.startswith(pattern[:-1]) if pattern.endswith("*") else value == pattern


class _TableCells:
    """Finds the cells a pattern names, in table order. A row pattern such as `（三）*` is matched
    within one column: the rows it names are found once, then looked up in each column."""

    def __init__(self, table: Table) -> None:
        self.cells = table.cells
        self._rows_named: dict[str, list[str]] = {}
        self._rows: list[str] | None = None

    def matching(self, place: tuple[str, str], names: int) -> list[Cell]:
        row, column = place
        cells = self.cells
        if names == _COLUMN_PATTERN:
            return [c for (r, col), c in cells.items() if _matches(row, r) and _matches(column, col)]
        prefix = row[:-1]
        rows = self._rows_named.get(prefix)
        if rows is None:
            if self._rows is None:  # a row's cells are added together: the rows' order is each column's
                self._rows = list({r: None for r, _ in cells})
            rows = self._rows_named[prefix] = [r for r in self._rows if r.startswith(prefix)]
        return [cells[r, column] for r in rows if (r, column) in cells]


def _decimals(cell: Cell) -> int:
    if isinstance(cell.value, Decimal):
        exponent = cell.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0


def _side(terms: tuple[_BoundTerm, ...], tables: dict[str, _TableCells]) -> Side | None:
    """The side's sum over the aligned `tables`; None when a cell it names is absent or text."""
    total: int | Decimal = 0
    cells: list[Cell] = []
    tolerance = Decimal(0)
    options: frozenset[int | Decimal] | None = frozenset({0})
    ambiguous = False
    for sign, table_id, place, names in terms:
        table = tables.get(table_id)
        if table is None:
            return None
        if names == _ONE_CELL:
            cell = table.cells.get(place)
            if cell is None:
                return None
            found: Iterable[Cell] = (cell,)
        else:
            found = table.matching(place, names)
        for cell in found:
            kind, value = cell.kind, cell.value
            if kind == "text":
                return None
            cells.append(cell)
            if kind == "ambiguous":
                ambiguous = True
                options = _add(options, [sign * v for v in cell.candidates] if cell.candidates else None)
                continue
            if value:
                total += sign * value
            if type(value) is not int:  # a decimal's places give the tolerance, even for 0.00
                digits = _decimals(cell)
                if digits:
                    tolerance += Decimal(5) / Decimal(10) ** (digits + 1)
    if not ambiguous:
        return Side(total, cells, tolerance)
    return Side(total, cells, tolerance, _add(options, [total]), ambiguous=True)


def _add(sums: frozenset | None, values: list | None) -> frozenset | None:
    """Every a + b (a in sums, b in values); None when unknown or too many to keep."""
    if sums is None or values is None or len(sums) * len(values) > _MAX_OPTIONS:
        return None
    return frozenset(a + b for a in sums for b in values)


def evaluate(expr: str, for_each: object, table_id: str, tables: dict[str, Table]) -> Iterator[Outcome]:
    """Each instance of the identity on the aligned tables; instances that name absent cells are skipped."""
    for bindings, terms, lookup in _instances(expr, for_each, table_id, tables):
        outcome = _outcome(bindings, terms, lookup)
        if outcome is not None:
            yield outcome


def broken_instances(expr: str, for_each: object, table_id: str, tables: dict[str, Table]) -> Iterator[Outcome]:
    """The instances `evaluate` gives that do not hold. Most instances hold, with every cell a
    plain integer or blank: those are summed without making their sides."""
    for bindings, (left_terms, right_terms), lookup in _instances(expr, for_each, table_id, tables):
        left = _plain_sum(left_terms, lookup)
        if left is not None and left == _plain_sum(right_terms, lookup):
            continue
        outcome = _outcome(bindings, (left_terms, right_terms), lookup)
        if outcome is not None and not outcome.holds:
            yield outcome


_Instance = tuple[tuple[tuple[str, str], ...], tuple[tuple[_BoundTerm, ...], ...], dict[str, _TableCells]]


def _instances(expr: str, for_each: object, table_id: str, tables: dict[str, Table]) -> Iterator[_Instance]:
    """Each instance's bindings and bound terms, with the aligned tables' cells."""
    table = tables.get(table_id)
    if table is None or not table.aligned:
        return
    parse(expr)  # a malformed expression is an error even where it has no instance
    lookup = {table_id: _TableCells(t) for table_id, t in tables.items() if t.aligned}
    for bindings in _bindings(for_each, table):
        yield bindings, _bound(expr, bindings), lookup


def _outcome(bindings: tuple[tuple[str, str], ...], terms: tuple[tuple[_BoundTerm, ...], ...],
             lookup: dict[str, _TableCells]) -> Outcome | None:
    left_terms, right_terms = terms
    left = _side(left_terms, lookup)
    right = _side(right_terms, lookup)
    return Outcome(dict(bindings), left, right) if left is not None and right is not None else None


def _plain_sum(terms: tuple[_BoundTerm, ...], tables: dict[str, _TableCells]) -> int | None:
    """The side's sum when every cell it names is present and an integer or blank, else None.
    (It looks cells up as `_side` does, inline: a call per term made the SUM rules a quarter slower.)"""
    total = 0
    for sign, table_id, place, names in terms:
        table = tables.get(table_id)
        if table is None:
            return None
        found = (table.cells.get(place),) if names == _ONE_CELL else table.matching(place, names)
        for cell in found:
            if cell is None:
                return None
            value = cell.value
            if type(value) is int:
                total += sign * value
            elif cell.kind != "blank":
                return None
    return total
