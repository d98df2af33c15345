"""What a run is asked (`CheckRequest`), what checking one discovered file gives it
(`FileOutcome`), and what the whole run found (`CheckRun`). The result of one file is
`linter.engine.FileResult`; it carries the settings the file was checked with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.corpus.spill import SpillFile
from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.run.store import ResultStore

if TYPE_CHECKING:
    from linter.baseline import Entry


@dataclass
class CheckRequest:
    """What `govlint check` was asked to do: the paths and the flags that change the run."""

    paths: list[str]
    fix: bool = False
    diff: bool = False
    stdin_filename: str | None = None
    stdin: bytes | None = None
    baseline: str | None = None
    jobs: int | None = None
    """Worker processes; None: one per CPU when there are enough files, else 1 (no pool)."""
    against: str | None = None
    """A reference index (`govlint index build`) the corpus rules compare the reports with too."""
    views: bool = False
    """Make each report's view for the HTML page where it is checked (`Formatter.report_views`)."""
    cache: bool = False
    """Read and store results in the results cache (`linter.run.cache`)."""
    cache_dir: str | None = None
    """The cache's folder; None: `.govlint_cache` beside each file's configuration."""


@dataclass
class CheckRun:
    """What a run found: each report's result (in the order found), and what the fixes and the
    baseline did. The results are read back from the run's spill file (`linter.run.store`):
    `close` (or leaving a `with` block) removes it, once the output is written."""

    results: ResultStore = field(default_factory=lambda: ResultStore(SpillFile()))
    not_reports: list[str] = field(default_factory=list)
    """Files found in directories that are not reports (not checked)."""
    diffs: list[str] = field(default_factory=list)
    fixed: int = 0
    stale: list[Entry] = field(default_factory=list)
    cache_problem: str | None = None
    """Why the results cache could not be written, if it could not (the run is complete all the same)."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.results if r.error]

    def failing(self, level: Severity) -> bool:
        return any(d.severity >= level for d in self.diagnostics)

    def close(self) -> None:
        self.results.file.close()

    def __enter__(self) -> CheckRun:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass
class FileOutcome:
    """What checking (and fixing) one discovered file gives the run."""

    result: FileResult
    is_report: bool = True
    diff: str | None = None
    fixed: int = 0
