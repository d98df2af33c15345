"""Which files a run checks: files named on the command line, report files found below named
directories, standard input, and which found files are reports at all.

A corpus index or cache that must know every file of a run before checking starts builds on
`discover` (helpers `copies`, `province`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from linter.loaders import supported_extensions
from linter.model import Report

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
    reports has no report title, no section headings and no statistical table)."""
    return report.title is not None or len(report.sections) >= 2 or bool(report.tables)


def settings_name(path: str, stdin_filename: str | None) -> str:
    """The name whose configuration applies: standard input takes that of --stdin-filename."""
    return (stdin_filename or STDIN) if path == STDIN else path


def distinct_files(files: list[tuple[str, bool]]) -> bool:
    """Whether no file is found twice (under two names): then workers may fix files side by side."""
    real = [os.path.realpath(path) for path, _ in files if path != STDIN]
    return len(set(real)) == len(real)
