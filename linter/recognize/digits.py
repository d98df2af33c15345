"""Splitting numbers that run together ("640020470") into a table row's cells.

A row of flattened text keeps its digits but loses the boundaries between cells; white space
that is left ("0 00000") is a boundary, but a group between spaces may hold several cells.
`splits` lists every way to cut a row's groups into the row's cells such that each cell is
written as the template's column allows: a count is "0" or has no leading zero, only a signed
column (本年增/减) takes a sign, only a money column a decimal point and a unit, and no cell
is longer than a real figure. `solve` then keeps, for every row of a table, the splits that
the template's identities (A1–A4, rules/templates/*.yaml) allow: an identity that some
combination of the candidates satisfies removes the candidates that take part in no such
combination; an identity no combination satisfies is broken whatever the split, and removes
nothing (the sum rules report it). Candidates that remain are the cell's possible values; a
cell is read only when they agree. Every bound (the search, the sets of sums) gives up to
"ambiguous" rather than guess or take long.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from linter.identities import parse
from linter.memo import Memo
from linter.model import CellKind
from linter.templates import Template, per_template

_COUNT = re.compile(r"0|[1-9]\d{0,8}")
_SIGNED = re.compile(r"[+-]?(?:0|[1-9]\d{0,8})")
_MONEY = re.compile(r"(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?(?:万元|元)?")
_PATTERNS = {"count": _COUNT, "signed": _SIGNED, "money": _MONEY}
_LONGEST = {"count": 9, "signed": 10, "money": 21}
MAX_STEPS = 5_000
"""Search steps per row; a row that needs more is left ambiguous."""
MAX_SPLITS = 2_000
_MAX_SUMS = 4_096


@dataclass(frozen=True)
class Piece:
    """One cell of a split: its value and where it stands (group index, offsets in the group)."""

    value: int | Decimal
    kind: CellKind
    group: int
    start: int
    end: int
    unit: str = ""


Split = tuple[Piece, ...]


@functools.lru_cache(maxsize=8192)
def read_cell(text: str, column_kind: str) -> tuple[int | Decimal, CellKind, str] | None:
    """The value, cell kind and unit of `text` as a whole cell of a column of `column_kind`."""
    if not _PATTERNS.get(column_kind, _COUNT).fullmatch(text):
        return None
    unit = next((u for u in ("万元", "元") if text.endswith(u)), "")
    number = text[:len(text) - len(unit)]
    if column_kind == "money" and ("." in number or unit):
        return Decimal(number), "decimal", unit
    return int(number), ("signed" if number[0] in "+-" else "int"), ""


def splits(groups: Sequence[str], kinds: Sequence[str]) -> tuple[Split, ...] | None:
    """Every split of `groups` into len(kinds) cells, in order; None when there are too many
    to list (the row is then ambiguous as a whole). Remembered when there are few (rows of
    zeros and the like come again in report after report; a row with many splits is rare)."""
    key = (tuple(groups), tuple(kinds))
    known = _known_splits.get(key, _UNKNOWN)
    if known is _UNKNOWN:
        known = _splits(*key)
        if known is None or len(known) <= _REMEMBERED_SPLITS:
            _known_splits.keep(key, known)
    return known


_UNKNOWN = object()
_REMEMBERED_SPLITS = 4
_known_splits: Memo = Memo(2_048)
"""A row's splits by (digit groups, column kinds)."""


