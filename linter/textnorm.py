"""Folding of look-alike characters for matching.

Every fold maps one character to one character, so an offset in the folded text is the same
offset in the text as stored: positions found by matching can be reported without mapping back.
"""

from __future__ import annotations

import functools
import re

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
_FOLD.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: 0x20,  # zero-width space keeps its slot as a space
        0xFEFF: 0x20,
        0xFE5D: 0x3014,  # ﹝ → 〔
        0xFE5E: 0x3015,  # ﹞ → 〕
        0x2212: 0x2D,  # minus sign → -
        0xFE63: 0x2D,
        0x3002: 0x3002,
    }
)

CHINESE_NUMERALS = "一二三四五六七八九十"
SECTION_NUMERALS = "一二三四五六"


_FOLDED = {chr(code): chr(folded) for code, folded in _FOLD.items() if code != folded}
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in _FOLDED) + "]")


def _folded(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def normalize(text: str) -> str:
    """Fold full-width ASCII, odd spaces and bracket variants; same length as `text`.

    A substitution of the foldable characters only: `str.translate` with a dict raises and
    catches a KeyError for every character it leaves alone (most of a Chinese text), twice as slow."""
    return _FOLDABLE.sub(_folded, text)


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=16_384)
def squash(text: str) -> str:
    """Folded text with all white space removed: for comparing labels split by extraction.

    Remembered: recognition and several rules squash the same lines and labels. A whole report
    goes through `squash_whole` instead."""
    return _SPACES.sub("", normalize(text))


def squash_whole(text: str) -> str:
    """`squash` of a whole report's text: not remembered (the memo would keep a report-sized
    string alive for thousands of reports), and a piece at a time (the same result: both steps
    work character by character), because a substitution holds a string for every match until
    it joins them — several times the size of a large file."""
    return "".join(_SPACES.sub("", normalize(text[start:start + _PIECE])) for start in range(0, len(text), _PIECE))


_PIECE = 100_000
