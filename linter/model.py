"""The document model: what loaders produce and what rules read.

A loader turns bytes into a `Document`: a list of `Line`s whose text is what the recogniser
reads, each able to say where any of its characters stands in the file as the user has it.
The recogniser turns a `Document` into a `Report`: title, year, sections, paragraphs and the
three statistical tables mapped onto the national template, cell by cell.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from linter.textnorm import SECTION_NUMERALS, normalize


@dataclass(frozen=True)
class Location:
    """A place in the file as stored: 1-based line and column, end column exclusive.

    `page` is set for PDF input; `logical` names a place that has no text line of its own in
    the source (a DOCX paragraph or table cell, e.g. "表3/行5/列2").
    """

    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None = None
    logical: str | None = None

    @property
    def place(self) -> str:
        """The page and/or logical place in words ("第4页", "表2/行4/格8"); "" for plain text."""
        return "，".join(filter(None, (f"第{self.page}页" if self.page is not None else None, self.logical)))

    def through(self, end: Location) -> Location:
        """From the start of this location to the end of `end` (on this location's page and place)."""
        return Location(self.line, self.column, end.end_line, end.end_column, self.page, self.logical)

    def to_dict(self) -> dict:
        data = {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.page is not None:
            data["page"] = self.page
        if self.logical is not None:
            data["logical"] = self.logical
        return data


START_OF_FILE = Location(1, 1, 1, 1)
"""Where a finding about the whole file points (no title, a plugin that failed to load)."""


@dataclass(frozen=True)
class Segment:
    """Characters of a `Line` from `offset` on come from source `line`:`column` onwards."""

    offset: int
    line: int
    column: int
    page: int | None = None
    logical: str | None = None


@dataclass
class Line:
    """One line of text as the recogniser reads it.

    `text` is the line as stored (no line break); `norm` is the same line with full-width and
    look-alike characters folded for matching only (same length, so offsets agree).
    """

    index: int
    text: str
    segments: tuple[Segment, ...]
    norm: str = ""
    glued: bool = False
    """Table text of a flattened report whose numbers run together (see recognize/flat.py)."""

    def __post_init__(self) -> None:
        if not self.norm:
            self.norm = normalize(self.text)

    def locate(self, start: int = 0, end: int | None = None) -> Location:
        """Source location of characters `start:end` of this line."""
        end = len(self.text) if end is None else end
        first = self._segment_at(start)
        last = self._segment_at(max(start, end - 1))
        return Location(
            line=first.line,
            column=first.column + (start - first.offset),
            end_line=last.line,
            end_column=last.column + (end - last.offset),
            page=first.page,
            logical=first.logical,
        )

    def _segment_at(self, offset: int) -> Segment:
        chosen = self.segments[0]
        for segment in self.segments:
            if segment.offset <= offset:
                chosen = segment
            else:
                break
        return chosen


Format = Literal["text", "markdown", "html", "docx", "pdf"]


@dataclass(frozen=True)
class Unread:
    """A part of the file the loader could not read as text (a PDF page without a text layer),
    with the reason in Chinese; the PARSE rules report it."""

    location: Location
    reason: str


@dataclass
class Document:
    """A decoded report, as lines with their source positions."""

    path: str
    lines: list[Line]
    format: Format = "text"
    encoding: str = "utf-8"
    newline: str = "\n"
    source_text: str | None = None
    """The decoded file as stored, for text formats (used by suppression comments and --fix)."""
    unread: list[Unread] = field(default_factory=list)

    def locate_span(self, first: int, last: int) -> Location:
        """Location covering whole lines `first`..`last` (line indices, inclusive)."""
        start = self.lines[first].locate(0, 0)
        end_line = self.lines[last]
        end = end_line.locate(len(end_line.text), len(end_line.text))
        return start.through(end)


def stored_lines(text: str) -> list[str]:
    """The lines of text as stored, without their breaks (CRLF, CR or LF): item i is line i+1."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def text_document(path: str, text: str, *, format: Format = "text", encoding: str = "utf-8") -> Document:
    """Build a `Document` for text stored as-is: line i of the list is source line i+1."""
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    lines = [Line(i, raw, (Segment(0, i + 1, 1),)) for i, raw in enumerate(stored_lines(text))]
    return Document(path, lines, format=format, encoding=encoding, newline=newline, source_text=text)


# --- the recognised report -------------------------------------------------------------------

YearSource = Literal["title", "period", "prose", "config"]
CellKind = Literal["int", "signed", "decimal", "blank", "text", "ambiguous"]


@dataclass
class Title:
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
    text: str
    lines: tuple[int, int]
    location: Location
    section: str | None = None


@dataclass
class Cell:
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

    @property
    def path(self) -> str:
        return self.document.path

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)
