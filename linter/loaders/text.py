"""Plain text and Markdown reports: one source line per document line."""

from __future__ import annotations

from pathlib import Path

from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.encoding import decode
from linter.model import Document, text_document

MARKDOWN_EXTENSIONS = (".md", ".markdown")


def load_text(path: str, data: bytes) -> Document:
    text, encoding = decode(path, data)
    if "\x00" in text:
        from linter.errors import InputError

        raise InputError(path, "binary file (contains NUL characters), not a text report")
    fmt = "markdown" if Path(path).suffix.lower() in MARKDOWN_EXTENSIONS else "text"
    return text_document(path, text, format=fmt, encoding=encoding)


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("text", (".txt", ".text") + MARKDOWN_EXTENSIONS, load_text)]
