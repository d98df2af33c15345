"""PDF reports (.pdf), read with PDFium through pypdfium2 (`pip install 'govlint[pdf]'`).

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

import ctypes
import re
from bisect import bisect_right
from dataclasses import dataclass
from statistics import median

from linter.codes import NO_TEXT_LAYER
from linter.errors import GovlintError, InputError, UncheckableError
from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.lines import DocumentBuilder, Piece, join_wrapped, table_row
from linter.loaders.optional import require
from linter.loaders.pdfgrid import Box, Edge, find_tables, path_edges
from linter.model import Document, Location, Unread

EXTRA = "pdf"
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
    pdfium = require(path, "pypdfium2", EXTRA)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(path, _open_failure(error)) from None
    builder = DocumentBuilder()
    without_text = []
    try:
        for number in range(1, len(pdf) + 1):
            try:
                chars, edges = _page_content(pdfium, pdf, number - 1)
                if not _write_page(builder, number, chars, edges):
                    without_text.append(number)
            except pdfium.PdfiumError as error:
                reason = f"page {number} of the PDF cannot be read ({type(error).__name__}: {error})"
                raise InputError(path, reason) from None
            except _PageTooLarge as error:
                raise InputError(path, f"refused: page {number} holds {error.count:,} {error.what}, more than the "
                                       f"{error.limit:,} a report's page may hold") from None
            builder.blank()
        page_count = len(pdf)
    finally:
        pdf.close()
    if not builder.pieces():
        raise UncheckableError(path, NO_TEXT_LAYER.code, "PDF 没有文字层（可能是扫描件），需要先进行 OCR 才能检查")
    document = builder.build(path, "pdf")
    document.unread = _pages_without_text(without_text, page_count)
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


def _open_failure(error) -> str:
    if getattr(error, "err_code", None) == _PASSWORD_ERROR:
        return "the PDF is password-protected; save an unprotected copy to check it"
    return f"not a readable PDF ({error})"


def _page_content(pdfium, pdf, index: int) -> tuple[list[dict], list[Edge]]:
    """The page's characters (deduplicated) and drawn edges, upright as the page is displayed,
    in points with y downwards."""
    raw = pdfium.raw
    page = pdf[index]
    try:
        upright = _UPRIGHT.get(page.get_rotation())
        if upright is not None:  # turn the content, not the page, so that the text reads upright
            left, bottom, right, top = page.get_mediabox()
            a, b, c, d, e, f = upright(left, bottom, right, top)
            for number in range(raw.FPDFPage_CountObjects(page)):
                raw.FPDFPageObj_Transform(raw.FPDFPage_GetObject(page, number), a, b, c, d, e, f)
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage.raw, height)
        finally:
            textpage.close()
        edges: list[Edge] = []
        _collect_edges(raw, page, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, None, height, edges)
    finally:
        page.close()
    return _dedupe(chars), edges


# The matrix that turns a page's content as a viewer shows a page with /Rotate 90, 180 or 270
# (from the media box's left, bottom, right, top), as pdfminer does.
_UPRIGHT = {
    90: lambda x0, y0, x1, y1: (0, -1, 1, 0, -y0, x1),
    180: lambda x0, y0, x1, y1: (-1, 0, 0, -1, x1, y1),
    270: lambda x0, y0, x1, y1: (0, 1, -1, 0, y1, -x0),
}
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


MAX_PAGE_CHARACTERS = 100_000
"""A dense A4 page holds about 5,000 characters; a small PDF whose content streams inflate to
millions of them (a fuzzed file gave 80 million on two pages) is refused before they are read."""


MAX_PAGE_LINES = 1_000
"""An A4 page set in 5 pt type holds about 170 lines; a damaged PDF whose characters scatter
over thousands of positions (a fuzzed file gave 8,600 lines a page, each mostly layout spaces)
is refused rather than checked for half a minute."""


class _PageTooLarge(GovlintError):
    def __init__(self, count: int, what: str, limit: int) -> None:
        self.count, self.what, self.limit = count, what, limit


def _chars(raw, textpage, height: float) -> list[dict]:
    """Characters with pdfminer's box: from the font's descent below the baseline to one font
    size above that, as wide as the glyph's advance (vertical writing: the font size square
    above the origin)."""
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARACTERS:
        raise _PageTooLarge(count, "characters", MAX_PAGE_CHARACTERS)
    buffer = ctypes.create_string_buffer(count * 2 + 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    loose_box, origin, char_matrix = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetMatrix
    font_size_of, generated = raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated
    chars = []
    for i, char in enumerate(text):
        if char in " \r\n\ufffe" and generated(textpage, i):
            continue  # spaces and line breaks PDFium adds between text objects
        loose_box(textpage, i, box)
        origin(textpage, i, x, y)
        char_matrix(textpage, i, matrix)
        font_size = font_size_of(textpage, i)
        if 2 * (box.top - box.bottom) < 3 * font_size * abs(matrix.a) < 4.5 * (box.top - box.bottom):
            size = font_size * abs(matrix.d)
            x0, x1, low = box.left, box.right, box.bottom
        else:  # vertical writing (or no font metrics): PDFium's box is not to scale (its height
            # is the font size before the text matrix), so it is made from the origin
            size = font_size * abs(matrix.a)
            x0, x1, low = x.value, x.value + size, y.value
        chars.append({"text": char, "x0": x0, "x1": x1, "top": height - low - size, "bottom": height - low,
                      "size": size})
    return chars


def _dedupe(chars: list[dict]) -> list[dict]:
    """Without the copies of a character drawn again within 1 pt of itself (fake bold, shadows),
    keeping the top-left one of each group; otherwise in the order drawn."""
    groups: dict[tuple[str, float], list[tuple[float, float, int]]] = {}
    for index, char in enumerate(chars):
        groups.setdefault((char["text"], char["size"]), []).append((char["top"], char["x0"], index))
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) > 1:
            for row in _clusters(sorted(members), 0):
                for group in _clusters(sorted(row, key=lambda m: m[1]), 1) if len(row) > 1 else ():
                    dropped.update(m[2] for m in group if m != min(group))
    return [char for index, char in enumerate(chars) if index not in dropped] if dropped else chars


def _clusters(members: list[tuple[float, float, int]], key: int) -> list[list[tuple[float, float, int]]]:
    """Sorted `members` grouped where each one's `key` value is within 1 of the one before."""
    groups = [[members[0]]]
    for before, member in zip(members, members[1:], strict=False):
        if member[key] > before[key] + 1:
            groups.append([])
        groups[-1].append(member)
    return groups


