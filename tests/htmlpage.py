"""For tests of the `html` output format: write the page for some reports, and read it back as a
strict little HTML tree (stdlib parser, every tag closed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from cisupport import GOOD, run

REPORT = GOOD + "表中有坏数据，可疑。\n依据〔2021〕和[2022]号文。\n备注：无。\n"
"""With the demo rules: an error on line 5 (5:4), a warning, an error and an info."""


def write_page(capsys, directory: Path, files: dict[str, str | bytes]) -> tuple[Path, int]:
    """Write `files` into `directory` (the working directory) and `govlint check --format html` them
    there, with the rules in force (the demo rules, in tests); the page written, and the exit code."""
    for name, content in files.items():
        path = directory / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    result = run(capsys, "check", "--format", "html", "--output-file", "govlint.html", *files)
    return directory / "govlint.html", result.code

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        (found,) = self.find_all(tag, cls, **attrs)
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(text: str) -> Element:
    """The document tree; fails on an end tag that does not close the innermost open element."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.open == [builder.root], f"unclosed: {[e.tag for e in builder.open[1:]]}"
    return builder.root
