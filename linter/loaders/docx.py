"""Word reports (.docx), read with python-docx (`pip install 'govlint[docx]'`).

Paragraphs and tables are read in document order. A table row becomes one line with its cells
joined by tabs on the table grid: a horizontally merged cell (gridSpan) is followed by empty
fields for the columns it covers, a vertically merged cell (vMerge continue) is an empty field,
as in a text copy of the table.

Locations are places a clerk can follow in Word. A paragraph of the body: `line` is its number
among the body's paragraphs outside tables (empty ones included, as Word shows them with
formatting marks on), `column` the character in it (a list number such as "一、" included),
`logical` "第12段". A table cell: `logical` "第2个表格/第5行/第3列", the table's order among
the document's tables, the row and the column on the table's grid (a cell merged over several
grid columns is named by its first, "第3-4列"; the cell after it by the grid column it stands
in); `line` is the number of the body paragraph before the table and `column` the character
in the cell. `table_place` reads such a place back; `name_tables` adds the template's name
(表三) once the tables are recognised.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from io import BytesIO
from typing import TYPE_CHECKING

from linter.errors import InputError
from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.docxnumbering import Numbering, w_xpath
from linter.loaders.lines import DocumentBuilder, Piece, join_wrapped, table_row
from linter.loaders.optional import require
from linter.model import Document

if TYPE_CHECKING:
    from linter.diagnostics import Diagnostic
    from linter.model import Location, Report

EXTRA = "docx"
MAX_INFLATED_BYTES = 256 * 1024 * 1024
"""The parts of a .docx together may inflate to this much; a larger total is a zip bomb, refused
before anything is decompressed (zipfile never yields more than a member's declared size)."""
MAX_GRID_COLUMNS = 64
"""A merged cell spans at most this many grid columns (the national tables have 15 at most):
a `gridSpan` of 200,000,000 must not fill memory with empty cells."""


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not part of the text as shown: deleted and moved-away revisions, text boxes anchored in the
# paragraph, field codes, paragraph and run properties (w:pPr holds w:tab stops), and the
# fallback copy of alternate content.
_SKIPPED = {_W + name for name in ("del", "moveFrom", "txbxContent", "instrText", "delText", "pPr", "rPr")}
_SKIPPED.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def text_nodes(p) -> Iterator[tuple[object, str]]:
    """The elements of a w:p that make up its text as Word shows it with tracked changes
    accepted (w:t, and w:tab, w:br … as one character each), with that text, in order."""
    for child in p:
        if child.tag in _SKIPPED:
            continue
        if child.tag == _W + "t":
            yield child, child.text or ""
        elif child.tag in _CHARACTERS:
            yield child, _CHARACTERS[child.tag]
        else:
            yield from text_nodes(child)


def paragraph_text(p) -> str:
    """A w:p element's text as Word shows it with tracked changes accepted."""
    return "".join(text for _, text in text_nodes(p))


@dataclass
class Paragraph:
    """A paragraph as Word shows it: its w:p element and the list number Word puts before it."""

    element: object
    label: str

    @property
    def text(self) -> str:
        return self.label + paragraph_text(self.element)


@dataclass
class BodyParagraph(Paragraph):
    """A paragraph of the document's body (not inside a table)."""

    number: int = 0
    """Among the body's paragraphs outside tables, from 1."""


@dataclass
class GridCell:
    """A w:tc on its table's grid: `first`..`last` grid columns (1-based); a vertically merged
    continuation has no paragraphs of its own."""

    element: object
    row: int
    first: int
    last: int
    paragraphs: list[Paragraph]


@dataclass
class WordTable:
    """A table of the document, its cells on the grid and the paragraphs in it."""

    number: int
    """Among the document's tables, from 1."""
    element: object
    rows: list[list[GridCell]]
    paragraphs_before: int
    """The body paragraphs before the table."""

    def logical(self, cell: GridCell) -> str:
        columns = f"{cell.first}-{cell.last}" if cell.last > cell.first else str(cell.first)
        return f"第{self.number}个表格/第{cell.row}行/第{columns}列"


def walk(document) -> Iterator[BodyParagraph | WordTable]:
    """The body's paragraphs and tables of a python-docx document in reading order, numbered
    as the locations name them (list numbers counted in reading order, cells included)."""
    numbering = Numbering(document)
    paragraphs = tables = 0
    for block in w_xpath(document.element.body, _BLOCKS):
        if block.tag == _W + "tbl":
            tables += 1
            yield WordTable(tables, block, _grid_rows(block, numbering), paragraphs)
        else:
            paragraphs += 1
            yield BodyParagraph(block, numbering.label(block), paragraphs)


def _grid_rows(tbl, numbering: Numbering) -> list[list[GridCell]]:
    rows = []
    for row_number, tr in enumerate(tbl.tr_lst, 1):
        cells, column = [], min(tr.grid_before, MAX_GRID_COLUMNS) + 1
        for tc in tr.tc_lst:
            merged_away = tc.vMerge == "continue"
            paragraphs = [] if merged_away else w_xpath(tc, _CELL_PARAGRAPHS)
            paragraphs = [Paragraph(p, numbering.label(p)) for p in paragraphs]
            span = min(tc.grid_span, MAX_GRID_COLUMNS)
            cells.append(GridCell(tc, row_number, column, column + span - 1, paragraphs))
            column += span
        rows.append(cells)
    return rows


def _pieces(paragraph: Paragraph, line: int, logical: str) -> list[Piece]:
    """The paragraph's lines as shown (a manual line break starts a new line)."""
    pieces, offset = [], 0
    for part in paragraph.text.split("\n"):
        pieces.append(Piece.at(part, line, offset + 1, logical=logical))
        offset += len(part) + 1
    return pieces


def open_docx(path: str, data: bytes):
    """The python-docx document of a .docx file's bytes; an `InputError` when it is not one."""
    docx = require(path, "docx", EXTRA)
    from docx.opc.exceptions import OpcError

    _refuse_zip_bomb(path, data)
    try:
        document = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OpcError) as error:
        raise _unreadable(path, error) from None
    if getattr(document.element, "body", None) is None:  # word/document.xml's root is not <w:document>
        raise InputError(path, "not a readable .docx file (its main part is not a Word document body)")
    return document


