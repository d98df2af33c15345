"""Checking files: discovery, loading, recognition and rules, one file at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult, all_rules, run_rules
from linter.errors import InputError, UncheckableError
from linter.loaders import load, load_bytes, supported_extensions
from linter.model import Location
from linter.packs import apply_packs
from linter.recognize import recognize
from linter.settings import Settings

_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


def discover(paths: list[str]) -> Iterator[str]:
    """Files named on the command line, and report files found below named directories."""
    extensions = supported_extensions()
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in extensions:
                        yield os.path.join(root, name)
        else:
            yield path


def check_document(document, settings: Settings) -> FileResult:
    report = recognize(document, settings.year)
    rules, settings = apply_packs(all_rules(), settings)
    return FileResult(document.path, run_rules(report, rules, settings), report=report)


def check_file(path: str, settings: Settings, data: bytes | None = None, extension: str | None = None) -> FileResult:
    try:
        document = load(path) if data is None else load_bytes(path, data, extension)
    except UncheckableError as error:
        start = Location(1, 1, 1, 1, page=1)
        return FileResult(path, [Diagnostic(error.code, Severity.ERROR, error.message, path, start, "unreadable")])
    except InputError as error:
        return FileResult(path, error=str(error))
    return check_document(document, settings)
