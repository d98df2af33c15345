"""Flattened text: a report whose body is one or a few very long lines (a crawler's text copy).

Such a line is cut into virtual lines, each mapped to the characters of the file it holds
(`Line.segments`), so that every later step reads it like any other text and every location
still points into the file as stored:

- before and after each section heading written mid-line ("…报告：一、总体情况2021年，…"): the
  numeral and a title close to a template title or alias; a title that starts like the template's
  but ends in other words ("五、存在的主要问题及明年工作计划") runs to its last title word;
- around web residue at the start (a breadcrumb followed by short chrome words, up to the first
  sentence) and chrome words at the end ("附件下载"), and after a title at the start;
- in the tables (from heading 二 to heading 五): before row numbering ("（三）", "四、", "2."),
  before each label that follows numbers, around the sub-table anchors ("第二十条第（五）项") and
  before table 二's row labels. These pieces are marked `glued`: their numbers run together and
  are split into cells by `digits.py`.
"""

from __future__ import annotations

import dataclasses
import re

from linter.fuzzy import ratio
from linter.model import Document, Line, Segment
from linter.templates import SectionTemplate, Template

_MIN_LENGTH = 200  # a line this long with a heading inside it is flattened text
_TITLE_SIMILARITY = 80.0
_EXACT = 95.0
_TITLE_WORDS = re.compile(r"情况|措施|计划|事项|问题")
_TITLE_REACH = 8  # characters a title may run on past its template wording
_NUMERAL = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六])\s*[、.]\s*")
_CHROME_START = re.compile(r"\s*(?:您?当前(?:的)?位置|首页\s*>)")
_CHROME_WORD_MAX = 40
_PROSE_MARK = re.compile(r"[，。；《》]")
_TITLE_START = re.compile(r"\s*(?P<title>\S{4,60}?(?:工作)?(?:年度)?报告)(?=\s)")
_CHROME_END = re.compile(r"\s(?:附件下载|打印本页|关闭窗口|【打印】|【关闭】|分享到)[^\s]{0,10}\s*$")
_ANCHOR = re.compile(r"第二十条第\(\S{1,3}?\)项")
_ROW_NUMBER = re.compile(
    r"\([一二三四五六七八]\)|(?<![一二三四五六七八九十])[一二三四]、|[1-8][.、](?=[\u4e00-\u9fff“\"])")
_NUMBERS = re.compile(r"[+-]?\d[\d\s.+-]*(?:万元|元)?")
_LAID_OUT = re.compile(r"[\t|]")
_NOT_A_LABEL = "件条个项次%年月日，。、；,;:)）"


def unflatten(document: Document, sections: dict[str, SectionTemplate], templates: dict[str, Template]) -> Document:
    """`document` with each flattened line cut into virtual lines (the same document when none is)."""
    # Longest first, then in code point order: the same pattern text in every process (linter.compilecache stores it).
    row_labels = sorted({r.label for t in templates.values() for r in t.tables["二"].rows},
                        key=lambda label: (-len(label), label))
    two_rows = re.compile("|".join(map(re.escape, row_labels)))
    lines: list[Line] = []
    area: str | None = None  # the table area a flattened line ends in: "二" (table 二), "三" (三/四)
    changed = False
    for line in document.lines:
        headings = _headings(line.norm, sections) if len(line.text) >= _MIN_LENGTH else []
        if area is not None and not headings and not _continues(line):
            area = None
        if not headings and area is None:
            lines.append(line if line.index == len(lines) else dataclasses.replace(line, index=len(lines)))
            continue
        changed = True
        cuts, glued, area = _cuts(line.norm, headings, area, two_rows)
        for start, end in zip(cuts, cuts[1:], strict=False):
            a, b = _trim(line.text, start, end)
            if a < b:
                lines.append(_piece(line, a, b, len(lines), glued=_inside(glued, a)))
    return dataclasses.replace(document, lines=lines) if changed else document


