"""Tokenising table text: each line becomes label, number and empty-field tokens.

A line is split into fields on tabs and '|' (an empty field there is a possibly blank cell),
and each field into pieces on runs of two or more spaces (PDF text). A piece is a number
("0", "+2", "50.920543 万元"), several numbers separated by single spaces ("0 0 1"), a
placeholder written in a cell ("—", "/", "无"), a label (it has Han characters), or noise.
Offsets index `line.text`; matching reads `line.norm`, which has the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from linter.memo import REMEMBERED_TEXT, Memo
from linter.model import CellKind, Line

TokenKind = Literal["number", "label", "empty"]

_PIECE = re.compile(r"\S+(?: \S+)*")  # stretches of a field separated by two or more spaces
# Bounded: a run of more digits than any count or amount has is text, not a cell (and never
# reaches int(), which refuses strings of over 4300 digits).
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<digits>\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?P<fraction>\.\d{1,8})?\s*(?P<unit>万元|元|件|个|条|项)?")
_MONEY_UNITS = ("万元", "元")
_WORD = re.compile(r"\S+")
_PLACEHOLDER = re.compile(r"[-—–/\\无]|—+|-+|／")
_EMPHASIS = re.compile(r"[*_`]+(?P<inner>[^*_`]*)[*_`]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_MARKDOWN_RULE = re.compile(r"\s*:?-{3,}:?\s*")
_PAGE_NUMBER = re.compile(r"\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)\s*")
_PAGE_NUMBER_FIRST = frozenset("-—–第")  # what a footer's first character after blanks can be


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A label, a number or an empty field, at `start:end` of document line `line` (immutable by
    convention, like `Location`)."""

    kind: TokenKind
    line: int
    start: int
    end: int
    text: str
    """As stored (raw)."""
    value: int | Decimal | None = None
    cell_kind: CellKind = "text"
    unit: str = ""
    field: int = 0
    """Index of the tab- or '|'-separated field of the line the token stands in."""
    glued: bool = False
    """Digits of a flattened table row: one or more cells run together (recognize/digits.py)."""


