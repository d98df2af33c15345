"""A small, forgiving HTML tree built with the standard library's `html.parser`.

Every text node keeps the line and column where each of its characters stands in the HTML
source, which `html.parser` alone gives (`getpos()`); character references (&nbsp; &#20013;) are
kept as their own pieces so the columns after them stay exact. Government pages are often
tag soup: unclosed <p>, <td> and <tr> are closed the way a browser would close them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame isindex keygen".split()
)
BLOCK = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure
    footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table
    tbody td tfoot th thead tr ul caption""".split()
)
# An open <p> is closed by the start of any of these (as browsers do).
_CLOSES_P = BLOCK - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "body", "html"}
# Start tag → open elements it closes, stopping at the elements that bound it.
_IMPLIED = {
    "li": ({"li"}, {"ul", "ol", "table"}),
    "dt": ({"dt", "dd"}, {"dl", "table"}),
    "dd": ({"dt", "dd"}, {"dl", "table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "tbody": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "option": ({"option"}, {"select"}),
}


@dataclass
class Text:
    """Character data: (text, line, column) pieces, line 1-based and column 0-based as html.parser gives."""

    pieces: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def data(self) -> str:
        return "".join(text for text, _, _ in self.pieces)


@dataclass(eq=False)
class Element:
    """An element; compared by identity."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | Text] = field(default_factory=list)

    def attr(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.elements()))

    def ancestors(self) -> Iterator[Element]:
        """The parent, its parent, … up to the root."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self) -> str:
        return "".join(c.data if isinstance(c, Text) else c.text() for c in self.children)


MAX_DEPTH = 256
"""Elements nested deeper than this are kept as children of the element at this depth: real
pages nest a few dozen levels, and every walk over the tree stays far from Python's recursion
limit (an HTML file nested 10,000 levels deep is read, not a RecursionError)."""


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("#document", {})
        self.stack = [self.root]

    @property
    def current(self) -> Element:
        return self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open(tag, attrs):
            self.stack.pop()

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Add the element; whether it became the current one (void elements and those beyond
        MAX_DEPTH do not)."""
        self._close_implied(tag)
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag in VOID or len(self.stack) >= MAX_DEPTH:
            return False
        self.stack.append(element)
        return True

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag == "table" and tag != "table":
                return  # a stray end tag must not close the table it sits in

    def handle_data(self, data: str) -> None:
        self._add_text(data)

    def handle_entityref(self, name: str) -> None:
        self._add_text(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add_text(unescape(f"&#{name};"))

    def _add_text(self, data: str) -> None:
        line, column = self.getpos()
        children = self.current.children
        if not children or not isinstance(children[-1], Text):
            children.append(Text())
        children[-1].pieces.append((data, line, column))

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_open({"p"}, {"table", "td", "th", "div", "li"})
        if tag in _IMPLIED:
            self._close_open(*_IMPLIED[tag])

    def _close_open(self, closed: set[str], boundaries: set[str]) -> None:
        """Close the outermost open element in `closed` (and all inside it) below the nearest boundary."""
        found = None
        for depth in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[depth].tag
            if tag in boundaries:
                break
            if tag in closed:
                found = depth
        if found is not None:
            del self.stack[found:]


def parse(text: str) -> Element:
    """The document tree of `text`; never raises on malformed markup."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
