"""PDF reports (.pdf), read with pdfplumber (`pip install 'govlint[pdf]'`).

A PDF has no lines of text, only characters placed on pages. Characters are grouped into lines
by their vertical position and written out the way `pdftotext -layout` does (indentation and
wide gaps kept as spaces, a blank line for a wide vertical gap), so paragraphs still start with
an indented line. Ruled tables are read from their drawn cell grid: each row becomes one line
with its cells joined by tabs, a cell's text written over several lines (including vertical
labels one character per line, "三、本年度办理结果") joined into one field, positions covered
by a merged cell left empty. A "table" whose rows each hold a single cell (a frame drawn around
the text) is read as text.

Locations: `page` and `line` = the line's number on that page (table rows count one line each),
`column` the character within the line as govlint writes it.

A PDF whose pages carry no text at all (a scan) is reported as one diagnostic, PARSE001.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from io import BytesIO
from statistics import median

from linter.errors import InputError, UncheckableError
from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.lines import DocumentBuilder, Piece, join_wrapped, table_row
from linter.loaders.optional import require
from linter.model import Document, Location, Unread

EXTRA = "pdf"
NO_TEXT_LAYER = "PARSE001"
_PARAGRAPH_GAP = 1.0  # a vertical gap above this many line heights is written as a blank line
_SPREAD = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")


@dataclass
class _Row:
    """A line of the page being written: text characters, or the cells of a table row."""

    top: float
    bottom: float
    chars: list[dict] | None = None
    cells: list[list[dict]] | None = None


def load_pdf(path: str, data: bytes) -> Document:
    pdfplumber = require(path, "pdfplumber", EXTRA)
    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except Exception as error:  # pdfminer raises many unrelated types for damaged files
        raise InputError(path, _open_failure(error)) from None
    builder = DocumentBuilder()
    without_text = []
    with pdf:
        for number, page in enumerate(pages, 1):
            try:
                if not _write_page(builder, number, page.dedupe_chars()):
                    without_text.append(number)
            except Exception as error:  # pdfminer reads a page's content only now
                reason = f"page {number} of the PDF cannot be read ({type(error).__name__}: {error})"
                raise InputError(path, reason) from None
            builder.blank()
    if not builder.pieces():
        raise UncheckableError(path, NO_TEXT_LAYER, "PDF 没有文字层（可能是扫描件），需要先进行 OCR 才能检查")
    document = builder.build(path, "pdf")
    document.unread = _pages_without_text(without_text, len(pages))
    return document


def _pages_without_text(numbers: list[int], page_count: int) -> list[Unread]:
    """Runs of pages without text that lie between pages with text (a picture-only cover or
    last page, such as the seal, is normal and not reported)."""
    with_text = sorted(set(range(1, page_count + 1)) - set(numbers))
    inside = [n for n in numbers if with_text[0] < n < with_text[-1]]
    runs: list[list[int]] = []
    for number in inside:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [
        Unread(Location(1, 1, 1, 1, page=run[0]),
               f"第{run[0]}{f'–{run[-1]}' if len(run) > 1 else ''}页没有文字层（可能是扫描的图片），其中的内容未能检查")
        for run in runs
    ]


def _open_failure(error: Exception) -> str:
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if "Password" in type(cause).__name__ or "Encryption" in type(cause).__name__:
        return "the PDF is password-protected; save an unprotected copy to check it"
    return f"not a readable PDF ({type(cause).__name__}: {cause})"


def _write_page(builder: DocumentBuilder, page_number: int, page) -> bool:
    """Write the page's lines; False when it has no text."""
    chars = page.chars
    if not _visible(chars):
        return False
    rows, used = _table_rows(page, chars)
    free = [c for c in chars if id(c) not in used]
    rows.extend(_Row(line[0]["top"], max(c["bottom"] for c in line), chars=line)
                for line in _cluster_lines(free) if _visible(line))
    rows.sort(key=lambda row: row.top)
    margin = min((c["x0"] for row in rows if row.chars for c in row.chars if c["text"].strip()), default=0.0)
    height = median(c["size"] for c in chars) or 10.0
    line_number, previous = 0, None
    for row in rows:
        if previous is not None and (row.top - previous.bottom > _PARAGRAPH_GAP * height
                                     or (row.cells is None) != (previous.cells is None)):
            builder.blank()
        line_number += 1
        text = _table_text(row.cells) if row.cells is not None else _line_text(row.chars, margin)
        builder.add(Piece.at(text, line_number, page=page_number))
        previous = row
    return True