def parse_number(text: str) -> tuple[int | Decimal, CellKind, str] | None:
    """Value, cell kind and unit of a cell written as a number (folded text), else None."""
    if len(text) <= 15 and text.isdigit() and text.isascii():  # most cells: what _NUMBER reads as `\d{1,15}`
        return int(text), "int", ""
    match = _NUMBER.fullmatch(text.strip())
    if not match:
        return None
    digits = match["digits"].replace(",", "")
    unit = match["unit"] or ""
    if match["fraction"] or unit in _MONEY_UNITS:
        try:
            value: int | Decimal = Decimal(match["sign"] + digits + (match["fraction"] or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits valid decimals
            return None
        return value, "decimal", unit
    number = int(match["sign"] + digits)
    return number, ("signed" if match["sign"] else "int"), unit


def is_page_number(text: str) -> bool:
    """A page footer such as "-4-" or "第 3 页" (a bare "3" may be a cell, so it is not one)."""
    return text.lstrip()[:1] in _PAGE_NUMBER_FIRST and bool(_PAGE_NUMBER.fullmatch(text))


_memo: Memo = Memo(8_192)
"""The tokens of a line's text, without its index: a table's headers, labels and rows of zeros
come again in report after report (65 % of the table lines of 24 different real reports repeat
one met before)."""


def tokenize(line: Line) -> list[Token]:
    """The tokens of one line, in reading order (empty list for blank lines and page numbers)."""
    if len(line.text) > REMEMBERED_TEXT:
        return _tokenize(line)
    key = (line.norm, line.text, line.glued)
    known = _memo.get(key)
    if known is None:
        tokens = _tokenize(line)
        _memo.keep(key, tuple((t.kind, t.start, t.end, t.text, t.value, t.cell_kind, t.unit, t.field, t.glued)
                              for t in tokens))
        return tokens
    index = line.index
    return [Token(kind, index, start, end, text, value, cell_kind, unit, field, glued)
            for kind, start, end, text, value, cell_kind, unit, field, glued in known]


def _tokenize(line: Line) -> list[Token]:
    norm = line.norm
    if not norm.strip() or is_page_number(norm):
        return []
    if line.glued:
        return _glued_tokens(line)
    fields = _fields(norm)
    if len(fields) > 1 and all(_MARKDOWN_RULE.fullmatch(norm[a:b]) or not norm[a:b].strip() for a, b in fields):
        return []
    tokens: list[Token] = []
    for index, (start, end) in enumerate(fields):
        pieces = _pieces(norm[start:end], start)
        if not pieces:
            tokens.append(Token("empty", line.index, start, end, line.text[start:end], field=index))
        for a, b in pieces:
            tokens += _piece_tokens(line, a, b, index)
    return tokens


_NUMBER_TAIL = frozenset("0123456789.+- ")


def _glued_tokens(line: Line) -> list[Token]:
    """A flattened table line: a label, then the row's digits (groups between spaces), each
    group a glued number token whose cells `digits.py` finds."""
    norm = line.norm
    end = len(norm.rstrip())
    start = end - 2 if norm[:end].endswith("万元") else end - 1 if norm[:end].endswith("元") else end
    while start > 0 and norm[start - 1] in _NUMBER_TAIL:
        start -= 1
    while start < end and not (norm[start].isdigit() or norm[start] in "+-"):
        start += 1
    tokens = []
    label = norm[:start].strip()
    if label:
        label_start = norm.index(label[0])
        label_end = label_start + len(label)
        tokens.append(Token("label", line.index, label_start, label_end, line.text[label_start:label_end]))
    for group in re.finditer(r"\S+", norm[start:end]):
        a, b = start + group.start(), start + group.end()
        tokens.append(Token("number", line.index, a, b, line.text[a:b], glued=True))
    return tokens


def _fields(norm: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for field in norm.replace("|", "\t").split("\t"):  # both separators are one character
        spans.append((start, start + len(field)))
        start += len(field) + 1
    return spans


def _pieces(field: str, offset: int) -> list[tuple[int, int]]:
    """Where the pieces of a field are (offsets from the field's `offset` in its line)."""
    # A printable text has no white space but the ASCII space: one piece unless padded or double-spaced.
    if field.isprintable() and "  " not in field and field[:1] != " " and field[-1:] != " ":
        return [(offset, offset + len(field))] if field else []
    return [(offset + m.start(), offset + m.end()) for m in _PIECE.finditer(field)]


def _piece_tokens(line: Line, start: int, end: int, field: int) -> list[Token]:
    text = line.norm[start:end]
    marks = _EMPHASIS.fullmatch(text) if text[0] in "*_`" else None
    if marks and marks["inner"] and parse_number(marks["inner"]) is not None:  # Markdown "**12**"
        start, end = start + marks.start("inner"), start + marks.end("inner")
        text = marks["inner"]
    number = parse_number(text)
    if number is not None:
        return [_number_token(line, start, end, number, field)]
    if " " in text:  # a piece's words are separated by single spaces
        words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text)]
        parsed = [parse_number(line.norm[a:b]) for a, b in words]
        if all(p is not None for p in parsed):
            return [_number_token(line, a, b, p, field) for (a, b), p in zip(words, parsed, strict=True)]
    else:
        words, parsed = [(start, end)], [None]
    if _PLACEHOLDER.fullmatch(text):
        return [Token("number", line.index, start, end, line.text[start:end], field=field)]
    if _HAN.search(text):
        return _label_with_trailing_numbers(line, start, words, parsed, field)
    return []


def _label_with_trailing_numbers(line: Line, start: int, words: list, parsed: list, field: int) -> list[Token]:
    """A label piece; two or more numbers after it, single-spaced, are cells of its row."""
    count = 0
    while count < len(parsed) - 1 and parsed[len(parsed) - 1 - count] is not None:
        count += 1
    if count < 2:
        count = 0
    label_end = words[len(words) - count - 1][1]
    tokens = [Token("label", line.index, start, label_end, line.text[start:label_end], field=field)]
    for (a, b), value in zip(words[len(words) - count:], parsed[len(parsed) - count:], strict=True):
        tokens.append(_number_token(line, a, b, value, field))
    return tokens


def _number_token(line: Line, start: int, end: int, parsed: tuple, field: int) -> Token:
    value, kind, unit = parsed
    return Token("number", line.index, start, end, line.text[start:end], value, kind, unit, field)