def _splits(groups: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[Split, ...] | None:
    found: list[Split] = []
    steps = 0
    remaining = [sum(len(g) for g in groups[i:]) for i in range(len(groups) + 1)]
    longest = {kind: _LONGEST.get(kind, _LONGEST["count"]) for kind in kinds}
    room = [sum(longest[k] for k in kinds[column:]) for column in range(len(kinds) + 1)]  # from each column on

    def walk(group: int, offset: int, column: int, taken: list[Piece]) -> bool:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS or len(found) > MAX_SPLITS:
            return False
        left = remaining[group] - offset
        if column == len(kinds):
            if group == len(groups):
                found.append(tuple(taken))
            return True
        # Each cell needs a character and each group a cell; no cell is longer than its column allows.
        if len(groups) - group > len(kinds) - column or left < len(kinds) - column:
            return True
        if left > room[column]:
            return True
        text = groups[group]
        for end in range(offset + 1, min(len(text), offset + longest[kinds[column]]) + 1):
            cell = read_cell(text[offset:end], kinds[column])
            if cell is None:
                continue
            taken.append(Piece(cell[0], cell[1], group, offset, end, cell[2]))
            at_end = end == len(text)
            ok = walk(group + 1 if at_end else group, 0 if at_end else end, column + 1, taken)
            taken.pop()
            if not ok:
                return False
        return True

    if not walk(0, 0, 0, []) or len(found) > MAX_SPLITS:
        return None
    return tuple(found)


@dataclass(frozen=True)
class Term:
    """A cell of an identity instance on one table, with its sign."""

    sign: int
    row: str
    column: str


@per_template
def identity_instances(template: Template, table_id: str) -> list[list[Term]]:
    """The template's identities on table `table_id`, each instance as terms of left − right = 0
    (made once per template: callers must not change it)."""
    table = template.tables[table_id]
    rows = [r.id for r in table.rows]
    columns = list(dict.fromkeys(c.id for r in table.rows for c in table.columns_of(r.id)))
    instances = []
    for identity in template.identities:
        if identity.table != table_id:
            continue
        left, right = parse(identity.expr)
        for bindings in _bindings(identity.for_each, rows, columns):
            terms = []
            for sign, side in ((1, left), (-1, right)):
                for term in side:
                    row, column = term.row.format(**bindings), term.column.format(**bindings)
                    terms += [Term(sign * term.sign, r, c)
                              for r in _expand(row, rows) for c in _expand(column, columns)]
            instances.append(terms)
    return instances


def _bindings(for_each: object, rows: list[str], columns: list[str]) -> list[dict[str, str]]:
    if for_each == "columns":
        return [{"column": c} for c in columns]
    if for_each == "rows":
        return [{"row": r} for r in rows]
    if isinstance(for_each, dict):
        (name, values), = for_each.items()
        return [{str(name): str(v)} for v in values]
    return [{}]


def _expand(pattern: str, ids: list[str]) -> list[str]:
    return [i for i in ids if i.startswith(pattern[:-1])] if pattern.endswith("*") else [pattern]


Options = dict[str, list[dict[str, int | Decimal]]]
"""For each row, its candidate readings (column → value)."""


def solve(options: Options, instances: Iterable[list[Term]]) -> Options:
    """The candidates of each row that the identities allow (see the module docstring)."""
    instances = [t for t in instances if all(term.row in options for term in t)]
    current = {row: list(values) for row, values in options.items()}
    changed = True
    while changed:
        changed = False
        for terms in instances:
            changed |= _prune(current, terms)
    return current


def _prune(current: Options, terms: list[Term]) -> bool:
    by_row: dict[str, list[Term]] = {}
    for term in terms:
        by_row.setdefault(term.row, []).append(term)
    rows = list(by_row)
    contributions = []
    for row in rows:
        values = []
        for option in current[row]:
            if any(t.column not in option for t in by_row[row]):
                return False  # a cell the identity names is not there: it is not checked
            values.append(sum(t.sign * option[t.column] for t in by_row[row]))
        contributions.append(values)
    prefix = [frozenset({0})]
    for values in contributions:
        prefix.append(_add(prefix[-1], values))
    if prefix[-1] is None or 0 not in prefix[-1]:
        return False  # unbounded, or broken whatever the split
    suffix = [frozenset({0})]
    for values in reversed(contributions):
        suffix.append(_add(suffix[-1], values))
    suffix.reverse()
    changed = False
    for position, row in enumerate(rows):
        before, after = prefix[position], suffix[position + 1]
        others = None if before is None or after is None else _add(before, after)
        if others is None:
            continue
        kept = [o for o, v in zip(current[row], contributions[position], strict=True) if -v in others]
        if len(kept) < len(current[row]):
            current[row], changed = kept, True
    return changed


def _add(sums: frozenset | None, values: Iterable) -> frozenset | None:
    """Every a + b (a in sums, b in values); None when unknown or too many to keep."""
    if sums is None:
        return None
    values = set(values)
    if len(sums) * len(values) > _MAX_SUMS * 4:
        return None
    result = frozenset(a + b for a in sums for b in values)
    return result if len(result) <= _MAX_SUMS else None
