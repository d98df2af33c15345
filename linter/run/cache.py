"""The results cache, like ruff's: what checking a file gave (`linter.run.payload`: diagnostics,
info, corpus summaries, the HTML page's view), kept per file so that a second run over the same
reports reads them instead of checking them again.

An entry's key is the hash of everything its result depends on: the file's bytes, its path (as
given and absolute: per-file-ignores and output name it), whether it was named on the command
line, its settings (every field, so a changed configuration is another key), the content of the
rule packs those settings use (following `extends`), and govlint itself — its version, the
Python version, the registered rules and plugins, and the size and time of every source and data
file of govlint and of each plugin module. A change to any of these is a different key: the old
entry is simply no longer read.

The corpus rules still see every report: an entry holds the file's corpus summaries, and the
corpus step runs over all of them each time. The baseline is applied after, each run.

Where: `.govlint_cache` beside the configuration file that applies to the file (the current
folder without one), or the folder given by `--cache-dir` / `GOVLINT_CACHE_DIR`. Entries are
written atomically (`linter.fileio.write_atomically`), so concurrent runs and a run killed
half-way leave whole entries; an entry that cannot be read or unpickled is a miss, never an
error, and is replaced. Entries are pickles: the cache folder is trusted like the configuration
beside it. An entry is two: a header (made for the HTML page's views, has fixes), read first to
tell a hit from a miss, and the outcome, read when its turn comes in the run (a province's
cached outcomes are never all in memory at once).

Pruning: an entry's time is when a run last used it (a hit touches it). At the end of a run, at
most once a day per cache folder, the entries no run has used for `MAX_AGE` (those of files
changed, moved or deleted since, of other settings or of another govlint) are removed, so the
folder holds about what the last month's runs used: a run over part of a folder removes nothing
another run used this month.

Not cached: standard input, files that could not be read, results changed by --fix, a result
with fixes when --fix or --diff is asked (the fix must be applied or shown).
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from linter.digests import sha256
from linter.run.discovery import STDIN
from linter.run.results import CheckRequest, FileOutcome

if TYPE_CHECKING:
    from linter.run.pool import Task
    from linter.settings import Settings

CACHE_DIR_NAME = ".govlint_cache"
LAYOUT = "v2"
"""A folder per layout of entries: a govlint that stores them otherwise uses another."""
MAX_AGE = 30 * 24 * 3600
"""Seconds since an entry was last used after which a run removes it."""
_PRUNE_EVERY = 24 * 3600
"""Seconds between two prunings of one cache folder (looking at every entry costs a stat each)."""
_PRUNED = f"{LAYOUT}.pruned"
"""Beside the layout folder: its time is when the folder was last pruned."""
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# govlint's results cache: https://bford.info/cachedir/\n"


class ResultCache:
    """Look-ups and stores for one run; `problem` is the first reason entries could not be written."""

    def __init__(self, request: CheckRequest, cache_dir: str | None) -> None:
        self.request = request
        self.cache_dir = cache_dir
        self.problem: str | None = None
        self._govlint = govlint_fingerprint()
        self._settings: dict[int, tuple[Settings, bytes | None]] = {}
        self._ready: set[str] = set()
        self._used: set[str] = set()

    def key(self, task: Task) -> tuple[str, str] | None:
        """(folder, key) of the task's entry; None for what is never cached (stdin, an unreadable file)."""
        path, named, settings, _request = task
        if path == STDIN:
            return None
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError:
            return None
        settings_digest = self._settings_fingerprint(settings)
        if settings_digest is None:
            return None
        folder = self._folder(settings)
        self._used.add(folder)
        about = repr((path, os.path.abspath(path), named, len(data))).encode("utf-8")
        return folder, sha256(self._govlint, settings_digest, about, data).hexdigest()

    def usable(self, where: tuple[str, str]) -> bool:
        """Whether there is a stored outcome for what this run asks (only its header is read; the
        entry then counts as used now)."""
        entry = _entry(*where)
        try:
            with open(entry, "rb") as stream:
                views, fixes = pickle.load(stream)
        except Exception:  # absent, half-written by another system, corrupt, of another layout: a miss
            return False
        if (self.request.views and not views) or ((self.request.fix or self.request.diff) and fixes):
            return False
        try:
            os.utime(entry)
        except OSError:  # a read-only cache: still a hit
            pass
        return True

    def read(self, where: tuple[str, str]) -> FileOutcome | None:
        """The stored outcome of a `usable` entry (None if it can no longer be read)."""
        try:
            with open(_entry(*where), "rb") as stream:
                pickle.load(stream)  # the header
                outcome = pickle.load(stream)
        except Exception:
            return None
        if not isinstance(outcome, FileOutcome):
            return None
        if not self.request.views:
            outcome.result.view = None
        return outcome

    def store(self, where: tuple[str, str], outcome: FileOutcome) -> None:
        if outcome.result.error or outcome.fixed or outcome.diff is not None or self.problem:
            return
        folder, key = where
        entry = _entry(folder, key)
        try:
            self._prepare(folder, os.path.dirname(entry))
            from linter.fileio import write_atomically

            header = (self.request.views, any(d.fix for d in outcome.result.diagnostics))
            write_atomically(entry, pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
                             + pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            reason = error.strerror or error
            self.problem = f"{folder}: cannot write the results cache ({reason}); this run is not cached"

    def prune(self) -> None:
        """Remove the entries of the run's cache folders that no run has used for MAX_AGE."""
        if self.problem is None:
            for folder in sorted(self._used):
                prune(folder, time.time())

    def _folder(self, settings: Settings) -> str:
        if self.cache_dir:
            return self.cache_dir
        return os.path.join(os.path.dirname(settings.config_path) if settings.config_path else os.getcwd(),
                            CACHE_DIR_NAME)

    def _prepare(self, folder: str, subfolder: str) -> None:
        if subfolder in self._ready:
            return
        if folder not in self._ready:
            os.makedirs(folder, exist_ok=True)
            from linter.fileio import write_atomically

            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by govlint\n*\n")):
                if not os.path.exists(os.path.join(folder, name)):
                    write_atomically(os.path.join(folder, name), text)
            self._ready.add(folder)
        os.makedirs(subfolder, exist_ok=True)
        self._ready.add(subfolder)

    def _settings_fingerprint(self, settings: Settings) -> bytes | None:
        """None when the packs cannot be read: the check reports that, the cache keeps out of it."""
        if id(settings) not in self._settings:
            try:
                fingerprint = settings_fingerprint(settings)
            except Exception:
                fingerprint = None
            self._settings[id(settings)] = (settings, fingerprint)
        return self._settings[id(settings)][1]


def prune(folder: str, now: float) -> int:
    """Remove the entries of cache `folder` last used more than MAX_AGE before `now`, unless it
    was pruned less than a day ago; the number removed. Never fails: a folder that cannot be
    listed or an entry that cannot be removed is left as it is."""
    layout = os.path.join(folder, LAYOUT)
    marker = os.path.join(folder, _PRUNED)
    try:
        if now - os.stat(marker).st_mtime < _PRUNE_EVERY:
            return 0
    except OSError:  # never pruned (or no cache there)
        if not os.path.isdir(layout):
            return 0
    removed = 0
    try:
        with os.scandir(layout) as parts:
            subfolders = [part.path for part in parts if part.is_dir(follow_symlinks=False)]
        for subfolder in subfolders:
            with os.scandir(subfolder) as entries:
                old = [entry.path for entry in entries if entry.is_file(follow_symlinks=False)
                       and now - entry.stat(follow_symlinks=False).st_mtime > MAX_AGE]
            for path in old:
                os.remove(path)
                removed += 1
        with open(marker, "ab"):
            pass
        os.utime(marker, (now, now))
    except OSError:
        pass
    return removed


def _entry(folder: str, key: str) -> str:
    return os.path.join(folder, LAYOUT, key[:2], key[2:])


def settings_fingerprint(settings: Settings) -> bytes:
    """Every field of `settings`, and the bytes of every rule pack they use."""
    from linter.packs import resolve_packs

    packs = [(str(pack.path), _file_digest(str(pack.path)))
             for pack in resolve_packs(settings.packs, settings.config_dir).packs]
    return sha256(repr((_canonical(settings), packs)).encode("utf-8")).digest()


def govlint_fingerprint() -> bytes:
    """govlint as it is now: version, Python, rules and plugins, and its source and data files."""
    from linter import __version__
    from linter.engine import all_rules
    from linter.plugins_manager import plugins

    rules = [(rule.code, rule.plugin, rule.name, str(rule.severity), _canonical(rule.options)) for rule in all_rules()]
    modules = sorted((name, _stat(getattr(plugin, "__file__", None) or ""))
                     for name, plugin in plugins().manager.list_name_plugin())
    state = (LAYOUT, __version__, sys.version, rules, modules, _sources())
    return sha256(repr(state).encode("utf-8")).digest()


def _sources() -> list[tuple[str, tuple[int, int]]]:
    """(path, (size, mtime)) of every file of govlint's packages (code, templates, packs, catalogue)."""
    import linter
    import linter.plugins
    import linter.rules

    found = []
    for package in (linter, linter.plugins, linter.rules):
        top = os.path.dirname(os.path.abspath(package.__file__))
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            found.extend((os.path.join(root, name), _stat(os.path.join(root, name)))
                         for name in sorted(files) if not name.endswith(".pyc"))
    return found


def _stat(path: str) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return sha256(stream.read()).hexdigest()
    except OSError:
        return ""


def _canonical(value: Any) -> Any:
    """`value` as nested tuples whose repr is the same in every process (sets sorted, dataclasses by field)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value)))
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((repr(_canonical(k)), _canonical(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((_canonical(v) for v in value), key=repr)))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, Enum):
        return (type(value).__name__, value.name)
    return value
