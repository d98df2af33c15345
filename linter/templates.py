"""The national templates (2019, 2021) read from rules/templates/*.yaml."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from linter.datacache import cached
from linter.memo import Memo
from linter.yamlfile import DataFileError, load_yaml


@dataclass(frozen=True)
class Column:
    """A column of a template table: its id, label, kind of number and group."""

    id: str
    label: str
    kind: str = "count"  # count | signed | money
    group: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Row:
    """A row of a template table; `columns` when the row has columns of its own."""

    id: str
    label: str
    subtable: str = ""
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class TableTemplate:
    """One of the tables 二, 三 and 四 as a template year has it."""

    id: str
    section: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    groups: tuple[tuple[str, str], ...] = ()
    subtables: tuple[str, ...] = ()

    def row(self, row_id: str) -> Row | None:
        return self._rows_by_id.get(row_id)

    def columns_of(self, row_id: str) -> tuple[Column, ...]:
        row = self.row(row_id)
        return row.columns if row and row.columns else self.columns

    def column(self, row_id: str, column_id: str) -> Column | None:
        return self._columns_by_row.get(row_id, self._default_columns).get(column_id)

    # Looked up for every cell of every report: indexed once per template (the first of equal ids wins).
    @functools.cached_property
    def _rows_by_id(self) -> dict[str, Row]:
        return {row.id: row for row in reversed(self.rows)}

    @functools.cached_property
    def _columns_by_row(self) -> dict[str, dict[str, Column]]:
        return {row_id: {c.id: c for c in reversed(self.columns_of(row_id))} for row_id in self._rows_by_id}

    @functools.cached_property
    def _default_columns(self) -> dict[str, Column]:
        return {c.id: c for c in reversed(self.columns)}


@dataclass(frozen=True)
class SectionTemplate:
    """One of the six sections: its numeral, its title and the titles also accepted."""

    number: str
    title: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    """A rule of a template's arithmetic (A1–A4): an expression over one table's cells."""

    id: str
    code: str
    table: str
    expr: str
    for_each: object = None


@dataclass(frozen=True)
class Template:
    """A template year: its sections, tables, identities and the years it is for."""

    year: str
    first_year: int
    last_year: int | None
    notice: str
    sections: tuple[SectionTemplate, ...]
    tables: dict[str, TableTemplate] = field(hash=False)
    identities: tuple[Identity, ...] = ()

    def covers(self, report_year: int) -> bool:
        return report_year >= self.first_year and (self.last_year is None or report_year <= self.last_year)


def _columns(items) -> tuple[Column, ...]:
    return tuple(
        Column(str(c["id"]), str(c.get("label", c["id"])), c.get("kind", "count"), c.get("group", ""),
               c.get("unit", ""))
        for c in items or ()
    )


def _table(table_id: str, data) -> TableTemplate:
    if "subtables" in data:
        rows, subtables = [], []
        for sub in data["subtables"]:
            columns = _columns(sub["columns"])
            subtables.append(str(sub["id"]))
            rows += [Row(str(r["id"]), str(r.get("label", r["id"])), str(sub["id"]), columns) for r in sub["rows"]]
        all_columns = tuple({c.id: c for row in rows for c in row.columns}.values())
        return TableTemplate(table_id, str(data["section"]), tuple(rows), all_columns, (), tuple(subtables))
    rows = tuple(Row(str(r["id"]), str(r.get("label", r["id"]))) for r in data["rows"])
    groups = tuple((str(g["id"]), str(g["label"])) for g in data.get("groups", ()))
    return TableTemplate(table_id, str(data["section"]), rows, _columns(data["columns"]), groups)


def parse_template(path: Path, text: str | None = None) -> Template:
    data = load_yaml(path, text, positions=False)
    try:
        years = data.get("years", {})
        return Template(
            year=str(data["year"]),
            first_year=int(years["from"]),
            last_year=int(years["to"]) if "to" in years else None,
            notice=str(data.get("notice", "")),
            sections=tuple(
                SectionTemplate(str(s["number"]), str(s["title"]), tuple(map(str, s.get("aliases", ()))))
                for s in data["sections"]
            ),
            tables={str(k): _table(str(k), v) for k, v in data["tables"].items()},
            identities=tuple(
                Identity(str(i["id"]), str(i["code"]), str(i["table"]), str(i["expr"]), i.get("for_each"))
                for i in data.get("identities", ())
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{path}: template is missing or has a bad field: {error}") from None


@functools.cache
def all_templates() -> dict[str, Template]:
    """Every template shipped in rules/templates, by template year ("2019", "2021")."""
    from linter.rules import FOLDER

    found = {}
    for path in sorted((FOLDER / "templates").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            text = path.read_text(encoding="utf-8")
            template = cached("template", path, text, functools.partial(parse_template, path, text), (__name__,))
            found[template.year] = template
    return found


Derived = TypeVar("Derived")


def per_template(function: Callable[..., Derived]) -> Callable[..., Derived]:
    """`function(templates, *args)` made once per template object (or dict of templates) and
    arguments: recognition derives lookups from the templates for every report. Templates are not
    hashable, so they are told apart by identity (the cache keeps them alive)."""
    made = Memo(_PER_TEMPLATE_LIMIT)

    @functools.wraps(function)
    def remembered(templates: object, *args: Hashable) -> Derived:
        key = (id(templates), *args)
        entry = made.get(key)
        if entry is None or entry[0] is not templates:
            entry = made.keep(key, (templates, function(templates, *args)))
        return entry[1]

    return remembered


_PER_TEMPLATE_LIMIT = 256  # a run has two templates; tests build more


def section_templates() -> dict[str, SectionTemplate]:
    """The six sections by number ("一" … "六"); both template years have the same."""
    return {s.number: s for s in next(iter(all_templates().values())).sections}


def template_for_year(report_year: int) -> Template | None:
    """The template a report on `report_year` must follow (None before 2019)."""
    return next((t for t in all_templates().values() if t.covers(report_year)), None)
