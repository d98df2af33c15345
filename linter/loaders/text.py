"""Plain text and Markdown reports: one source line per document line."""

from __future__ import annotations

from pathlib import Path

from linter.hookspecs import hookimpl
from linter.loaders import Loader
from linter.loaders.encoding import decode
from linter.model import Document, Format, text_document

MARKDOWN_EXTENSIONS = (".md", ".markdown")


def load_text(path: str, data: bytes) -> Document:
    text, encoding, fmt = _decoded(path, data)
    return text_document(path, text, format=fmt, encoding=encoding)


def stored_text_document(path: str, data: bytes) -> Document:
    """The file's text as stored, without the lines recognition reads (for excerpts only)."""
    text, encoding, fmt = _decoded(path, data)
    return Document(path, [], format=fmt, encoding=encoding, source_text=text)


def _decoded(path: str, data: bytes) -> tuple[str, str, Format]:
    """The text, its encoding and its format ("markdown" by the extension, else "text")."""
    text, encoding = decode(path, data)
    if "\x00" in text:
        from linter.errors import InputError

        raise InputError(path, "binary file (contains NUL characters), not a text report")
    return text, encoding, "markdown" if Path(path).suffix.lower() in MARKDOWN_EXTENSIONS else "text"


@hookimpl
def govlint_loaders() -> list[Loader]:
    return [Loader("text", (".txt", ".text") + MARKDOWN_EXTENSIONS, load_text)]
