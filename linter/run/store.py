"""The results of a run as the main process holds them until the output is written
(`ResultStore`): in the run's spill file, read back when they are asked for.

A province's run has thousands of reports. What a result holds — the path, its findings, `info`,
the HTML page's view, the corpus rules' summaries — is written to the run's `SpillFile`
(`linter.corpus.spill`) as the result arrives; the main process keeps a few offsets a report and
one settings object per configuration. Its memory grows only with what the output itself holds
(the findings, gathered for a formatter once the run is over): docs/performance.md, "Memory of
the main process".

The store is also what the corpus rules read (`linter.engine.CorpusReports`): each summary is
a record in the file (its `Detail`s, spilled first, referred to from it by offset: reading a
summary back does not read them), and a rule gets them as a `Summaries` sequence read back one
at a time.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from types import MappingProxyType
from typing import Any

from linter.corpus.spill import SpillFile, spill
from linter.corpus.summaries import Summaries
from linter.diagnostics import Diagnostic
from linter.engine import FileResult
from linter.memo import Memo
from linter.rules_api import CorpusRule
from linter.settings import Settings

ROWS_KEPT = 2048
ROW_KEPT_BYTES = 8192
"""Rows kept unpickled as well (`ResultStore._recent_rows`), and the largest kept (not an HTML view)."""

_HELD = -1
"""The offset of a row or summary kept in memory (`ResultStore._held`)."""

NO_SUMMARIES: Mapping[str, Any] = MappingProxyType({})
"""`FileResult.corpus` of a result read from the store: its summaries are the store's."""