def _visible(chars: list[dict]) -> bool:
    return any(c["text"].strip() for c in chars)


def _cluster_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (by vertical overlap), each sorted left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and lines[-1][0]["top"] <= middle <= max(c["bottom"] for c in lines[-1]):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_text(chars: list[dict], margin: float = 0.0) -> str:
    """A line as `pdftotext -layout` writes it: a space per half character of indentation or wide
    gap, one space where the PDF has a space character or a small gap."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return ""
    size = median(c["size"] for c in visible) or 10.0
    half = size / 2
    parts = [" " * max(0, round((visible[0]["x0"] - margin) / half))] if margin else []
    before, spaced = None, False
    for char in chars:
        if not char["text"].strip():
            spaced = before is not None
            continue
        if before is not None:
            gap = char["x0"] - before["x1"]
            if gap >= 1.5 * size:
                parts.append(" " * max(2, round(gap / half)))
            elif spaced or gap > 0.25 * size:
                parts.append(" ")
        parts.append(char["text"])
        before, spaced = char, False
    return "".join(parts)


def _cell_text(chars: list[dict]) -> Piece:
    """A cell's lines joined; spaces between Chinese characters (distributed alignment) dropped."""
    text = join_wrapped([Piece(_line_text(line)) for line in _cluster_lines(chars)]).text
    return Piece(_SPREAD.sub("", text))


def _table_text(cells: list[list[dict]]) -> str:
    return table_row([_cell_text(chars) for chars in cells]).text


def _table_rows(page, chars: list[dict]) -> tuple[list[_Row], set[int]]:
    """Rows of the page's ruled tables, and the ids of the characters they hold."""
    rows: list[_Row] = []
    used: set[int] = set()
    for table in page.find_tables():
        grid = _grid(table, chars)
        filled = [r for r, (_, _, cells) in enumerate(grid) if sum(1 for cell in cells if _visible(cell)) >= 2]
        if len(filled) < 2:
            continue  # a frame around text, not a table
        for top, bottom, cells in grid[filled[0]:filled[-1] + 1]:
            rows.append(_Row(top, bottom, cells=cells))
            used.update(id(c) for cell in cells for c in cell)
    return rows, used


def _grid(table, chars: list[dict]) -> list[tuple[float, float, list[list[dict]]]]:
    """The table's rows as (top, bottom, characters of each grid position).

    A character belongs to the drawn cell around it; one outside every cell (a border the PDF
    left out) goes to the grid position it falls in.
    """
    x0, top, x1, bottom = table.bbox
    lefts = sorted({cell[0] for row in table.rows for cell in row.cells if cell})
    tops = [row.bbox[1] for row in table.rows]
    grid = [[[] for _ in lefts] for _ in tops]
    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells) if box]
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        place = next(((r, c) for r, c, (bx0, btop, bx1, bbottom) in boxes
                      if bx0 <= cx <= bx1 and btop <= cy <= bbottom), None)
        if place is None:
            place = (max(0, bisect_right(tops, cy) - 1), max(0, bisect_right(lefts, cx) - 1))
        grid[place[0]][place[1]].append(char)
    bottoms = [*tops[1:], bottom]
    return [(tops[r], bottoms[r], grid[r]) for r in range(len(tops))]


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("pdf", (".pdf",), load_pdf, extra=EXTRA)]
