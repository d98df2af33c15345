"""Word's automatic paragraph numbering, rendered as the reader sees it ("一、", "（二）", "3.").

Headings such as "一、总体情况" are often numbered by a Word list rather than typed; the number is
then not in the paragraph's text at all. This follows the numbering definitions (w:num →
w:abstractNum → w:lvl: start, numFmt, lvlText) and counts paragraphs in document order, the way
Word does for the common formats; bullets give no prefix.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
                    "ideographDigital", "chineseLegalSimplified"}


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting)."""
    if value < 10:
        return _DIGITS[value]
    if value < 20:
        return "十" + (_DIGITS[value % 10] if value % 10 else "")
    if value < 100:
        return _DIGITS[value // 10] + "十" + (_DIGITS[value % 10] if value % 10 else "")
    rest = value % 100
    tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else chinese_number(rest) if rest >= 20
                                else "一" + chinese_number(rest))
    return chinese_number(value // 100) + "百" + tail


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return chinese_number(value)
    if fmt == "ideographTraditional" and 1 <= value <= len(_TIANGAN):
        return _TIANGAN[value - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(value).upper() if fmt == "upperRoman" else _roman(value)
    return str(value)


@dataclass(frozen=True)
class _Level:
    """One level of a Word numbering definition: start, format, text and what follows the number."""

    start: int
    fmt: str
    text: str
    suffix: str


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def _compiled(path: str):
    from lxml import etree

    return etree.XPath(path, namespaces={"w": _W})


def w_xpath(element, path: str) -> list:
    """XPath with the w: prefix on any element (python-docx's own `xpath` only knows it on some)."""
    return _compiled(path)(element)


def _val(element, path: str, default: str | None = None) -> str | None:
    found = w_xpath(element, f"{path}/@w:val")
    return str(found[0]) if found else default


def _level(lvl) -> _Level:
    return _Level(int(_val(lvl, "w:start", "1") or 1), _val(lvl, "w:numFmt", "decimal") or "decimal",
                  _val(lvl, "w:lvlText", "") or "", _val(lvl, "w:suff", "tab") or "tab")


class Numbering:
    """Counts numbered paragraphs of one document and renders their labels."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._styles = document.styles.element if document.styles is not None else None
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {str(w_xpath(a, "@w:abstractNumId")[0]): a for a in w_xpath(numbering, "w:abstractNum")}
        for num in w_xpath(numbering, "w:num"):
            num_id = str(w_xpath(num, "@w:numId")[0])
            definition = abstract.get(_val(num, "w:abstractNumId") or "")
            if definition is None:
                continue
            levels = w_xpath(definition, "w:lvl")
            self._levels[num_id] = {int(w_xpath(lvl, "@w:ilvl")[0]): _level(lvl) for lvl in levels}
            for override in w_xpath(num, "w:lvlOverride[w:startOverride]"):
                level = int(w_xpath(override, "@w:ilvl")[0])
                self._starts[(num_id, level)] = int(_val(override, "w:startOverride", "1"))

    def label(self, p) -> str:
        """The number Word shows before paragraph `p` (a w:p element; "" when it is not numbered)."""
        num_id, level = self._numbering_of(p)
        levels = self._levels.get(num_id or "")
        if not levels or level not in levels or levels[level].fmt in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(num_id, {})
        start = self._starts.get((num_id, level), levels[level].start)
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = levels[level].text
        for shown, definition in levels.items():
            if f"%{shown + 1}" in text:
                value = counters.get(shown, self._starts.get((num_id, shown), definition.start))
                text = text.replace(f"%{shown + 1}", format_number(value, definition.fmt))
        return text + (" " if levels[level].suffix != "nothing" and text[-1:].isalnum() else "")

    def _numbering_of(self, p) -> tuple[str | None, int]:
        p_pr = p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        if num_pr is None:
            num_pr = self._style_numbering(p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None)
        if num_pr is None:
            return None, 0
        num_id = _val(num_pr, "w:numId")
        return (None if num_id in (None, "0") else num_id), int(_val(num_pr, "w:ilvl", "0"))

    def _style_numbering(self, style_id: str | None):
        seen = set()
        while style_id and self._styles is not None and style_id not in seen:
            seen.add(style_id)
            style = w_xpath(self._styles, f'w:style[@w:styleId="{style_id}"]')
            if not style:
                return None
            found = w_xpath(style[0], "w:pPr/w:numPr")
            if found:
                return found[0]
            style_id = _val(style[0], "w:basedOn")
        return None
