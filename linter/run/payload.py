"""What one file's outcome carries from where it was checked (a worker) to the main process, and
into the cache: the diagnostics, `info`, the settings, the corpus summaries and, for a formatter
that reads them, the HTML page's view — never the recognised report (tens of kilobytes a file,
most of a run's memory and of the time spent pickling).

`compact` runs where the file was checked; the main process keeps what arrives in its
`linter.run.store.ResultStore`."""

from __future__ import annotations

import dataclasses

from linter.run.results import CheckRequest, FileOutcome


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