class ResultStore(Sequence[FileResult]):
    """The results of a run in the order found; `store[i]` reads result i back (a new object each
    time: a changed result is kept with `replace`, findings changed with the store's methods)."""

    def __init__(self, file: SpillFile) -> None:
        self.file = file
        self._rows = array("q")
        """Each result's (path, diagnostics, error, info, view), pickled in the file."""
        self._recent_rows = Memo(ROWS_KEPT)
        """The rows last kept, unpickled (all of them in a run of up to ROWS_KEPT reports: the
        output reads the results several times)."""
        self._configurations: list[Settings | None] = []
        self._configuration = array("I")
        self._summary_offsets = array("q")
        """Where each report's distinct summaries are in the file, one report after the other."""
        self._first_summary = array("I")
        """Each report's first in `_summary_offsets`."""
        self._layouts: list[dict[str, int]] = []
        """Which of a report's summaries is each rule code's (one dictionary for the results of the same rules)."""
        self._layout = array("I")
        self._sequences: dict[tuple[Callable, bytes], Summaries] = {}
        self._held: dict[tuple[str, int], Any] = {}
        """("row", index) and ("summary", position in `_summary_offsets`) that could not be
        written (a full disk): kept here instead, their offset _HELD."""

    def append(self, result: FileResult) -> None:
        """Keep a result that has just arrived (in the file; here what the disk has no room for)."""
        self._configuration.append(self._configuration_of(result.settings))
        self._keep_summaries(result.corpus)
        self._rows.append(-1)
        self._put_row(len(self._rows) - 1, result)

    def _put_row(self, index: int, result: FileResult) -> None:
        row = (result.path, tuple(result.diagnostics), result.error, result.info, result.view)
        data = pickle.dumps(row, pickle.HIGHEST_PROTOCOL)
        self._recent_rows.pop(index, None)
        self._rows[index] = self._put(("row", index), row, partial(self.file.put, data))
        if len(data) <= ROW_KEPT_BYTES:
            self._recent_rows.keep(index, row)

    def _put(self, key: tuple[str, int], value: Any, write: Callable[[], int]) -> int:
        """`write()`'s offset, or _HELD with `value` kept in memory when the disk has no room."""
        self._held.pop(key, None)
        try:
            return write()
        except OSError:
            self._held[key] = value
            return _HELD

    def _get(self, key: tuple[str, int], offset: int, read: Callable[[int], Any]) -> Any:
        return self._held[key] if offset == _HELD else read(offset)

    def _configuration_of(self, settings: Settings | None) -> int:
        for number, seen in enumerate(self._configurations):
            if seen is settings or (seen is not None and seen == settings):
                return number
        self._configurations.append(settings)
        return len(self._configurations) - 1

    def _keep_summaries(self, summaries: Mapping[str, Any]) -> None:
        """Each distinct summary (rules sharing a summarize share one) in the file, its `Detail`s first."""
        self._first_summary.append(len(self._summary_offsets))
        distinct: dict[int, int] = {}
        layout = {code: distinct.setdefault(id(summary), len(distinct)) for code, summary in summaries.items()}
        if layout not in self._layouts:
            self._layouts.append(layout)
        self._layout.append(self._layouts.index(layout))
        for summary in {id(summary): summary for summary in summaries.values()}.values():
            spill([summary], self.file)
            key = ("summary", len(self._summary_offsets))
            self._summary_offsets.append(self._put(key, summary, partial(self.file.put_value, summary)))

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> FileResult:  # type: ignore[override]  # no slices
        if index < 0:
            index += len(self._rows)
        row = self._recent_rows.get(index)
        if row is None:
            row = self._get(("row", index), self._rows[index], lambda offset: pickle.loads(self.file.read(offset)))
        path, diagnostics, error, info, view = row
        return FileResult(path, list(diagnostics), error, None, self.settings(index), info, NO_SUMMARIES, view)

    def __iter__(self) -> Iterator[FileResult]:
        return (self[index] for index in range(len(self._rows)))

    def settings(self, index: int) -> Settings:
        return self._configurations[self._configuration[index]]  # type: ignore[return-value]  # reports: checked

    def path(self, index: int) -> str:
        return self[index].path

    def replace(self, index: int, result: FileResult) -> None:
        """Keep `result` (read from the store and changed: its view, its findings) as result `index`."""
        self._put_row(index, result)

    def add_findings(self, added: Iterable[tuple[int, Diagnostic]]) -> None:
        """Add each (position, finding), keeping each result's findings sorted by place."""
        by_result: dict[int, list[Diagnostic]] = {}
        for index, diagnostic in added:
            by_result.setdefault(index, []).append(diagnostic)
        for index, diagnostics in by_result.items():
            result = self[index]
            result.diagnostics.extend(diagnostics)
            result.diagnostics.sort(key=Diagnostic.sort_key)
            self.replace(index, result)

    # What the corpus rules read (linter.engine.CorpusReports)

    def taking_part(self, rule: CorpusRule) -> array:
        """The positions of the reports with `rule`'s summary whose settings enable it."""
        has_summary = [rule.code in layout for layout in self._layouts]
        enabled = [settings is not None and settings.enabled(rule.code) for settings in self._configurations]
        return array("I", (index for index, (layout, configuration) in enumerate(zip(self._layout, self._configuration,
                                                                                     strict=True))
                           if has_summary[layout] and enabled[configuration]))

    def summaries(self, rule: CorpusRule, taking_part: array) -> Summaries:
        """Their summaries for `rule`, read back from the file (the same sequence for the rules that
        share `rule.summarize` and the reports taking part)."""
        key = (rule.summarize, taking_part.tobytes())
        if key not in self._sequences:
            slot_in = [layout.get(rule.code) for layout in self._layouts]

            def read(k: int) -> Any:
                index = taking_part[k]
                at = self._first_summary[index] + slot_in[self._layout[index]]
                return self._get(("summary", at), self._summary_offsets[at], self.file.get)

            self._sequences[key] = Summaries(len(taking_part), read)
        return self._sequences[key]

    def forget_summaries(self) -> None:
        """The corpus rules have run: nothing reads the summaries any more."""
        self._sequences.clear()
        self._summary_offsets, self._first_summary, self._layout = array("q"), array("I"), array("I")
        self._held = {key: value for key, value in self._held.items() if key[0] == "row"}
        self.file.forget_read()
