"""Resolved settings for one run: which codes run, at which severity, with which options."""

from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass, field
from typing import Any

from linter.diagnostics import Severity

DEFAULT_EXCLUDE = ("README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "LICENSE*", "LICENCE*", "COPYING*",
                   "CONTRIBUTING*", "AUTHORS*", "NOTICE*", "requirements*.txt", "docs/")
"""Files of a repository that are not reports, whatever their extension (`exclude` replaces these)."""
DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024
"""Bytes: a larger file is refused with a message (`max-file-size`, in MB, changes it)."""


def code_matches(code: str, selector: str) -> bool:
    """`SUM` selects SUM001…; `ALL` selects everything."""
    return selector == "ALL" or code.startswith(selector)


@dataclass
class Settings:
    """What a file is checked with: the rules selected, their severities and options, packs and the rest."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Rule options by code (set by packs), e.g. {"DAT004": {"deadline": "01-31"}}."""
    year: int | None = None
    """Report year to assume when a report does not state one."""
    body: str | None = None
    """Reporting body (机关名称) to assume when a report does not state one."""
    packs: list[str] = field(default_factory=lambda: ["national"])
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    """Glob → selectors ignored in matching files. A glob with a `/` is anchored at the directory
    of the config file that set it (stored absolute); one without matches the file name anywhere."""
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    """Globs of files and folders not to check (see `excluded`)."""
    extend_exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
    """Apply the exclusions to files named on the command line too (the pre-commit hook's case)."""
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    config_path: str | None = None
    """The configuration file these settings came from (None: defaults, --isolated)."""
    config_dir: str | None = None
    """Directory that relative pack paths resolve from: that of the file that set `packs`."""

    def enabled(self, code: str) -> bool:
        known = self._enabled_codes.get(code)
        if known is None:
            known = self._enabled_codes[code] = self._selected(code)
        return known

    @functools.cached_property
    def _enabled_codes(self) -> dict[str, bool]:
        """`enabled` by code: asked for every rule of every report (settings do not change once made)."""
        return {}

    def _selected(self, code: str) -> bool:
        chosen = max((len(s) for s in (*self.select, *self.extend_select) if code_matches(code, s)), default=-1)
        if chosen < 0:  # not selected
            return False
        ignored = max((len(s) for s in self.ignore if code_matches(code, s)), default=-1)
        # The more specific of select and ignore wins, as in ruff.
        return chosen > ignored

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def ignored_in_file(self, path: str, code: str) -> bool:
        """Whether a per-file-ignores entry drops `code` for `path` (applied after selection)."""
        absolute = os.path.abspath(path).replace(os.sep, "/")
        name = os.path.basename(path)
        return any(fnmatch.fnmatchcase(absolute if "/" in glob else name, glob)
                   and any(code_matches(code, selector) for selector in selectors)
                   for glob, selectors in self.per_file_ignores.items())

    def excluded(self, path: str) -> bool:
        """Whether `exclude`/`extend-exclude` leave `path` out. A glob without `/` matches a file or
        folder name below the configuration's folder (`README*`, `drafts`); one ending in `/` only
        folders (`docs/`); one with a `/` inside is anchored where it was set (stored absolute:
        the configuration file's folder, or the current folder for --exclude). Case is ignored:
        `readme.md` is excluded like `README.md`."""
        absolute = os.path.abspath(path).replace(os.sep, "/")
        root = os.path.dirname(os.path.abspath(self.config_path)) if self.config_path else os.getcwd()
        relative = os.path.relpath(absolute, root).replace(os.sep, "/")
        names = (relative if not relative.startswith("../") else os.path.basename(absolute)).lower().split("/")
        globs = (*self.exclude, *self.extend_exclude)
        return any(_glob_matches(glob.lower(), absolute.lower(), names) for glob in globs)


def _glob_matches(glob: str, absolute: str, names: list[str]) -> bool:
    folder_only = glob.endswith("/")
    glob = glob.rstrip("/")
    if "/" in glob:
        parts = absolute.split("/")
        prefixes = ("/".join(parts[:end]) for end in range(1, len(parts) + (0 if folder_only else 1)))
        return any(fnmatch.fnmatchcase(prefix, glob) for prefix in prefixes)
    return any(fnmatch.fnmatchcase(name, glob) for name in (names[:-1] if folder_only else names))