def _continues(line: Line) -> bool:
    """Whether a line after one that ended inside a table is more of the flattened table (a long
    line of run-together text), not a table laid out the usual way (tabs, pipes, a row per line)."""
    return not _LAID_OUT.search(line.norm) and (len(line.text) >= _MIN_LENGTH // 2 or not line.text.strip())


def _headings(norm: str, sections: dict[str, SectionTemplate]) -> list[tuple[int, int, str]]:
    """(start, title end, numeral) of each section heading inside the line, after its start."""
    found = []
    for match in _NUMERAL.finditer(norm):
        section = sections[match[1]]
        start, best, score = match.end(), 0, 0.0
        for title in (section.title, *section.aliases):
            for length in range(max(2, len(title) * 2 // 3), len(title) + 4):
                similarity = ratio(norm[start:start + length], title)
                if similarity > score:
                    best, score = length, similarity
        if score < _TITLE_SIMILARITY:
            continue
        end = start + best
        if score < _EXACT:
            more = _TITLE_WORDS.search(norm, end, end + _TITLE_REACH)
            end = more.end() if more else end
        found.append((match.start(), end, match[1]))
    return found


def _cuts(norm: str, headings: list[tuple[int, int, str]], area: str | None,
          two_rows: re.Pattern) -> tuple[list[int], list[tuple[int, int]], str | None]:
    """Cut positions of one flattened line, the stretches that are table text, and the table
    area the line ends in."""
    cuts = {0, len(norm)}
    body = 0
    if area is None:
        body = _chrome_prefix(norm)
        cuts.add(body)
        title = _TITLE_START.match(norm, body)
        if title and "政府信息公开" in title["title"]:
            cuts.add(title.end())
    chrome_end = _CHROME_END.search(norm)
    if chrome_end:
        cuts.add(chrome_end.start())
    glued: list[tuple[int, int]] = []
    position = 0
    for start, end, number in [*headings, (len(norm), len(norm), "")]:
        cuts |= {start, end}
        if area is not None:
            glued.append((position, start))
            _table_cuts(norm, position, start, area, two_rows, cuts)
        if number:
            area = {"二": "二", "三": "三", "四": "三"}.get(number)
        position = end
    return sorted(cuts), glued, area


def _table_cuts(norm: str, start: int, end: int, area: str, two_rows: re.Pattern, cuts: set[int]) -> None:
    text = norm[:end]
    anchors = [m.span() for m in _ANCHOR.finditer(text, start)]
    for anchor in anchors:
        cuts.update(anchor)
    cuts.update(m.start() for m in _ROW_NUMBER.finditer(text, start) if not any(a < m.start() < b for a, b in anchors))
    for match in _NUMBERS.finditer(text, start):
        after = match.end()
        # "…00000002.其他…": the "2." numbers the next row (cut above), it does not end a number.
        if after < end and norm[after] not in _NOT_A_LABEL and norm[after - 1] != ".":
            cuts.add(after)
    if area == "二":
        cuts.update(m.start() for m in two_rows.finditer(text, start))


def _chrome_prefix(norm: str) -> int:
    """End of the web residue a flattened body starts with: a breadcrumb and the short chrome
    words after it (a repeated title among them), up to the first sentence."""
    if not _CHROME_START.match(norm):
        return 0
    end = 0
    for word in re.finditer(r"\S+", norm):
        if len(word[0]) > _CHROME_WORD_MAX or _PROSE_MARK.search(word[0]):
            break
        end = word.end()
    return end


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _piece(line: Line, start: int, end: int, index: int, *, glued: bool) -> Line:
    """Characters `start:end` of `line` as line `index` of the new document."""
    segments = []
    for position, segment in enumerate(line.segments):
        following = line.segments[position + 1].offset if position + 1 < len(line.segments) else len(line.text)
        if following <= start or segment.offset >= end:
            continue
        shift = max(start - segment.offset, 0)
        segments.append(Segment(max(segment.offset - start, 0), segment.line, segment.column + shift,
                                segment.page, segment.logical))
    return Line(index, line.text[start:end], tuple(segments), line.norm[start:end], glued=glued)
