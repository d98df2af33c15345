"""Output formats. Each is a `Formatter` returned by a `govlint_formatters` hook implementation;
the built-in ones (this package's modules) register through entry points like any plugin."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult, ReportInfo

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
"""Severities in the words of a report's reader."""


@dataclass
class Output:
    """What a formatter writes: every checked file's diagnostics (already filtered) and errors."""

    results: Sequence[FileResult]
    """No report is kept: what a formatter shows of a file is in its diagnostics (each with its
    `excerpt`) and its `info`."""
    color: bool = False
    not_reports: list[str] = field(default_factory=list)
    """Files found in directories and skipped as not reports."""
    root: str | None = None
    """The repository root that paths are relative to in SARIF (`--root`); None: found from git."""
    quiet: bool = False
    """`-q`: the findings only, no closing summary."""

    @functools.cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding, in the order of the results (gathered once: a run's results are read
        back from its spill file, `linter.run.store`)."""
        return [d for result in self.results for d in result.diagnostics]

    def info_of(self, diagnostic: Diagnostic) -> ReportInfo | None:
        """What is known of the report a diagnostic belongs to (None if its file could not be read)."""
        return self._infos.get(diagnostic.path)

    @functools.cached_property
    def _infos(self) -> dict[str, ReportInfo]:
        """Indexed once: a run over thousands of files has one lookup per finding."""
        infos: dict[str, ReportInfo] = {}
        for result in self.results:
            if result.info and result.path not in infos:
                infos[result.path] = result.info
        return infos


@dataclass(frozen=True)
class Formatter:
    """An output format (`--format NAME`): what writes the diagnostics of a run."""

    name: str
    write: Callable[[Output, TextIO], None] | Callable[[Output, BinaryIO], None]
    description: str = ""
    binary: bool = False
    """Writes bytes (a workbook) rather than text: to --output-file or a redirected stdout only."""
    needs: tuple[str, str] | None = None
    """(module, extra) of an optional dependency, checked before the run starts."""
    report_views: bool = False
    """Reads each result's `view` (`linter.formatters.reportview`): the run makes them where the files
    are checked, only for such a formatter."""


def registered_formatters() -> dict[str, Formatter]:
    """Formatters by name, from every plugin (the first to claim a name keeps it)."""
    from linter.plugins_manager import plugins

    by_name: dict[str, Formatter] = {}
    for formatter in plugins().collect("govlint_formatters"):
        by_name.setdefault(formatter.name, formatter)
    return by_name


def relative_path(path: str) -> str:
    """A path relative to the working directory (as CI systems expect), with forward slashes."""
    if path == "-":
        return path
    relative = os.path.relpath(os.path.abspath(path))
    return (os.path.abspath(path) if relative.startswith("..") else relative).replace(os.sep, "/")


def severity_counts(diagnostics: list[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def rule_summaries(diagnostics: list[Diagnostic]) -> dict[str, str]:
    """Each code's one-line summary (rules of plugins and packs, govlint's own codes); the rule name for the others."""
    from linter.packs import rule_catalogue

    catalogue = {rule.code: rule.summary for rule in rule_catalogue()}
    return {d.code: catalogue.get(d.code, d.rule) for d in diagnostics}


def dump_json(data: Any, stream: TextIO) -> None:
    """Readable JSON (Chinese kept as is), ending with a newline."""
    import json

    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
