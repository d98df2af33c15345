"""Loaders turn a file's bytes into a `Document`; each format registers one through the
`govlint_loaders` hook. `load(path)` picks the loader by file extension."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.model import Document


@dataclass(frozen=True)
class Loader:
    """A file format: the extensions it reads and what turns a file's bytes into a Document."""

    name: str
    extensions: tuple[str, ...]
    """Lower-case extensions with the dot: (".txt",)."""
    load: Callable[[str, bytes], Document]
    extra: str = ""
    """The `govlint[extra]` that provides this loader's dependencies, if any."""


@functools.cache
def registered_loaders() -> dict[str, Loader]:
    """Loaders by extension, from every plugin (collected once per process, like the rules)."""
    from linter.plugins_manager import plugins

    by_extension: dict[str, Loader] = {}
    for loader in plugins().collect("govlint_loaders"):
        for extension in loader.extensions:
            by_extension.setdefault(extension, loader)
    return by_extension


def supported_extensions() -> tuple[str, ...]:
    return tuple(sorted(registered_loaders()))


def refuse_if_too_big(path: str, size: int, max_size: int) -> None:
    """InputError when a file of `size` bytes is over the `max-file-size` setting."""
    if size > max_size:
        raise InputError(path, f"file is {size:,} bytes, more than max-file-size ({max_size:,} bytes); "
                               "raise the setting (in MB) to check it")


def load_bytes(path: str, data: bytes, extension: str | None = None) -> Document:
    """`data` read by the loader for `extension` (default: that of `path`); InputError when none reads it."""
    extension = (extension or Path(path).suffix).lower()
    loader = registered_loaders().get(extension)
    if loader is None:
        known = ", ".join(supported_extensions())
        raise InputError(path, f"unsupported file type {extension or '(none)'!r} (govlint reads {known})")
    return loader.load(path, data)


def load(path: str, max_size: int | None = None) -> Document:
    """The file at `path` as a `Document`; InputError (one line, exit 2) when it cannot be read
    or is larger than `max_size` bytes (then it is not read at all)."""
    return load_bytes(path, _read(path, max_size))


def load_stored_text(path: str) -> Document:
    """The file as excerpts of findings read it (`linter.source.excerpt`): a plain text or
    Markdown file as its decoded text only, with no lines made (`Document.stored_lines`); any
    other file as `load` gives it. InputError as `load`."""
    loader = registered_loaders().get(Path(path).suffix.lower())
    if loader is None or loader.name != "text":
        return load(path)
    from linter.loaders.text import stored_text_document

    return stored_text_document(path, _read(path))


def _read(path: str, max_size: int | None = None) -> bytes:
    try:
        if max_size is not None:
            refuse_if_too_big(path, os.stat(path).st_size, max_size)
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror or error}") from None
