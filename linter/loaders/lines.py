"""Positioned text for the structured loaders (HTML, DOCX, PDF).

These loaders do not read a file line by line: they walk paragraphs, headings and table cells
and write them out as the lines the recogniser reads, the way a text copy of the report looks:
one paragraph per line with a blank line between paragraphs, one table row per line with its
cells joined by a tab. A `Piece` is text whose characters keep pointing at their source
(HTML line:column, DOCX paragraph and cell, PDF page and line); `DocumentBuilder` collects the
lines and builds the `Document`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from linter.model import Document, Format, Line, Segment

_WORD_CHAR = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True)
class Piece:
    """Text with `segments` (offsets relative to this text) mapping it to the source."""

    text: str
    segments: tuple[Segment, ...] = ()

    @classmethod
    def at(cls, text: str, line: int, column: int = 1, *, page: int | None = None,
           logical: str | None = None) -> Piece:
        """Text whose characters come from `line`:`column` onwards."""
        return cls(text, (Segment(0, line, column, page, logical),))

    def strip(self) -> Piece:
        """Without leading and trailing white space (ASCII, no-break and ideographic)."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self.slice(start, end)

    def slice(self, start: int, end: int) -> Piece:
        if start == 0 and end == len(self.text):
            return self
        if start >= end:
            return Piece("")
        segments = [s for s in self.segments if start <= s.offset < end]
        before = [s for s in self.segments if s.offset <= start]
        if before and (not segments or segments[0].offset > start):
            first = before[-1]
            moved = first.column + (start - first.offset)
            segments.insert(0, replace(first, offset=start, column=moved))
        return Piece(self.text[start:end], tuple(replace(s, offset=s.offset - start) for s in segments))


def concat(pieces: Iterable[Piece], separator: str = "") -> Piece:
    """Join pieces with `separator`, keeping every character's source position."""
    text_parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    for number, piece in enumerate(pieces):
        if number:
            text_parts.append(separator)
            length += len(separator)
        segments.extend(replace(s, offset=s.offset + length) for s in piece.segments)
        text_parts.append(piece.text)
        length += len(piece.text)
    return Piece("".join(text_parts), tuple(segments))


def join_wrapped(lines: Sequence[Piece]) -> Piece:
    """The text of a table cell written over several lines ("本年新" / "制作数量", or a vertical
    label one character per line): joined without a space, except between two Latin words."""
    parts: list[Piece] = []
    for piece in (p.strip() for p in lines):
        if not piece.text:
            continue
        if parts and _WORD_CHAR.match(parts[-1].text[-1]) and _WORD_CHAR.match(piece.text[0]):
            parts.append(Piece(" "))
        parts.append(piece)
    return concat(parts)


def table_row(cells: Sequence[Piece]) -> Piece:
    """One table row as one line: the cells' text joined by tabs, in grid order (a blank cell
    keeps the place it has, if any)."""
    return concat((join_wrapped([cell]) if cell.text else cell for cell in cells), "\t")


class DocumentBuilder:
    """Collects lines; blank lines separate paragraphs and tables as in a text copy."""

    def __init__(self) -> None:
        self._lines: list[Piece] = []

    def add(self, piece: Piece) -> None:
        self._lines.append(piece)

    def blank(self) -> None:
        """End a paragraph or table (one blank line, never two, none at the start)."""
        if self._lines and self._lines[-1].text:
            self._lines.append(Piece(""))

    def pieces(self) -> list[Piece]:
        """The lines written so far, blank lines left out."""
        return [piece for piece in self._lines if piece.text]

    def build(self, path: str, format: Format, encoding: str = "utf-8", source_text: str | None = None) -> Document:
        """The document; `source_text` is the decoded file when locations are its line:column."""
        while self._lines and not self._lines[-1].text:
            self._lines.pop()
        lines = []
        previous = Segment(0, 1, 1)
        for index, piece in enumerate(self._lines):
            segments = list(piece.segments) or [replace(previous, offset=0)]
            if segments[0].offset > 0:
                segments.insert(0, replace(segments[0], offset=0))
            previous = segments[-1]
            lines.append(Line(index, piece.text, tuple(segments)))
        return Document(path, lines, format=format, encoding=encoding, source_text=source_text)
