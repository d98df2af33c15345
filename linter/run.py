"""One `govlint check` run: finding the files, checking each (in worker processes with
--jobs), applying or showing fixes, the corpus rules over all reports, and filtering by the
baseline. One file: `linter.checker`."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter.checker import check_file
from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult, all_rules, plugin_failures, run_corpus_rules
from linter.errors import InputError
from linter.loaders import supported_extensions
from linter.model import Report
from linter.packs import apply_packs
from linter.settings import Settings

if TYPE_CHECKING:
    from linter.baseline import Entry

STDIN = "-"
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
_FILES_PER_WORKER = 4
"""Below this many files per available CPU, starting worker processes costs more than it saves."""


def discover(paths: list[str]) -> Iterator[tuple[str, bool]]:
    """(path, named) for files named on the command line (named=True) and for files with a
    report extension found below named directories (named=False)."""
    extensions = supported_extensions()
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in extensions:
                        yield os.path.join(root, name), False
        else:
            yield path, True


def is_report(report: Report) -> bool:
    """Whether a file found in a directory is an annual report at all (a README beside the
    reports has neither a report title nor section headings)."""
    return report.title is not None or len(report.sections) >= 2


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


@dataclass
class CheckRun:
    """What a run found: each report's result (in the order found), and what the fixes and the
    baseline did."""

    results: list[FileResult] = field(default_factory=list)
    not_reports: list[str] = field(default_factory=list)
    """Files found in directories that are not reports (not checked)."""
    diffs: list[str] = field(default_factory=list)
    fixed: int = 0
    stale: list[Entry] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.results if r.error]

    def failing(self, level: Severity) -> bool:
        return any(d.severity >= level for d in self.diagnostics)


@dataclass
class _FileOutcome:
    """What checking (and fixing) one discovered file gives the run."""

    result: FileResult
    is_report: bool = True
    diff: str | None = None
    fixed: int = 0


def run_check(request: CheckRequest, settings_for: Callable[[str], Settings]) -> CheckRun:
    """Check every file; `settings_for(path)` gives each file's settings (see config.SettingsResolver).

    With more than one job the files are checked in worker processes; results keep the order
    in which the files were found, so the output is the same as with one job."""
    files = list(discover(request.paths))
    tasks = ((path, named, settings_for(settings_name(path, request.stdin_filename)), request) for path, named in files)
    jobs = worker_count(request.jobs, len(files))
    if jobs > 1 and request.fix and not _distinct_files(files):
        jobs = 1  # two workers must not rewrite one file
    run = CheckRun()
    outcomes = _check_in_pool(list(tasks), jobs) if jobs > 1 else (_check_task(*task) for task in tasks)
    for outcome in outcomes:
        if not outcome.is_report:
            run.not_reports.append(outcome.result.path)
            continue
        if outcome.diff is not None:
            run.diffs.append(outcome.diff)
        run.fixed += outcome.fixed
        run.results.append(outcome.result)
    run_corpus_rules([(result, apply_packs(all_rules(), settings_for(result.path))[1])
                      for result in run.results if result.corpus])
    if run.results:
        run.results[0].diagnostics[:0] = plugin_failures(run.results[0].path)
    if request.baseline:
        _apply_baseline(run, request.baseline)
    return run


def worker_count(jobs: int | None, files: int) -> int:
    """Worker processes for `files` files: `jobs` when given, else one per CPU when each would
    get a few files, else 1 (checked in this process)."""
    if jobs is not None:
        return max(1, min(jobs, files))
    cpus = _cpu_count()
    return cpus if cpus > 1 and files >= cpus * _FILES_PER_WORKER else 1


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may use, not all the machine's
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Turn off automatic garbage collection for a whole `govlint check`: the run and its output.

    Every report of a run stays in memory for the output, and each automatic collection walks
    all of them again: a fifth of a 300-file run, half of a 2000-file run with --jobs (where
    unpickling results allocates fast). Instead, each file's reference cycles are collected
    when it has been checked (see `_check_task`), among the youngest objects only."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _distinct_files(files: list[tuple[str, bool]]) -> bool:
    real = [os.path.realpath(path) for path, _ in files if path != STDIN]
    return len(set(real)) == len(real)


def _check_in_pool(tasks: list[tuple[str, bool, Settings, CheckRequest]], jobs: int) -> list[_FileOutcome]:
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(tasks) // (jobs * 4)))
    # Workers, forked or spawned, run without automatic collection (5% of their time):
    # _check_task collects each file's cycles.
    with ProcessPoolExecutor(max_workers=jobs, initializer=gc.disable) as pool:
        return list(pool.map(_check_task, *zip(*tasks, strict=True), chunksize=chunk))


def settings_name(path: str, stdin_filename: str | None) -> str:
    """The name whose configuration applies: standard input takes that of --stdin-filename."""
    return (stdin_filename or STDIN) if path == STDIN else path


def _check_task(path: str, named: bool, settings: Settings, request: CheckRequest) -> _FileOutcome:
    """Check one discovered file and apply (or show) its fixes; runs in a worker with --jobs.

    With automatic garbage collection off (see `collection_paused`), the reference cycles the
    file left are collected here, among the youngest objects only: reading a PDF leaves tens of
    thousands, checking a text file none."""
    try:
        outcome = _check_path(path, named, settings, request)
        outcome.result.report = None  # what the run needs of it is in the result's info, excerpts and corpus
        return outcome
    finally:
        gc.collect(0)


def _check_path(path: str, named: bool, settings: Settings, request: CheckRequest) -> _FileOutcome:
    if path == STDIN:
        name = settings_name(path, request.stdin_filename)
        result = check_file(name, settings, data=request.stdin or b"", extension=Path(name).suffix or ".txt")
    else:
        result = check_file(path, settings)
    if not named and result.report and not is_report(result.report):
        return _FileOutcome(result, is_report=False)
    if result.report and (request.fix or request.diff):
        return _fix(result, request, settings)
    return _FileOutcome(result)


def _fix(result: FileResult, request: CheckRequest, settings: Settings) -> _FileOutcome:
    """Apply (or with --diff only show) the result's fixes; the outcome holds the result after fixing."""
    from linter.fixes import fixed_text, unified_diff, write_fixed

    document = result.report.document
    fixed = fixed_text(document, [d.fix for d in result.diagnostics if d.fix])
    if fixed is None:
        return _FileOutcome(result)
    text, count = fixed
    if request.diff:
        return _FileOutcome(result, diff=unified_diff(document.path, document.source_text or "", text))
    try:
        write_fixed(document, text)
    except InputError as error:
        return _FileOutcome(dataclasses.replace(result, error=str(error)))
    return _FileOutcome(check_file(result.path, settings), fixed=count)


def _apply_baseline(run: CheckRun, baseline_path: str) -> None:
    from linter.baseline import read_baseline

    baseline = read_baseline(baseline_path)
    for result in run.results:
        # An unreadable file has no findings, but its baseline entries are not stale for that.
        result.diagnostics, stale = baseline.filter(result.diagnostics, [result.path] if result.info else [])
        run.stale.extend(stale)