def _collect_edges(raw, parent, count, get, outer, height: float, edges: list[Edge]) -> None:
    """The straight edges of the path objects of a page or form, forms followed into."""
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for number in range(count(parent)):
        obj = get(parent, number)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        m = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            _collect_edges(raw, obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, m, height, edges)
            continue
        shape: list[str] = []
        points: list[tuple[float, float]] = []
        curve = 0
        for segment_number in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, segment_number)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_BEZIERTO:
                curve += 1
                if curve < 3:
                    continue  # a curve's control points
                curve = 0
            if kind == raw.FPDF_SEGMENT_MOVETO and shape:
                edges.extend(path_edges("".join(shape), points))
                shape, points = [], []
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            a, b, c, d, e, f = m
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            shape.append("m" if kind == raw.FPDF_SEGMENT_MOVETO else "c" if kind == raw.FPDF_SEGMENT_BEZIERTO else "l")
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment):
                shape.append("h")
                points.append(points[0])
        if shape:
            edges.extend(path_edges("".join(shape), points))


def _times(inner: tuple[float, ...], outer: tuple[float, ...] | None) -> tuple[float, ...]:
    """The matrix `inner` followed by `outer`."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _write_page(builder: DocumentBuilder, page_number: int, chars: list[dict], edges: list[Edge]) -> bool:
    """Write the page's lines; False when it has no text."""
    if not _visible(chars):
        return False
    rows, used = _table_rows(edges, chars)
    free = [c for c in chars if id(c) not in used]
    rows.extend(_Row(line[0]["top"], max(c["bottom"] for c in line), chars=line)
                for line in _cluster_lines(free) if _visible(line))
    if len(rows) > MAX_PAGE_LINES:
        raise _PageTooLarge(len(rows), "lines", MAX_PAGE_LINES)
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
    top = bottom = 0.0
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and top <= (char["top"] + char["bottom"]) / 2 <= bottom:
            lines[-1].append(char)
            bottom = max(bottom, char["bottom"])
        else:
            lines.append([char])
            top, bottom = char["top"], char["bottom"]
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_text(chars: list[dict], margin: float = 0.0) -> str:
    """A line as `pdftotext -layout` writes it: a space per half character of indentation or wide
    gap, one space where the PDF has a space character or a small gap."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return ""
    size = median(c["size"] for c in visible) or 10.0
    half = size / 2
    parts = [" " * _spaces(visible[0]["x0"] - margin, half)] if margin else []
    before, spaced = None, False
    for char in chars:
        if not char["text"].strip():
            spaced = before is not None
            continue
        if before is not None:
            gap = char["x0"] - before["x1"]
            if gap >= 1.5 * size:
                parts.append(" " * max(2, _spaces(gap, half)))
            elif spaced or gap > 0.25 * size:
                parts.append(" ")
        parts.append(char["text"])
        before, spaced = char, False
    return "".join(parts)


_MAX_SPACES = 400
"""Half characters across the widest page a report has (A3 landscape at 5 pt: about 340); a
damaged PDF with a near-zero font size or a far-off position would otherwise write millions."""


def _spaces(width: float, half: float) -> int:
    return min(_MAX_SPACES, max(0, round(width / half)))


def _cell_text(chars: list[dict]) -> Piece:
    """A cell's lines joined; spaces between Chinese characters (distributed alignment) dropped."""
    text = join_wrapped([Piece(_line_text(line)) for line in _cluster_lines(chars)]).text
    return Piece(_SPREAD.sub("", text))


