"""What one file's outcome carries from where it was checked (a worker) to the main process, and
into the cache: the diagnostics, `info`, the settings, the corpus summaries and, for a formatter
that reads them, the HTML page's view — never the recognised report (tens of kilobytes a file,
most of a run's memory and of the time spent pickling).

`compact` runs where the file was checked; `SharedSettings` in the main process makes the
results of one configuration share one settings object again (unpickling gives each its own)."""

from __future__ import annotations

import dataclasses

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
