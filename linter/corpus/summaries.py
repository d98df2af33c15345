"""What a corpus rule is given: the summaries of the reports taking part, as a sequence read
where they are kept (a run keeps them in its spill file, `linter.run.store`), not a list of
objects held for every report of a run.

A rule yields (report, finding) pairs; the report is its position in the sequence or the
summary it read. A summary is found again by identity among those read lately (up to `RECENT`),
and by equality after that (a scan: a rule that keeps summaries longer should yield positions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from linter.memo import Memo

RECENT = 256
"""Summaries read that are kept, so that one yielded back is found by identity."""


class Summaries(Sequence[Any]):
    """`count` summaries, summary k made (or read back) by `read(k)`."""

    def __init__(self, count: int, read: Callable[[int], Any]) -> None:
        self._count = count
        self._read = read
        self._recent = Memo(RECENT)
        """(position, summary) by the summary's id: held, so that the id stays its own."""

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> Any:  # type: ignore[override]  # no slices: a rule reads one at a time
        if not isinstance(index, int):
            raise TypeError(f"summaries are read one at a time, not by {type(index).__name__}")
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        summary = self._read(index)
        self._recent.keep(id(summary), (index, summary))
        return summary

    def __iter__(self) -> Iterator[Any]:
        return (self[index] for index in range(self._count))

    def position(self, report: Any) -> int:
        """Where `report` (a position, or a summary read from this sequence) stands."""
        if isinstance(report, int):
            if not 0 <= report < self._count:
                raise IndexError(f"a corpus rule yielded position {report} of {self._count} summaries")
            return report
        held = self._recent.get(id(report))
        if held is not None:
            return held[0]
        for index in range(self._count):
            summary = self._read(index)
            if summary is report or summary == report:
                return index
        raise ValueError("a corpus rule yielded a summary that is not one of those it was given")
