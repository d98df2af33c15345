"""What one file's outcome carries from where it was checked (a worker) to the main process, and
into the cache: the diagnostics, `info`, the settings, the corpus summaries and, for a formatter
that reads them, the HTML page's view — never the recognised report (tens of kilobytes a file,
most of a run's memory and of the time spent pickling).

`compact` runs where the file was checked; `SharedSettings` in the main process makes the
results of one configuration share one settings object again (unpickling gives each its own),
and `CorpusSummaries` holds a result's corpus summaries there in less than their dictionary."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from linter.run.results import CheckRequest, FileOutcome
from linter.settings import Settings


def compact(outcome: FileOutcome, request: CheckRequest) -> FileOutcome:
    """`outcome` without its report, its view made first when `request.views`."""
    result = outcome.result
    if result.report is None:
        return outcome
    view = None
    if request.views:
        from linter.formatters.reportview import report_view

        view = report_view(result.report, result.diagnostics)
    return dataclasses.replace(outcome, result=dataclasses.replace(result, report=None, view=view))


class SharedSettings:
    """One object for equal settings: a run has a few configurations and thousands of results."""

    def __init__(self) -> None:
        self._seen: list[Settings] = []

    def share(self, outcome: FileOutcome) -> FileOutcome:
        settings = outcome.result.settings
        if settings is not None:
            outcome.result.settings = next((seen for seen in self._seen if seen == settings), settings)
            if outcome.result.settings is settings and all(seen is not settings for seen in self._seen):
                self._seen.append(settings)
        return outcome


_LAYOUTS: dict[tuple[tuple[str, int], ...], dict[str, int]] = {}
"""Which summary each rule code's is, one dictionary per layout (a run has one or a few)."""


class CorpusSummaries(Mapping[str, Any]):
    """A result's corpus summaries by rule code (`FileResult.corpus`) as the main process holds
    them for every report of a run: the distinct summaries in a tuple, and which code's is which in
    a dictionary shared by the results of the same rules (the four CPY rules share one summary,
    the two XYR rules another: a dictionary of six entries each is about 350 bytes a report)."""

    __slots__ = ("_positions", "_summaries")

    def __init__(self, summaries: Mapping[str, Any]) -> None:
        distinct: dict[int, int] = {}
        layout = tuple((code, distinct.setdefault(id(summary), len(distinct))) for code, summary in summaries.items())
        self._positions = _LAYOUTS.setdefault(layout, dict(layout))
        self._summaries = tuple({id(summary): summary for summary in summaries.values()}.values())

    def __getitem__(self, code: str) -> Any:
        return self._summaries[self._positions[code]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def distinct(self) -> tuple[Any, ...]:
        """Each summary once (rules sharing a `summarize` share its summary)."""
        return self._summaries
