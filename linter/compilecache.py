"""What Python compiles afresh in every process, kept from one run of the govlint command to the next.

Two things cost a one-file run more than checking the report, because Python redoes them in
each process and caches neither in `__pycache__`:

- regular expressions: about 150 patterns, and a character class over a CJK range (`[一-鿿]`)
  alone costs 1–3 ms (the compiler walks its 21,000 code points to build a bitmap);
- the methods `dataclasses` generates: `__init__`, `__eq__`, `__repr__`, … of about 80 classes,
  each written as source text and compiled with `exec`.

The command (`linter.cli.main`) runs inside `remembered()`. There `re` gets the engine code of
a pattern from the store instead of its parser and compiler (and hands it to `_sre.compile`,
where `re` itself ends), and `dataclasses` gets the code object of a method's text from the
store instead of compiling it. Every pattern and method the run compiles is stored (those that
depend on a report's text would make the store grow; none do today, and `MAX_STORED` bounds
it). The results are
the same objects a fresh compilation makes: `re.Pattern` equality compares the engine code, the
code objects are what `exec` would have compiled from the same text; the tests compare both.
One difference: a pattern whose compilation warns (`re`'s FutureWarning about a possible nested
set) warns only in the run that compiles it (no pattern of govlint's does).

The store is one `marshal` file per Python version in the cache directory
(`linter.datacache.cache_directory`), valid for one Python build; it is written when the run
compiled something new. Anything unexpected (another build, an unreadable or corrupt file, an
engine refusing the code) means compiling as usual. Only the command does this: govlint used as
a library leaves `re` and `dataclasses` alone.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import gc
import marshal
import os
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10 (sre_compile): patterns are compiled as usual
    _compiler = None

MAX_STORED = 5000
"""Patterns and method texts the store holds; past this only the current run's are kept."""
_FILE = f"compiled-{sys.implementation.cache_tag}.marshal"
"""One store per Python version, so that two Pythons using govlint in turn do not replace each other's."""
_BUILD = (1, sys.version, sys.implementation.cache_tag, _sre.MAGIC if _compiler is not None else None)
"""The store's format, and the Python build whose bytecode and regex engine its code is for."""
_compile_pattern = _compiler.compile if _compiler is not None else None
_CODE_WORD = next(t for t in "ILQ" if array(t).itemsize == _sre.CODESIZE) if _compiler is not None else ""


def store_path() -> Path:
    from linter.datacache import cache_directory

    return cache_directory() / _FILE


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """Within this block, `re` and `dataclasses` use and add to the store of compiled code."""
    if "exec" in vars(dataclasses) or (_compiler is not None and _compiler.compile is not _compile_pattern):
        yield  # already inside
        return
    stored_patterns, stored_code = _load()
    patterns: dict = {}
    code: dict = {}

    def compile_pattern(pattern, flags=0):
        if type(pattern) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
            return _compile_pattern(pattern, flags)
        key = (pattern, int(flags))
        entry = stored_patterns.get(key)
        if entry is not None:
            try:
                compiled = _engine(pattern, entry)
            except Exception:  # noqa: BLE001 - an engine that refuses stored code compiles afresh
                stored_patterns.pop(key)
            else:
                patterns[key] = entry
                return compiled
        entry = patterns[key] = compiled_pattern(pattern, flags)
        return _engine(pattern, entry)

    def exec_method(source, globals=None, locals=None, /):  # noqa: A002 - exec's own parameter names
        if type(source) is str:
            compiled = stored_code.get(source) or compiled_method(source)
            code[source] = compiled
            source = compiled
        builtins.exec(source, globals, locals)

    if _compiler is not None:
        _compiler.compile = compile_pattern
    dataclasses.exec = exec_method
    try:
        yield
    finally:
        del dataclasses.exec
        if _compiler is not None:
            _compiler.compile = _compile_pattern
        if any(key not in stored_patterns for key in patterns) or any(text not in stored_code for text in code):
            every = len(stored_patterns) + len(patterns) + len(stored_code) + len(code) <= MAX_STORED
            _save({**stored_patterns, **patterns} if every else patterns, {**stored_code, **code} if every else code)


def compiled_pattern(pattern: str | bytes, flags: int) -> tuple:
    """What `re` passes to `_sre.compile` after `pattern` (the body of `re._compiler.compile`),
    the code as the bytes of an array of code words (a list of ints loads ten times slower)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array(_CODE_WORD, code).tobytes(), parsed.state.groups - 1,
            dict(groupindex), tuple(indexgroup))


def compiled_method(source: str):
    """What `exec(source)` in `dataclasses` compiles (no `__future__` flags of this module inherited)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def _engine(pattern: str | bytes, entry: tuple):
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE_WORD, code).tolist(), groups, groupindex, indexgroup)


def _load() -> tuple[dict, dict]:
    collecting = gc.isenabled()
    gc.disable()  # unmarshalling makes 100,000 objects and no garbage: a dozen collections for nothing
    try:
        with open(store_path(), "rb") as stream:
            build, patterns, code = marshal.loads(stream.read())  # load(stream) reads in small pieces: 10× slower
        if build == _BUILD and isinstance(patterns, dict) and isinstance(code, dict):
            return patterns, code
    except Exception:  # noqa: BLE001 - missing, partly written or foreign: start empty
        pass
    finally:
        if collecting:
            gc.enable()
    return {}, {}


def _save(patterns: dict, code: dict) -> None:
    """Best effort: a store that cannot be written only means compiling next time."""
    from linter.fileio import write_atomically

    path = store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(os.fspath(path), marshal.dumps((_BUILD, patterns, code)))
    except (OSError, ValueError):
        return
