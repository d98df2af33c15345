"""HTML reports (.html, .htm): the article of a published page, as the lines of a text copy.

Pages carry much more than the report: navigation, breadcrumbs ("您当前位置：首页 > …"),
"字体：[大 中 小]", share and print buttons, sidebars, footers. The article is the deepest element
holding most of the six section titles (else the one holding nearly all text outside links).
When the report's title stands above it, what lies from the title to the end of the article is
read too, leaving out what looks like page chrome. Tables become one line per row with
rowspan/colspan expanded onto the grid (positions covered by a merged cell are left empty).
Locations are line:column in the HTML source as stored.
"""

from __future__ import annotations

import codecs
import re

from linter.errors import InputError
from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.encoding import decode
from linter.loaders.htmltree import BLOCK, Element, Text, parse
from linter.loaders.lines import DocumentBuilder, Piece, join_wrapped, table_row
from linter.model import Document, Segment
from linter.textnorm import squash

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_DROPPED = frozenset(
    "head script style noscript template iframe svg math select button textarea object embed canvas audio video"
    .split()
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_CHROME_LINE = re.compile(
    r"当前位置|首页\s*[>＞»]|语音播报|字[体号]\s*[:：]|[【\[]\s*[大中小]\s*[】\]]|大\s*中\s*小|扫一扫|打印本页|【?打印】?$"
    r"|关闭窗口|【关闭】|分享到|发布(?:时间|日期)\s*[:：]|来源\s*[:：]|浏览(?:次数)?\s*[:：]|点击(?:数|量|率)\s*[:：]"
    r"|阅读(?:次数|量)\s*[:：]|责任编辑|上一篇|下一篇|相关链接|网站地图|版权所有|ICP备|网站标识码"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WHITESPACE = " \t\n\r\f"  # HTML white space; U+00A0 and U+3000 are text and are kept
_ARTICLE_SHARE = 0.9
_LAYOUT_CELL_CHARS = 150
_TITLE_CHARS = 60
_SECTION_WORDS = ("总体情况", "主动公开政府信息", "收到和处理政府信息公开申请", "行政复议", "存在的主要问题",
                  "其他需要报告")
_SECTIONS_NEEDED = 4


def decode_html(path: str, data: bytes) -> tuple[str, str]:
    """Decode a page: valid UTF-8 is UTF-8 whatever the page declares (pages saved from a browser
    keep a stale "charset=gb2312"); otherwise the declared charset (GB2312/GBK read as GB18030);
    otherwise detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "replace").lower()
            encoding = "gb18030" if declared in _GB_FAMILY else declared
            try:
                return data.decode(encoding), encoding
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect instead
    return decode(path, data)


def load_html(path: str, data: bytes) -> Document:
    text, encoding = decode_html(path, data)
    root = parse(text)
    _drop_invisible(root)
    body = next((e for e in root.iter() if e.tag == "body"), root)
    article = find_article(body)
    title = find_title_element(body, article)
    builder = DocumentBuilder()
    if title:
        container = _common_ancestor(title, article)
        skipped = _outside(container, title, article)
        _Renderer(builder, keep={article, title}, skipped=skipped).render(container)
    else:
        _Renderer(builder, keep={article}).render(article)
    if not builder.pieces():
        raise InputError(path, "no report text found in the HTML page")
    return builder.build(path, "html", encoding, source_text=text)


def _drop_invisible(root: Element) -> None:
    for element in list(root.iter()):
        element.children = [
            child for child in element.children
            if not isinstance(child, Element)
            or (child.tag not in _DROPPED and not _HIDDEN_STYLE.search(child.attr("style"))
                and "hidden" not in child.attrs)
        ]


def _text_lengths(element: Element, lengths: dict[int, int]) -> int:
    """Characters of text outside links below each element (by id), computed once."""
    total = 0
    for child in element.children:
        if isinstance(child, Text):
            total += len(squash(child.data))
        elif child.tag != "a":
            total += _text_lengths(child, lengths)
        else:
            _text_lengths(child, lengths)
    lengths[id(element)] = total
    return total


def _section_marks(element: Element, marks: dict[int, frozenset[str]]) -> frozenset[str]:
    """The section-title words (总体情况, 行政复议, …) found below each element (by id)."""
    found: set[str] = set()
    for child in element.children:
        if isinstance(child, Text):
            flat = squash(child.data)
            found.update(word for word in _SECTION_WORDS if word in flat)
        else:
            found |= _section_marks(child, marks)
    marks[id(element)] = frozenset(found)
    return marks[id(element)]


def find_article(body: Element) -> Element:
    """The element holding the report: the deepest one with most of the six section titles in it;
    on a page without them, the deepest one still holding nearly all of the text outside links."""
    lengths: dict[int, int] = {}
    _text_lengths(body, lengths)
    marks: dict[int, frozenset[str]] = {}
    _section_marks(body, marks)
    holding = [e for e in body.iter() if len(marks[id(e)]) >= _SECTIONS_NEEDED]
    deepest = [e for e in holding if not any(len(marks[id(c)]) >= _SECTIONS_NEEDED for c in e.elements())]
    if deepest:
        return max(deepest, key=lambda e: lengths[id(e)])
    current = body
    while True:
        children = current.elements()
        if not children:
            return current
        best = max(children, key=lambda child: lengths[id(child)])
        if lengths[id(best)] < _ARTICLE_SHARE * lengths[id(current)]:
            return current
        current = best


def _is_title(flat: str) -> bool:
    return ("政府信息公开" in flat and ("报告" in flat or flat.endswith("年报"))
            and not _CHROME_LINE.search(flat) and ">" not in flat)


def _short_texts(element: Element, texts: dict[int, str | None]) -> str | None:
    """Squashed text of every element short enough to be a title (by id; None when longer)."""
    parts: list[str] = []
    short = True
    for child in element.children:
        part = squash(child.data) if isinstance(child, Text) else _short_texts(child, texts)
        short = short and part is not None
        if short:
            parts.append(part)
    text = "".join(parts) if short else None
    texts[id(element)] = text if text is not None and len(text) <= _TITLE_CHARS else None
    return texts[id(element)]


def find_title_element(body: Element, article: Element) -> Element | None:
    """The report's title when it stands above the article (the last one before it), else None."""
    texts: dict[int, str | None] = {}
    _short_texts(body, texts)

    def is_title(element: Element) -> bool:
        return bool(texts[id(element)]) and _is_title(texts[id(element)])

    if any(is_title(element) for element in article.iter()):
        return None
    found = None
    for element in body.iter():
        if element is article:
            break
        if element.tag != "a" and is_title(element) and all(a.tag != "a" for a in element.ancestors()):
            found = element
    return found


def _outside(container: Element, first: Element, last: Element) -> set[int]:
    """Elements of `container` (by id) wholly before `first` or wholly after the end of `last`."""
    order: dict[int, int] = {}
    end: dict[int, int] = {}

    def number(element: Element) -> None:
        order[id(element)] = len(order)
        for child in element.elements():
            number(child)
        end[id(element)] = len(order) - 1

    number(container)
    start, stop = order[id(first)], end[id(last)]
    return {key for key in order if end[key] < start or order[key] > stop}


def _common_ancestor(first: Element, second: Element) -> Element:
    chain = [first, *first.ancestors()]
    for candidate in [second, *second.ancestors()]:
        if candidate in chain:
            return candidate
    return second


class _Renderer:
    """Writes an element's text as lines; outside the `keep` elements, page chrome is left out."""

    def __init__(self, builder: DocumentBuilder, keep: set[Element], *, kept: bool = False,
                 skipped: set[int] | None = None) -> None:
        self.builder = builder
        self.keep = keep
        self.skipped = skipped or set()
        self.inline: list[tuple[str, int, int]] = []  # characters of the line being written
        self.in_kept = int(kept)

    def render(self, element: Element) -> None:
        self._element(element)
        self._end_line(paragraph=True)

    def _element(self, element: Element) -> None:
        if id(element) in self.skipped:
            return
        kept = element in self.keep
        self.in_kept += kept
        if self.in_kept or not self._is_chrome(element):
            if element.tag == "table" and not _is_layout_table(element):
                self._end_line(paragraph=True)
                self._table(element)
            else:
                self._children(element)
        self.in_kept -= kept

    def _children(self, element: Element) -> None:
        block = element.tag in BLOCK
        if block:
            self._end_line(paragraph=True)
        for child in element.children:
            if isinstance(child, Text):
                self._text(child)
            elif child.tag == "br":
                self._end_line(paragraph=False)
            else:
                self._element(child)
        if block:
            self._end_line(paragraph=True)

    def _is_chrome(self, element: Element) -> bool:
        return element.tag in _CHROME_TAGS and not any(e in self.keep for e in element.iter())

    def _text(self, node: Text) -> None:
        for data, line, column in node.pieces:
            for char in data:
                if char in _WHITESPACE:
                    if self.inline and self.inline[-1][0] != " ":
                        self.inline.append((" ", line, column))
                else:
                    self.inline.append((char, line, column))
                line, column = (line + 1, 0) if char == "\n" else (line, column + 1)

    def _end_line(self, paragraph: bool) -> None:
        piece = _piece(self.inline).strip()
        self.inline = []
        if piece.text and (self.in_kept or not _CHROME_LINE.search(piece.text)):
            self.builder.add(piece)
        if paragraph:
            self.builder.blank()

    def _table(self, table: Element) -> None:
        for caption in (e for e in table.elements() if e.tag == "caption"):
            self._children(caption)
        for row in expand_spans(table):
            cells = [self._cell_text(cell) if cell is not None else Piece("") for cell in row]
            line = table_row(cells)
            if line.text.strip():
                self.builder.add(line)
        self.builder.blank()

    def _cell_text(self, cell: Element) -> Piece:
        """A cell's text, its own lines (<p>, <br>) joined as one field."""
        inner = DocumentBuilder()
        _Renderer(inner, self.keep, kept=True).render(cell)
        return join_wrapped(inner.pieces())


def _piece(chars: list[tuple[str, int, int]]) -> Piece:
    segments: list[Segment] = []
    previous: tuple[int, int] | None = None
    for offset, (_, line, column) in enumerate(chars):
        if previous != (line, column - 1):
            segments.append(Segment(offset, line, column + 1))
        previous = (line, column)
    return Piece("".join(char for char, _, _ in chars), tuple(segments))


def _rows(table: Element) -> list[Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table.elements():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(e for e in child.elements() if e.tag == "tr")
    return rows


def _is_layout_table(table: Element) -> bool:
    """A table used to lay out the page (cells holding tables or long text), not a data table."""
    for row in _rows(table):
        for cell in row.elements():
            if any(e.tag == "table" for e in cell.iter() if e is not cell):
                return True
            if len(squash(cell.text())) > _LAYOUT_CELL_CHARS:
                return True
    return False


def _span(cell: Element, name: str) -> int:
    digits = re.match(r"\s*(\d+)", cell.attr(name))
    return max(1, min(int(digits.group(1)), 1000)) if digits else 1


def expand_spans(table: Element) -> list[list[Element | None]]:
    """The table as a grid: each cell at its top-left position, None where a merged cell covers."""
    grid: dict[tuple[int, int], Element | None] = {}
    rows = _rows(table)
    for r, row in enumerate(rows):
        column = 0
        for cell in (e for e in row.elements() if e.tag in ("td", "th")):
            while (r, column) in grid:
                column += 1
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, column + dc)] = None
            grid[(r, column)] = cell
            column += colspan
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(len(rows))]


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("html", (".html", ".htm"), load_html)]

