"""Baselines: accept today's findings, report only new ones from then on.

An entry is (path relative to the baseline file, code, fingerprint). The fingerprint never
contains a line number (see `linter.source.text_fingerprint`), so entries survive edits
elsewhere in the file. Entries are counted: two identical findings need two entries.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from linter.diagnostics import Diagnostic
from linter.errors import UsageError

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """A finding recorded in a baseline: the file, the code and the finding's fingerprint."""

    path: str
    code: str
    fingerprint: str


def _relative(path: str, base_dir: str) -> str:
    return os.path.relpath(os.path.abspath(path), base_dir).replace(os.sep, "/")


def entry_for(diagnostic: Diagnostic, base_dir: str) -> Entry:
    return Entry(_relative(diagnostic.path, base_dir), diagnostic.code, diagnostic.fingerprint or "")


def write_baseline(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Write every diagnostic as an entry; return how many."""
    base_dir = os.path.dirname(os.path.abspath(path))
    entries = [{**entry_for(d, base_dir).__dict__, "message": d.message} for d in diagnostics]
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    data = {"govlint-baseline": FORMAT_VERSION, "entries": entries}
    try:
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    except OSError as error:
        raise UsageError(f"{path}: cannot write baseline: {error.strerror or error}") from None
    return len(entries)


@dataclass
class Baseline:
    """A baseline file read: how many times each entry is recorded."""

    path: str
    entries: Counter[Entry]

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def filter(self, diagnostics: list[Diagnostic],
               checked_paths: Iterable[str]) -> tuple[list[Diagnostic], list[Entry]]:
        """The diagnostics not in the baseline, and the entries for checked files that no longer occur."""
        remaining = Counter(self.entries)
        new = []
        for diagnostic in diagnostics:
            entry = entry_for(diagnostic, self.base_dir)
            if remaining[entry] > 0:
                remaining[entry] -= 1
            else:
                new.append(diagnostic)
        checked = {_relative(p, self.base_dir) for p in checked_paths}
        stale = sorted((e for e, n in remaining.items() if n > 0 and e.path in checked for _ in range(n)),
                       key=lambda e: (e.path, e.code, e.fingerprint))
        return new, stale


def read_baseline(path: str) -> Baseline:
    """The baseline file at `path`; UsageError when it cannot be read or is not a baseline."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        entries = Counter(Entry(e["path"], e["code"], e["fingerprint"]) for e in data["entries"])
    except OSError as error:
        raise UsageError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{path}: not a govlint baseline file (write one with --write-baseline)") from None
    return Baseline(path, entries)
