"""The report model: what the recogniser makes of a `Document` and what rules read.

A `Report` is the title, year, sections, paragraphs and the three statistical tables mapped
onto the national template, cell by cell; every part keeps its `Location` in the file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from linter.model.document import Document, Location
from linter.textnorm import SECTION_NUMERALS

YearSource = Literal["title", "period", "prose", "config"]
CellKind = Literal["int", "signed", "decimal", "blank", "text", "ambiguous"]


@dataclass
class Title:
    """The report's title and the lines it takes."""

    text: str
    location: Location
    lines: tuple[int, int]


@dataclass
class Section:
    """A top-level section of the report (一 … 六)."""

    number: str
    """The Chinese numeral written in the heading: 一 … 六."""
    title: str
    """Heading text after the number, as written."""
    heading: Location
    heading_line: int
    body: tuple[int, int]
    """Line indices of the section body: first, last (inclusive); empty when first > last."""
    level: int | None = None
    """Markdown heading level (number of #), None for plain text."""
    template_title: str = ""
    """The template's title for this number."""
    similarity: float = 100.0
    """How close the written title is to the template's (0–100)."""

    @property
    def ordinal(self) -> int:
        return SECTION_NUMERALS.index(self.number) + 1


@dataclass
class Paragraph:
    """A paragraph of prose (a section's text, not a table), with the section it is in."""

    text: str
    lines: tuple[int, int]
    location: Location
    section: str | None = None


@dataclass(slots=True)
class Cell:
    """A number (or blank) of one of the tables 二, 三 and 四, by row and column of the template."""

    table: str
    row: str
    column: str
    value: int | Decimal | None
    kind: CellKind
    raw: str
    location: Location
    unit: str = ""
    candidates: frozenset[int | Decimal] | None = None
    """For an ambiguous cell (digits that run together and can be split in several ways that
    fit the template): the values it may have; None when there are too many to list."""

    @property
    def id(self) -> str:
        return f"{self.table}:{self.row}:{self.column}"

    def to_dict(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = str(value)
        if self.kind == "ambiguous":
            value = "ambiguous"
        data = {
            "id": self.id,
            "row": self.row,
            "column": self.column,
            "value": value,
            "kind": self.kind,
            "raw": self.raw,
            **self.location.to_dict(),
        }
        if self.unit:
            data["unit"] = self.unit
        if self.kind == "ambiguous":
            data["candidates"] = None if self.candidates is None else [
                str(v) if isinstance(v, Decimal) else v for v in sorted(self.candidates)]
        return data


@dataclass
class Label:
    """A row or column label as written, and the template label it was matched to."""

    text: str
    location: Location
    template_id: str
    template_label: str
    similarity: float
    template_year: str | None = None
    """Set when the label belongs to one template year only (e.g. 规范性文件 is 2019 wording)."""


@dataclass
class Malformation:
    """Where a table differs in shape from its template (a row missing, a row of the wrong width), and how."""

    reason: str
    location: Location


@dataclass
class Table:
    """A statistical table (二, 三 or 四) mapped onto the template."""

    id: str
    template: str | None
    location: Location
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    row_labels: list[Label] = field(default_factory=list)
    column_labels: list[Label] = field(default_factory=list)
    malformed: list[Malformation] = field(default_factory=list)
    foreign_rows: list[Label] = field(default_factory=list)
    """Rows that belong to the other template year (a mixed template)."""

    @property
    def aligned(self) -> bool:
        return not self.malformed

    def cell(self, row: str, column: str) -> Cell | None:
        return self.cells.get((row, column))

    def rows(self) -> list[str]:
        seen: dict[str, None] = {}
        for row, _ in self.cells:
            seen.setdefault(row, None)
        return list(seen)


@dataclass
class TemplateEvidence:
    """A sign of which template year the report follows, and where it is."""

    template: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Dated:
    """A date the report is dated by: when, where it is written, and which date it is in words
    ("落款日期" the signature date, "网页发布日期" the publication date in the page header)."""

    when: datetime.date
    location: Location
    what: str


@dataclass(frozen=True)
class MetadataField:
    """A value of the page metadata before the report (发布时间, 发布机构 …), where it is written."""

    value: str
    location: Location
    line: int
    """Index of the document line it stands on."""


@dataclass
class Report:
    """What recognition found in a document: title, body, year, sections, tables (the rules' input)."""

    document: Document
    title: Title | None = None
    body: str | None = None
    body_kind: str | None = None
    year: int | None = None
    year_source: YearSource | None = None
    year_location: Location | None = None
    template: str | None = None
    template_evidence: list[TemplateEvidence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    signature_date: Dated | None = None
    publication_date: Dated | None = None
    """The date the page header says the report was published (发布时间/发布日期/成文日期)."""
    metadata: dict[str, MetadataField] = field(default_factory=dict)
    """The page metadata block before the report (key as written → value), see recognize/metadata.py."""
    metadata_lines: tuple[int, int] | None = None
    """Line indices (first, last) of that block, separator included: not report text."""
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What rules computed from the report once and share (`linter.rules_api.per_report`); not
    pickled. Code that changes a report after rules read it must clear it."""

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "derived": {}}

    @property
    def path(self) -> str:
        return self.document.path

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)
