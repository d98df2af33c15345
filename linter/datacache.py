"""Parsed knowledge files (templates, rule packs) kept from one run to the next.

Every run needs the two templates and the national pack; parsing their YAML, and importing
ruamel.yaml to do it, costs more than checking a report. The parsed object is pickled in the
cache directory ($GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint, else ~/.cache/govlint) with
the text it was parsed from and a stamp of the code that parsed it; it is used again while both
are the same, so an edited YAML file or a changed govlint is parsed afresh. A cache directory that
cannot be read or written only means parsing every time.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Hashable
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_FORMAT = 1


def cache_directory() -> Path:
    explicit = os.environ.get("GOVLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govlint"


def cached(kind: str, path: Path, source: Hashable, parse: Callable[[], T], code: tuple[str, ...]) -> T:
    """`parse()`, or what it returned on an earlier run for the same `path`, `source` (the file's
    text and anything else the result depends on) and `code` (the modules whose classes it holds)."""
    key = (_FORMAT, str(path), source, _stamp(code))
    file = cache_directory() / f"{kind}-{zlib.crc32(str(path).encode()):08x}.pickle"
    try:
        with open(file, "rb") as stream:
            stored_key, value = pickle.load(stream)
        if stored_key == key:
            return value
    except Exception:  # a missing, partly written or outdated cache file is parsed afresh
        pass
    value = parse()
    _store(file, (key, value))
    return value


def _stamp(modules: tuple[str, ...]) -> tuple:
    stamp = []
    for name in modules:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None) if module else getattr(find_spec(name), "origin", None)
        status = os.stat(origin) if origin else None
        stamp.append((name, status and status.st_mtime_ns, status and status.st_size))
    return tuple(stamp)


def _store(file: Path, content: object) -> None:
    """Best effort: a cache that cannot be written is read from the YAML next time."""
    from linter.fileio import write_atomically

    try:
        data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(file), data)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