def load_docx(path: str, data: bytes) -> Document:
    from docx.opc.exceptions import OpcError

    document = open_docx(path, data)
    try:
        return _read_document(path, document)
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OpcError) as error:
        raise _unreadable(path, error) from None


def _unreadable(path: str, error: Exception) -> InputError:
    return InputError(path, f"not a readable .docx file ({type(error).__name__}: {error})")


def _refuse_zip_bomb(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise _unreadable(path, error) from None
    if inflated > MAX_INFLATED_BYTES:
        raise InputError(path, f"refused: its parts would inflate to {inflated // 2**20} MB, more than the "
                               f"{MAX_INFLATED_BYTES // 2**20} MB a .docx report may hold (a zip bomb?)")


def _read_document(path: str, document) -> Document:
    builder = DocumentBuilder()
    for block in walk(document):
        if isinstance(block, WordTable):
            builder.blank()
            for line in _table_lines(block):
                builder.add(line)
        else:
            for piece in _pieces(block, block.number, f"第{block.number}段"):
                builder.add(piece.strip())
        builder.blank()
    if not builder.pieces():
        raise InputError(path, "the document has no text")
    return builder.build(path, "docx")


# Paragraphs and tables of the body in document order, also inside content controls (w:sdt).
_BLOCKS = "./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"
# A cell's paragraphs, those of a table nested in it included (read as lines of the cell).
_CELL_PARAGRAPHS = ".//w:p[not(ancestor::w:txbxContent)]"


def _table_lines(table: WordTable) -> list[Piece]:
    """One line per row, cells on the grid (merged positions empty)."""
    lines = []
    line_number = max(1, table.paragraphs_before)
    for row in table.rows:
        fields = [Piece("")] * (row[0].first - 1 if row else 0)
        for cell in row:
            logical = table.logical(cell)
            text = join_wrapped([piece for p in cell.paragraphs for piece in _pieces(p, line_number, logical)])
            # a blank cell keeps its own place, or a finding about it would name the cell before
            fields.append(text if text.text else Piece.at("", line_number, logical=logical))
            fields.extend([Piece("")] * (cell.last - cell.first))
        line = table_row(fields)
        if line.text.strip():
            lines.append(line)
    return lines


_TABLE_PLACE = re.compile(
    r"(?:表[二三四]（)?第(?P<table>\d+)个表格）?/第(?P<row>\d+)行/第(?P<first>\d+)(?:-(?P<last>\d+))?列")


@dataclass(frozen=True)
class TablePlace:
    """A table cell's place as `logical` names it: table (in document order), row, grid columns (1-based)."""

    table: int
    row: int
    first_column: int
    last_column: int


def table_place(logical: str | None) -> TablePlace | None:
    """The table cell a DOCX location names; None for a paragraph (or another format's place)."""
    match = _TABLE_PLACE.fullmatch(logical or "")
    if not match:
        return None
    first = int(match["first"])
    return TablePlace(int(match["table"]), int(match["row"]), first, int(match["last"] or first))


def paragraph_number(logical: str | None) -> int | None:
    """The body paragraph a DOCX location names ("第12段"); None for a table cell."""
    match = re.fullmatch(r"第(\d+)段", logical or "")
    return int(match[1]) if match else None


def unnamed(logical: str | None) -> str | None:
    """A DOCX place as the loader wrote it, without the template's name `name_tables` added."""
    return re.sub(r"^表[二三四]（(第\d+个表格)）", r"\1", logical) if logical else logical


def name_tables(report: Report, diagnostics: list[Diagnostic]) -> None:
    """Put the template's name before the table's order in the DOCX places of `diagnostics`
    ("表三（第2个表格）/第5行/第3列"), for the tables that were recognised."""
    names: dict[str, str] = {}
    for table in report.tables.values():
        place = table_place(table.location.logical)
        if place:
            names[f"第{place.table}个表格/"] = f"表{table.id}（第{place.table}个表格）/"
    if not names:
        return
    for d in diagnostics:
        d.location = _named(d.location, names)
        if d.fix:
            d.fix = replace(d.fix, location=_named(d.fix.location, names))
        d.related_locations = tuple(replace(r, location=_named(r.location, names)) for r in d.related_locations)


def _named(location: Location, names: dict[str, str]) -> Location:
    logical = location.logical or ""
    prefix = logical[:logical.find("/") + 1]
    return replace(location, logical=names[prefix] + logical[len(prefix):]) if prefix in names else location


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("docx", (".docx",), load_docx, extra=EXTRA)]
