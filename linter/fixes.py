"""Safe fixes: apply the `Fix` objects rules attach, to plain text and Markdown only.

A fix replaces characters on one line and nothing else: the file keeps its encoding (BOM
included) and line endings, and is rewritten atomically (temporary file + os.replace).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from linter.diagnostics import Fix
from linter.errors import InputError
from linter.fileio import write_atomically
from linter.model import Document

FIXABLE_FORMATS = ("text", "markdown")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """`text` with the fixes applied, and how many were; of overlapping fixes only the first."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    spans = []
    for fix in fixes:
        span = _span(text, starts, fix)
        if span:
            spans.append((*span, fix.replacement))
    chosen, last_end = [], -1
    for start, end, replacement in sorted(spans, key=lambda s: (s[0], s[1])):
        if start >= last_end:
            chosen.append((start, end, replacement))
            last_end = max(end, start + 1)
    for start, end, replacement in reversed(chosen):
        text = text[:start] + replacement + text[end:]
    return text, len(chosen)


def _span(text: str, starts: list[int], fix: Fix) -> tuple[int, int] | None:
    """Character offsets of a one-line fix, or None when it would reach beyond its line."""
    location = fix.location
    if location.line != location.end_line or _NEWLINE.search(fix.replacement) or not 1 <= location.line <= len(starts):
        return None
    line_start = starts[location.line - 1]
    line_end = _NEWLINE.search(text, line_start)
    line_length = (line_end.start() if line_end else len(text)) - line_start
    if not 1 <= location.column <= location.end_column <= line_length + 1:
        return None
    return line_start + location.column - 1, line_start + location.end_column - 1


def fixed_text(document: Document, fixes: list[Fix]) -> tuple[str, int] | None:
    """The document's text after its fixes, or None when it has none that apply."""
    if document.format not in FIXABLE_FORMATS or document.source_text is None or not fixes:
        return None
    text, count = apply_fixes(document.source_text, fixes)
    return (text, count) if count else None


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """Encode as the original file was: same codec, same BOM and byte order."""
    if encoding == "utf-16":  # decoded through its BOM: keep that byte order
        big_endian = original.startswith(codecs.BOM_UTF16_BE)
        return (codecs.BOM_UTF16_BE if big_endian else codecs.BOM_UTF16_LE) + text.encode(
            "utf-16-be" if big_endian else "utf-16-le")
    return text.encode(encoding)


def write_fixed(document: Document, text: str) -> None:
    """Rewrite the file atomically; refuse when its bytes would change beyond the fixes."""
    path = document.path
    try:
        with open(path, "rb") as stream:
            original = stream.read()
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror or error}") from None
    if encode_like(document.source_text or "", document.encoding, original) != original:
        raise InputError(path, f"not fixed: the file does not round-trip through {document.encoding}")
    data = encode_like(text, document.encoding, original)
    try:
        write_atomically(path, data, keep_mode_of=path)
    except OSError as error:
        raise InputError(path, f"cannot write fixed file: {error.strerror or error}") from None


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        path, path))
