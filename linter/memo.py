"""Bounded memos: for pure functions of one line of text, and a dict that forgets when full.

Table rows, headings, a site's chrome and stock sentences come again in report after report of a
run, so a per-line check remembered by the line's text is mostly a lookup. Long texts (a crawler
copy puts a whole report on one line) are computed, not kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

_Result = TypeVar("_Result")
_Value = TypeVar("_Value")

REMEMBERED_TEXT = 400
"""Characters: a longer text is not remembered."""


def per_line(function: Callable[[str], _Result]) -> Callable[[str], _Result]:
    """`function`, remembered for its last 8,192 texts of at most REMEMBERED_TEXT characters
    (its results are shared: they must be immutable)."""
    remembered = functools.lru_cache(maxsize=8_192)(function)

    @functools.wraps(function)
    def call(text: str) -> _Result:
        return remembered(text) if len(text) <= REMEMBERED_TEXT else function(text)

    return call


class Memo(dict):
    """A dict of what a run worked out (by text, by layout, by object), emptied all at once when it
    holds `limit` entries: what recurs is soon remembered again, and memory stays bounded."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: Any, value: _Value) -> _Value:
        """Remember `value` for `key` and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
