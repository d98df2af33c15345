"""Word reports (.docx), read with python-docx (`pip install 'govlint[docx]'`).

Paragraphs and tables are read in document order. A table row becomes one line with its cells
joined by tabs on the table grid: a horizontally merged cell (gridSpan) is followed by empty
fields for the columns it covers, a vertically merged cell (vMerge continue) is an empty field,
as in a text copy of the table.

Locations: `line` is the paragraph's number counted through the whole document in reading
order (paragraphs inside table cells included), `column` the character within that paragraph;
`logical` names the place as a clerk finds it in Word: "段落12" or "表2/行5/格3" (the third
cell of the fifth row of the second table, a merged cell counting once).
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from linter.errors import InputError
from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.docxnumbering import Numbering, w_xpath
from linter.loaders.lines import DocumentBuilder, Piece, join_wrapped, table_row
from linter.loaders.optional import require
from linter.model import Document

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


def paragraph_text(p) -> str:
    """A w:p element's text as Word shows it with tracked changes accepted."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            if child.tag in _SKIPPED:
                continue
            if child.tag == _W + "t":
                parts.append(child.text or "")
            elif child.tag in _CHARACTERS:
                parts.append(_CHARACTERS[child.tag])
            else:
                walk(child)

    walk(p)
    return "".join(parts)


class _Counter:
    """Numbers paragraphs and tables in reading order."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.paragraphs = 0
        self.tables = 0

    def paragraph(self, p, logical: str | None = None) -> list[Piece]:
        """The paragraph's lines as shown, with its list number (a manual line break starts a new line)."""
        self.paragraphs += 1
        text = self.numbering.label(p) + paragraph_text(p)
        logical = logical or f"段落{self.paragraphs}"
        pieces, offset = [], 0
        for part in text.split("\n"):
            pieces.append(Piece.at(part, self.paragraphs, offset + 1, logical=logical))
            offset += len(part) + 1
        return pieces


def load_docx(path: str, data: bytes) -> Document:
    docx = require(path, "docx", EXTRA)
    from docx.opc.exceptions import OpcError

    _refuse_zip_bomb(path, data)
    try:
        document = docx.Document(BytesIO(data))
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
    counter = _Counter(Numbering(document))
    for block in w_xpath(document.element.body, _BLOCKS):
        if block.tag == _W + "tbl":
            counter.tables += 1
            builder.blank()
            for line in _table_lines(block, counter):
                builder.add(line)
        else:
            for piece in counter.paragraph(block):
                builder.add(piece.strip())
        builder.blank()
    if not builder.pieces():
        raise InputError(path, "the document has no text")
    return builder.build(path, "docx")


# Paragraphs and tables of the body in document order, also inside content controls (w:sdt).
_BLOCKS = "./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"
# A cell's paragraphs, those of a table nested in it included (read as lines of the cell).
_CELL_PARAGRAPHS = ".//w:p[not(ancestor::w:txbxContent)]"


def _table_lines(tbl, counter: _Counter) -> list[Piece]:
    """One line per row, cells on the grid (merged positions empty)."""
    lines = []
    for row_number, tr in enumerate(tbl.tr_lst, 1):
        fields = [Piece("")] * min(tr.grid_before, MAX_GRID_COLUMNS)
        for cell_number, tc in enumerate(tr.tc_lst, 1):
            logical = f"表{counter.tables}/行{row_number}/格{cell_number}"
            paragraphs = w_xpath(tc, _CELL_PARAGRAPHS)
            if tc.vMerge == "continue":
                counter.paragraphs += len(paragraphs)  # the merged-away cell's paragraphs still count
                fields.append(Piece(""))
            else:
                fields.append(join_wrapped([piece for p in paragraphs for piece in counter.paragraph(p, logical)]))
            fields.extend([Piece("")] * (min(tc.grid_span, MAX_GRID_COLUMNS) - 1))
        line = table_row(fields)
        if line.text.strip():
            lines.append(line)
    return lines


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("docx", (".docx",), load_docx, extra=EXTRA)]
