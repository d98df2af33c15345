"""Locations packed into arrays of ints, for what the main process holds of every report of a run.

A `Location` object costs about a hundred bytes; a corpus summary holds dozens of them for each
of thousands of reports, and only the few that end up in a finding are ever read. `Locations`
keeps their numbers in one array and makes a `Location` again when one is asked for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from linter.model import Location

_FIELDS = 4
"""line, column, end_line, end_column."""


class Locations:
    """A sequence of locations: their numbers in one array, pages and logical places only when
    some location has one (PDF, DOCX)."""

    __slots__ = ("_logical", "_pages", "_spans")

    def __init__(self, locations: Iterable[Location] = ()) -> None:
        spans, pages, logical = array("I"), [], []
        for location in locations:
            spans.extend((location.line, location.column, location.end_line, location.end_column))
            pages.append(location.page)
            logical.append(location.logical)
        self._spans = spans
        self._pages = tuple(pages) if any(page is not None for page in pages) else None
        self._logical = tuple(logical) if any(place is not None for place in logical) else None

    def __len__(self) -> int:
        return len(self._spans) // _FIELDS

    def __getitem__(self, index: int) -> Location:
        if not 0 <= index < len(self):
            raise IndexError(index)
        line, column, end_line, end_column = self._spans[_FIELDS * index:_FIELDS * (index + 1)]
        return Location(line, column, end_line, end_column, self._pages[index] if self._pages else None,
                        self._logical[index] if self._logical else None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Locations):
            return NotImplemented
        return (self._spans, self._pages, self._logical) == (other._spans, other._pages, other._logical)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not immutable
