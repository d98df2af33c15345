"""Compiled regular expressions kept from one run of the govlint command to the next.

Python compiles every regular expression afresh in each process, and a character class over a
CJK range (`[一-鿿]`) costs it 1–3 ms: it walks the range's 21,000 code points to build a
bitmap. A one-file run compiles about 150 patterns. The command (`linter.cli.main`) therefore
puts `remember_patterns` around itself: while it runs, a pattern whose compilation took at
least `WORTH_KEEPING` seconds has its compiled code stored, and later runs hand that code
straight to the regex engine (`_sre.compile`, what `re` itself ends with), skipping the parser
and the compiler. The result is the same pattern: `re.Pattern` equality compares the compiled
code, and the tests compare stored and fresh patterns that way.

The store is one pickle in the cache directory (`linter.datacache.cache_directory`), valid for
one Python build (version and regex engine magic number); it is written when the run compiled
something worth keeping. Anything unexpected (another Python, an unreadable or corrupt file, an
engine that refuses the code) means compiling as usual. Only the command does this: govlint used
as a library leaves `re` alone.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10 (sre_compile): patterns are compiled as usual
    _compiler = None

WORTH_KEEPING = 50e-6
"""Seconds of compilation above which a pattern is stored (cheaper ones are compiled each run)."""
MAX_STORED = 2000
"""Patterns the store holds; past this only the current run's are kept."""
_FILE = "patterns.pickle"
_compile_fresh = _compiler.compile if _compiler is not None else None
_BUILD = (1, sys.version, _sre.MAGIC, _sre.CODESIZE) if _compiler is not None else None
"""The store's format, and the Python build whose engine its code is for."""
_CODE_WORD = next(t for t in "ILQ" if array(t).itemsize == _sre.CODESIZE) if _compiler is not None else ""


def store_path() -> Path:
    from linter.datacache import cache_directory

    return cache_directory() / _FILE


@contextlib.contextmanager
def remember_patterns() -> Iterator[None]:
    """Within this block, `re` uses and adds to the store of compiled patterns."""
    if _compiler is None or _compiler.compile is not _compile_fresh:
        yield
        return
    stored = _load()
    used: dict = {}

    def compile_remembered(pattern, flags=0):
        if type(pattern) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
            return _compile_fresh(pattern, flags)
        key = (pattern, int(flags))
        entry = stored.get(key)
        if entry is not None:
            try:
                compiled = _engine(pattern, entry)
            except Exception:  # noqa: BLE001 - an engine that refuses stored code compiles afresh
                stored.pop(key)
            else:
                used[key] = entry
                return compiled
        start = time.perf_counter()
        entry = compiled_code(pattern, flags)
        if time.perf_counter() - start >= WORTH_KEEPING:
            used[key] = entry
        return _engine(pattern, entry)

    _compiler.compile = compile_remembered
    try:
        yield
    finally:
        _compiler.compile = _compile_fresh
        if any(key not in stored for key in used):
            _save({**stored, **used} if len(stored) + len(used) <= MAX_STORED else used)


def compiled_code(pattern: str | bytes, flags: int) -> tuple:
    """What `re` passes to `_sre.compile` after `pattern` (the body of `re._compiler.compile`),
    the code as the bytes of an array of code words (a list of ints unpickles ten times slower)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array(_CODE_WORD, code).tobytes(), parsed.state.groups - 1,
            dict(groupindex), tuple(indexgroup))


def _engine(pattern: str | bytes, entry: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE_WORD, code).tolist(), groups, groupindex, indexgroup)


def _load() -> dict:
    try:
        with open(store_path(), "rb") as stream:
            build, patterns = pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, partly written or foreign: start empty
        return {}
    return patterns if build == _BUILD and isinstance(patterns, dict) else {}


def _save(patterns: dict) -> None:
    """Best effort: a store that cannot be written only means compiling next time."""
    from linter.fileio import write_atomically

    path = store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(os.fspath(path), pickle.dumps((_BUILD, patterns), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return
