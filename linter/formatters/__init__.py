"""Output formats. Each is a `Formatter` returned by a `govlint_formatters` hook implementation;
the built-in ones (this package's modules) register through entry points like any plugin."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.model import Document

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
"""Severities in the words of a report's reader."""


@dataclass
class Output:
    """What a formatter writes: every checked file's diagnostics (already filtered) and errors."""

    results: list[FileResult]
    color: bool = False
    root: str | None = None
    """The repository root that paths are relative to in SARIF (`--root`); None: found from git."""
    quiet: bool = False
    """`-q`: the findings only, no closing summary."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.results for d in result.diagnostics]

    def document_of(self, diagnostic: Diagnostic) -> Document | None:
        """The document a diagnostic belongs to (None if its file could not be read)."""
        return self._documents.get(diagnostic.path)

    @functools.cached_property
    def _documents(self) -> dict[str, Document]:
        """Documents by path, indexed once: a run over thousands of files has one lookup per finding."""
        documents: dict[str, Document] = {}
        for result in self.results:
            if result.report and result.path not in documents:
                documents[result.path] = result.report.document
        return documents


@dataclass(frozen=True)
class Formatter:
    name: str
    write: Callable[[Output, TextIO], None]
    description: str = ""


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


def dump_json(data: Any, stream: TextIO) -> None:
    """Readable JSON (Chinese kept as is), ending with a newline."""
    import json

    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
