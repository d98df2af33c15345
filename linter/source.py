"""The source text behind a location, for carets in output and for baseline fingerprints."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from linter.digests import sha256
from linter.model import Document, Location
from linter.textnorm import squash


def source_lines(document: Document, location: Location) -> list[str]:
    """The document lines a location covers (for PDF/DOCX: the extracted lines there)."""
    if document.source_text is not None and location.page is None and location.logical is None:
        return document.stored_lines[location.line - 1:location.end_line]
    placed = document.placed_lines.get((location.page, location.logical), [])
    first = bisect_left(placed, (location.line, -1))
    covered = placed[first:bisect_right(placed, (location.end_line, len(document.lines)))]
    return [document.lines[index].text for index in sorted({index for _, index in covered})]


@dataclass(frozen=True)
class FlaggedLine:
    """The first source line of a finding, with the flagged span's 0-based offsets on it."""

    text: str
    """The line as stored, a tab shown as one space (so offsets and columns agree)."""
    start: int
    end: int
    """Exclusive; the line's end when the span goes on to later lines."""

    def around(self, context: int = 60, longest: int = 200) -> FlaggedLine:
        """The line cut to `context` characters either side of the span (a span longer than
        `longest` is cut too); "…" marks each cut. Paragraphs often sit on one long line."""
        start, end = self.start, max(self.end, self.start)
        cut_span = end - start > longest
        end = start + longest if cut_span else end
        left = max(0, start - context)
        right = end if cut_span else min(len(self.text), end + context)
        prefix = "…" if left else ""
        suffix = "…" if right < len(self.text) else ""
        shift = len(prefix) - left
        return FlaggedLine(prefix + self.text[left:right] + suffix, start + shift, end + shift)


def flagged_line(document: Document | None, location: Location) -> FlaggedLine | None:
    """The source line to show under a finding, for documents read as text (plain text, Markdown,
    HTML source); None where the file has no line to show (a PDF page, a DOCX cell: `location.place`)."""
    if document is None or location.place:
        return None
    lines = source_lines(document, location)
    if not lines:
        return None
    text = lines[0].replace("\t", " ")
    end = location.end_column - 1 if location.end_line == location.line else len(text)
    return FlaggedLine(text, location.column - 1, end)


def excerpt(document: Document | None, location: Location) -> FlaggedLine | None:
    """What output shows under a finding: its flagged line cut around the span (`FlaggedLine.around`).
    Made where the file is checked, so the output needs no document."""
    flagged = flagged_line(document, location)
    return flagged.around() if flagged else None


def placed_line(document: Document | None, location: Location) -> FlaggedLine | None:
    """For a location with a place (a DOCX paragraph or table cell, a line on a PDF page): the
    line of the text copy it is on — the paragraph, the table row, the PDF line — with its span."""
    from linter.loaders.docx import unnamed

    if document is None or not location.place:
        return None
    logical = unnamed(location.logical)
    for line in document.lines:
        ends = [s.offset for s in line.segments[1:]] + [len(line.text)]
        for segment, end in zip(line.segments, ends, strict=True):
            if (segment.page, segment.logical, segment.line) != (location.page, logical, location.line):
                continue
            start = segment.offset + location.column - segment.column
            if segment.offset <= start <= end:
                stop = start + location.end_column - location.column if location.end_line == location.line else end
                return FlaggedLine(line.text.replace("\t", " "), start, min(max(stop, start), len(line.text)))
    return None


def text_fingerprint(code: str, document: Document | None, location: Location, message: str) -> str:
    """A location-independent identity: the code and the normalised text of the flagged lines.

    Line numbers are left out on purpose, so inserting text above a finding keeps its identity.
    Without source text (or on an empty line) the message stands in for it.
    """
    text = squash("".join(source_lines(document, location))) if document else ""
    digest = sha256(f"{code}\0{text or message}".encode()).hexdigest()
    return digest[:20]
