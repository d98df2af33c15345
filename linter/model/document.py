"""The document model: what loaders produce and what rules read.

A loader turns bytes into a `Document`: a list of `Line`s whose text is what the recogniser
reads, each able to say where any of its characters stands in the file as the user has it.
What the recogniser makes of it is the report model, `linter.model.report`.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from linter.textnorm import normalize


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """A place in the file as stored: 1-based line and column, end column exclusive.

    `page` is set for PDF input; `logical` names a place that has no text line of its own in
    the source (a DOCX paragraph or table cell, e.g. "表3/行5/列2").

    Treat it as immutable (it is hashed by value). It is not a frozen dataclass because a report
    makes hundreds of them, and a frozen one costs three times as much to make.
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

    def __reduce__(self) -> tuple:
        """Pickled as its fields (a slotted dataclass's own state is restored field by field in
        Python: findings and summaries cross processes and the run's spill file by the thousand)."""
        return Location, (self.line, self.column, self.end_line, self.end_column, self.page, self.logical)


START_OF_FILE = Location(1, 1, 1, 1)
"""Where a finding about the whole file points (no title, a plugin that failed to load)."""


@dataclass(slots=True, unsafe_hash=True)
class Segment:
    """Characters of a `Line` from `offset` on come from source `line`:`column` onwards."""

    offset: int
    line: int
    column: int
    page: int | None = None
    logical: str | None = None


def _segment_offset(segment: Segment) -> int:
    return segment.offset


@dataclass(slots=True)
class Line:
    """One line of text as the recogniser reads it.

    `text` is the line as stored (no line break); `norm` is the same line with full-width and
    look-alike characters folded for matching only (same length, so offsets agree).
    """

    index: int
    text: str
    placed: tuple[Segment, ...] | int
    """Where its characters come from: their `segments`, or for a line that is one whole source
    line from column 1 (a text file's line) only that line's number. A large text file has a
    million lines, and a Segment with its tuple costs 120 bytes more than the number."""
    norm: str = ""
    glued: bool = False
    """Table text of a flattened report whose numbers run together (see recognize/flat.py)."""

    def __post_init__(self) -> None:
        if not self.norm:
            self.norm = normalize(self.text)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Characters from `offset` on come from source `line`:`column` onwards, segment by segment."""
        placed = self.placed
        return (Segment(0, placed, 1),) if type(placed) is int else placed

    def locate(self, start: int = 0, end: int | None = None) -> Location:
        """Source location of characters `start:end` of this line."""
        end = len(self.text) if end is None else end
        if type(self.placed) is int:
            return Location(self.placed, start + 1, self.placed, end + 1)
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
        """The last segment starting at or before `offset` (the first one if none does)."""
        segments = self.placed
        if len(segments) == 1:
            return segments[0]
        return segments[max(bisect_right(segments, offset, key=_segment_offset) - 1, 0)]


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

    @functools.cached_property
    def stored_lines(self) -> list[str]:
        """`source_text` split into its lines as stored (made once: every finding's excerpt reads it)."""
        return stored_lines(self.source_text or "")

    @functools.cached_property
    def placed_lines(self) -> dict[tuple[int | None, str | None], list[tuple[int, int]]]:
        """For each (page, logical place): (source line, line index) of every segment there, sorted."""
        placed: dict[tuple[int | None, str | None], list[tuple[int, int]]] = {}
        for index, line in enumerate(self.lines):
            for segment in line.segments:
                placed.setdefault((segment.page, segment.logical), []).append((segment.line, index))
        for entries in placed.values():
            entries.sort()
        return placed

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name not in _DERIVED}

    def locate_span(self, first: int, last: int) -> Location:
        """Location covering whole lines `first`..`last` (line indices, inclusive)."""
        start = self.lines[first].locate(0, 0)
        end_line = self.lines[last]
        end = end_line.locate(len(end_line.text), len(end_line.text))
        return start.through(end)


_DERIVED = ("stored_lines", "placed_lines")


def stored_lines(text: str) -> list[str]:
    """The lines of text as stored, without their breaks (CRLF, CR or LF): item i is line i+1."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def text_document(path: str, text: str, *, format: Format = "text", encoding: str = "utf-8") -> Document:
    """Build a `Document` for text stored as-is: line i of the list is source line i+1."""
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    stored = stored_lines(text)
    lines = [Line(i, raw, i + 1) for i, raw in enumerate(stored)]
    document = Document(path, lines, format=format, encoding=encoding, newline=newline, source_text=text)
    document.stored_lines = stored  # the same strings as the lines' text, not a second copy
    return document
