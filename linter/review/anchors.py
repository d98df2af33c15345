"""Where a finding goes in the Word file: the w:r elements that hold exactly its text.

A DOCX location names a body paragraph ("第12段") with character columns, or a table cell
(see `linter.loaders.docx`). The characters are found in the paragraph's text as the loader
read it (list number first, tracked insertions in, deletions out); a run that holds more than
the finding's text is split in two at the boundary, each half keeping the run's formatting and
staying where it was (inside a w:ins, a w:hyperlink …), so the comment encloses exactly the
text it is about. A table cell's comment encloses the cell's text.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from linter.loaders.docx import (
    _W,
    BodyParagraph,
    Paragraph,
    WordTable,
    paragraph_number,
    table_place,
    text_nodes,
)
from linter.model import Location


@dataclass(frozen=True)
class Point:
    """A character position in a paragraph's text as Word shows it (its list number included)."""

    paragraph: Paragraph
    offset: int


class WordBody:
    """The paragraphs and tables of one document, as the DOCX locations number them."""

    def __init__(self, blocks: list[BodyParagraph | WordTable]) -> None:
        self.paragraphs = {b.number: b for b in blocks if isinstance(b, BodyParagraph)}
        self.tables = {b.number: b for b in blocks if isinstance(b, WordTable)}

    def span(self, location: Location, fallback: int | None) -> tuple[Point, Point] | None:
        """The text a location is about, start and end (exclusive); a location with no place
        in the body (or none that exists in this file) goes to paragraph `fallback`."""
        cell = table_place(location.logical)
        if cell is not None:
            return self._cell_span(cell.table, cell.row, cell.first_column)
        number = paragraph_number(location.logical)
        if number in self.paragraphs:
            end = location.end_line if location.end_line in self.paragraphs else number
            start_paragraph, end_paragraph = self.paragraphs[number], self.paragraphs[end]
            start = Point(start_paragraph, location.column - 1)
            stop = Point(end_paragraph, location.end_column - 1)
            if (end, stop.offset) > (number, start.offset):
                return start, stop
            return _whole([start_paragraph])  # a point: the paragraph it stands in
        if fallback in self.paragraphs:
            return _whole([self.paragraphs[fallback]])
        return None

    def _cell_span(self, table: int, row: int, column: int) -> tuple[Point, Point] | None:
        word_table = self.tables.get(table)
        if word_table is None or not 0 < row <= len(word_table.rows):
            return None
        cell = next((c for c in word_table.rows[row - 1] if c.first <= column <= c.last), None)
        if cell is None or not cell.paragraphs:
            return None
        return _whole(cell.paragraphs) or (Point(cell.paragraphs[0], 0), Point(cell.paragraphs[0], 0))


def _whole(paragraphs: list[Paragraph]) -> tuple[Point, Point] | None:
    """From the first to the last character that is not white space."""
    filled = [p for p in paragraphs if p.text.strip()]
    if not filled:
        return None
    first, last = filled[0], filled[-1]
    start = len(first.text) - len(first.text.lstrip())
    return Point(first, start), Point(last, len(last.text.rstrip()))


def runs_for(span: tuple[Point, Point]) -> tuple[object, object]:
    """The first and the last w:r of the span, runs split so that they hold exactly its text
    (an empty span: an empty run placed there)."""
    start, end = span
    if start == end:
        run = _empty_run(start)
        return run, run
    after_end = _split(end)  # the end first: the start's offsets stay valid
    first = _split(start)
    last = _run_before(end, after_end)
    return first, last


def _split(point: Point) -> object | None:
    """Split the run at `point` so that a run starts there; that run (None at the paragraph's end)."""
    offset = point.offset - len(point.paragraph.label)
    position = 0
    for node, text in text_nodes(point.paragraph.element):
        if position + len(text) > max(offset, 0):
            return _split_run(node, max(offset, 0) - position)
        position += len(text)
    return None


def _run_before(end: Point, after_end: object | None) -> object:
    """The last run that holds text before `end`."""
    runs = [node.getparent() for node, _ in text_nodes(end.paragraph.element)]
    if after_end is None:
        return runs[-1]
    index = runs.index(after_end)
    return runs[index - 1] if index else after_end


def _split_run(node, at: int) -> object:
    """Split the w:r holding `node` before character `at` of the node; the run that starts there."""
    run = node.getparent()
    children = [c for c in run if c.tag != _W + "rPr"]
    index = children.index(node)
    if at == 0 and index == 0:
        return run
    second = copy.deepcopy(run)
    second_children = [c for c in second if c.tag != _W + "rPr"]
    if at:
        text = node.text
        node.text = text[:at]
        second_children[index].text = text[at:]
        for t in (node, second_children[index]):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        keep_first, keep_second = index + 1, index
    else:
        keep_first, keep_second = index, index
    for child in children[keep_first:]:
        run.remove(child)
    for child in second_children[:keep_second]:
        second.remove(child)
    run.addnext(second)
    return second


def _empty_run(point: Point) -> object:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    point.paragraph.element.append(run)
    return run
