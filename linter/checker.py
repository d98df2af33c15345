"""Checking files: discovery, loading, recognition, rules, suppressions, fixes and baselines."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Severity
from linter.engine import PLUGIN_LOAD_FAILED, RULE_CRASHED, FileResult, all_rules, plugin_failures, run_rules
from linter.errors import InputError, UncheckableError
from linter.loaders import load, load_bytes, supported_extensions
from linter.model import Document, Location, Report, Unread
from linter.packs import apply_packs
from linter.recognize import recognize
from linter.settings import Settings

if TYPE_CHECKING:
    from linter.baseline import Entry

STDIN = "-"
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


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


def known_codes(packs: Sequence[str] = (), base_dir: str | None = None) -> frozenset[str]:
    """Every code a configuration or suppression comment may name: those of plugin rules, of
    registered packs and of the local packs among `packs` (paths relative to `base_dir`)."""
    plugin_codes = frozenset(rule.code for rule in all_rules())
    return plugin_codes | _pack_codes(tuple(packs), base_dir) | {PLUGIN_LOAD_FAILED, RULE_CRASHED}


@functools.cache
def _pack_codes(packs: tuple[str, ...], base_dir: str | None) -> frozenset[str]:
    from linter.packs import listed_packs

    return frozenset(rule.code for pack in listed_packs(packs, base_dir) for rule in pack.checks)


def check_document(document: Document, settings: Settings) -> FileResult:
    """Rules on one document, then its suppression comments, per-file-ignores and fingerprints."""
    from linter.source import text_fingerprint
    from linter.suppression import apply_suppressions

    report = recognize(document, settings.year)
    if report.body is None and settings.body:
        report.body = settings.body
    rules, settings = apply_packs(all_rules(), settings)
    diagnostics = run_rules(report, rules, settings)
    diagnostics = apply_suppressions(document, diagnostics, settings, known_codes(settings.packs, settings.config_dir))
    diagnostics = [d for d in diagnostics if not settings.ignored_in_file(document.path, d.code)]
    for d in diagnostics:
        d.fingerprint = d.fingerprint or text_fingerprint(d.code, document, d.location, d.message)
    return FileResult(document.path, diagnostics, report=report)


def check_file(path: str, settings: Settings, data: bytes | None = None, extension: str | None = None) -> FileResult:
    try:
        document = load(path) if data is None else load_bytes(path, data, extension)
    except UncheckableError as error:
        # Only the rule for this case runs: an empty document would fail every other check.
        document = Document(path, [], unread=[Unread(Location(1, 1, 1, 1, page=1), error.message)])
        rules = [r for r in all_rules() if r.code == error.code]
        return FileResult(path, run_rules(Report(document), rules, settings))
    except InputError as error:
        return FileResult(path, error=str(error))
    return check_document(document, settings)


# --- one `govlint check` run ---------------------------------------------------------------------


@dataclass
class CheckRequest:
    paths: list[str]
    fix: bool = False
    diff: bool = False
    stdin_filename: str | None = None
    stdin: bytes | None = None
    baseline: str | None = None


@dataclass
class CheckRun:
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


def run_check(request: CheckRequest, settings_for) -> CheckRun:
    """Check every file; `settings_for(path)` gives each file's settings (see config.SettingsResolver)."""
    run = CheckRun()
    for path, named in discover(request.paths):
        result = _check_one(path, request, settings_for)
        if not named and result.report and not is_report(result.report):
            run.not_reports.append(path)
            continue
        if result.report and (request.fix or request.diff):
            result = _fix(result, request, run, settings_for)
        run.results.append(result)
    if run.results:
        run.results[0].diagnostics[:0] = plugin_failures(run.results[0].path)
    if request.baseline:
        _apply_baseline(run, request.baseline)
    return run


def _check_one(path: str, request: CheckRequest, settings_for) -> FileResult:
    if path != STDIN:
        return check_file(path, settings_for(path))
    name = request.stdin_filename or STDIN
    extension = Path(name).suffix or ".txt"
    return check_file(name, settings_for(name), data=request.stdin or b"", extension=extension)


def _fix(result: FileResult, request: CheckRequest, run: CheckRun, settings_for) -> FileResult:
    """Apply (or with --diff only show) the result's fixes; return the result after fixing."""
    from linter.fixes import fixed_text, unified_diff, write_fixed

    document = result.report.document
    fixed = fixed_text(document, [d.fix for d in result.diagnostics if d.fix])
    if fixed is None:
        return result
    text, count = fixed
    if request.diff:
        run.diffs.append(unified_diff(document.path, document.source_text or "", text))
        return result
    try:
        write_fixed(document, text)
    except InputError as error:
        return FileResult(result.path, result.diagnostics, error=str(error), report=result.report)
    run.fixed += count
    return check_file(result.path, settings_for(result.path))


def _apply_baseline(run: CheckRun, baseline_path: str) -> None:
    from linter.baseline import read_baseline

    baseline = read_baseline(baseline_path)
    for result in run.results:
        # An unreadable file has no findings, but its baseline entries are not stale for that.
        result.diagnostics, stale = baseline.filter(result.diagnostics, [result.path] if result.report else [])
        run.stale.extend(stale)