def _table_text(cells: list[list[dict]]) -> str:
    return table_row([_cell_text(chars) for chars in cells]).text


def _table_rows(edges: list[Edge], chars: list[dict]) -> tuple[list[_Row], set[int]]:
    """Rows of the page's ruled tables, and the ids of the characters they hold."""
    rows: list[_Row] = []
    used: set[int] = set()
    for cells in find_tables(edges):
        grid = _grid(cells, chars)
        filled = [r for r, (_, _, cells) in enumerate(grid) if sum(1 for cell in cells if _visible(cell)) >= 2]
        if len(filled) < 2:
            continue  # a frame around text, not a table
        for top, bottom, cells in grid[filled[0]:filled[-1] + 1]:
            rows.append(_Row(top, bottom, cells=cells))
            used.update(id(c) for cell in cells for c in cell)
    return rows, used


def _grid(boxes: list[Box], chars: list[dict]) -> list[tuple[float, float, list[list[dict]]]]:
    """The rows of the table of these cells (sorted by top, then left) as (top, bottom,
    characters of each grid position).

    A character belongs to the drawn cell around it; one outside every cell (a border the PDF
    left out) goes to the grid position it falls in.
    """
    x0, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
    x1, bottom = max(box[2] for box in boxes), max(box[3] for box in boxes)
    lefts = sorted({box[0] for box in boxes})
    tops = sorted({box[1] for box in boxes})
    grid = [[[] for _ in lefts] for _ in tops]
    column = {left: c for c, left in enumerate(lefts)}
    in_row: list[list[tuple[int, Box]]] = [[] for _ in tops]
    for box in boxes:
        in_row[tops.index(box[1])].append((column[box[0]], box))
    reach = [max(box[3] for _, box in row) for row in in_row]
    # the rows whose cells may hold a point of grid row R: those above it reaching down into it
    reaching = [[r for r in range(row + 1) if reach[r] >= tops[row]] for row in range(len(tops))]
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        grid_row = max(0, bisect_right(tops, cy) - 1)
        place = _cell_at(cx, cy, reaching[grid_row], reach, in_row)
        if place is None:
            place = (grid_row, max(0, bisect_right(lefts, cx) - 1))
        grid[place[0]][place[1]].append(char)
    bottoms = [*tops[1:], bottom]
    return [(tops[r], bottoms[r], grid[r]) for r in range(len(tops))]


def _cell_at(cx: float, cy: float, rows: list[int], reach: list[float],
             in_row: list[list[tuple[int, Box]]]) -> tuple[int, int] | None:
    """The grid position of the first drawn cell (by rows, then left to right) holding the point."""
    for r in rows:
        if reach[r] >= cy:
            for c, (bx0, _, bx1, bbottom) in in_row[r]:
                if bx0 <= cx <= bx1 and cy <= bbottom:
                    return r, c
    return None


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("pdf", (".pdf",), load_pdf, extra=EXTRA)]
