"""Top-level sections (一 … 六) and paragraphs.

A heading is a short line "一、标题" (any numbering punctuation, optional Markdown #) whose
title is close to a template section title. Table rows such as "四、结转下年度继续办理" share
the numbering but not the title, so they are not taken for headings.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from linter.fuzzy import ratio
from linter.model import Document, Paragraph, Section
from linter.templates import SectionTemplate
from linter.textnorm import squash

_HEADING = re.compile(
    r"^(?P<marks>\s{0,3}#{1,6})?\s*(?:\*\*)?\s*(?P<num>[一二三四五六])\s*[、.,，:：]\s*(?P<title>.+)$"
)
_MAX_TITLE = 40
_SAME_NUMBER_SIMILARITY = 55
_OTHER_NUMBER_SIMILARITY = 75
_PAGE_NUMBER = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$|^\s*第\s*\d+\s*页")


def is_page_number(text: str) -> bool:
    """A line that is only a page number: "-4-", "第 3 页", or a bare "3" (in prose a lone number is
    no content; inside a table it may be a cell, which is why `tokens.is_page_number` refuses it)."""
    return bool(text.strip()) and bool(_PAGE_NUMBER.match(text.replace("\u3000", " ")))


def _similarity(title: str, template: SectionTemplate) -> float:
    written = squash(title).rstrip("。.")
    titles = [squash(t) for t in (template.title, *template.aliases)]
    return max(ratio(written, t) for t in titles)


def _heading(line_text: str, norm: str, templates: dict[str, SectionTemplate]) -> tuple | None:
    if "\t" in line_text or "|" in norm:
        return None
    match = _HEADING.match(norm)
    if not match:
        return None
    title = match.group("title").strip().strip("*").strip()
    if not title or len(squash(title)) > _MAX_TITLE:
        return None
    number = match.group("num")
    level = len(match.group("marks").strip()) if match.group("marks") else None
    same = _similarity(title, templates[number])
    if (level is None and same < _SAME_NUMBER_SIMILARITY
            and max(_similarity(title, t) for t in templates.values()) < _OTHER_NUMBER_SIMILARITY):
        return None
    if level is not None and same < _OTHER_NUMBER_SIMILARITY and _is_row_label(title):
        return None  # "### 一、本年新收政府信息公开申请数量": a table row made a mini-table heading
    start = len(line_text) - len(line_text.lstrip(" \t#\u3000"))
    return number, title.rstrip("。."), level, same, start


@functools.cache
def _row_labels() -> frozenset[str]:
    from linter.templates import all_templates

    return frozenset(squash(r.label) for t in all_templates().values() for table in t.tables.values()
                     for r in table.rows) | frozenset(squash(g) for t in all_templates().values()
                                                      for table in t.tables.values() for _, g in table.groups)


def _is_row_label(title: str) -> bool:
    return squash(title).rstrip("。.") in _row_labels()


def find_sections(document: Document, templates: dict[str, SectionTemplate]) -> list[Section]:
    found = []
    for line in document.lines:
        heading = _heading(line.text, line.norm, templates)
        if heading:
            number, title, level, similarity, start = heading
            location = line.locate(start, len(line.text.rstrip()))
            found.append((line.index, number, title, level, similarity, location))
    sections = []
    for position, (index, number, title, level, similarity, location) in enumerate(found):
        end = found[position + 1][0] - 1 if position + 1 < len(found) else len(document.lines) - 1
        sections.append(
            Section(number, title, location, index, (index + 1, end), level, templates[number].title, similarity)
        )
    return sections


def section_of(sections: list[Section], line_index: int) -> Section | None:
    """The section whose heading is the last one at or before `line_index` (sections are in
    document order: a bisection, so that a long report's paragraphs are not quadratic)."""
    position = bisect_right(sections, line_index, key=lambda section: section.heading_line)
    return sections[position - 1] if position else None


def find_paragraphs(document: Document, sections: list[Section], skip: set[int]) -> list[Paragraph]:
    """Blocks of text separated by blank lines, headings or an indented first line (PDF text)."""
    headings = {s.heading_line for s in sections}
    paragraphs: list[Paragraph] = []
    block: list[int] = []

    def close() -> None:
        if block:
            text = "".join(document.lines[i].text.strip() for i in block)
            section = section_of(sections, block[0])
            first = document.lines[block[0]]
            location = first.locate(_indent(first.text)).through(document.lines[block[-1]].locate())
            paragraphs.append(Paragraph(text, (block[0], block[-1]), location, section.number if section else None))
            block.clear()

    for line in document.lines:
        text = line.text
        if not text.strip() or line.index in headings or line.index in skip or is_page_number(text):
            close()
            continue
        if block and _indent(text) >= 2 and _indent(document.lines[block[-1]].text) < 2:
            close()
        block.append(line.index)
    close()
    return paragraphs


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \u3000\t"))

