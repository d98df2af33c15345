"""`full` (default): each finding with its source line and a caret under the span.

Colour as `--color` says: by default only on a terminal, never with NO_COLOR (no-color.org), always
with FORCE_COLOR.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.formatters import SEVERITY_LABELS, Formatter, Output, severity_counts
from linter.formatters.ranking import ranking
from linter.hookspecs import hookimpl

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def fixable(d: Diagnostic, output: Output) -> bool:
    """Whether `--fix` would apply this finding's fix (text and Markdown files only)."""
    from linter.fixes import FIXABLE_FORMATS

    info = output.info_of(d)
    return d.fix is not None and info is not None and info.format in FIXABLE_FORMATS


def render(d: Diagnostic, output: Output) -> str:
    color, loc = output.color, d.location
    marker = " [*]" if fixable(d, output) else ""
    head = (f"{_paint(f'{d.path}:{loc.line}:{loc.column}:', '1', color)} "
            f"{_paint(f'{d.code} [{d.severity}]', _COLOURS[d.severity] + ';1', color)}{marker} {d.message}")
    if loc.place:
        return f"{head}\n    = {loc.place}\n"
    flagged = d.excerpt
    if flagged is None:
        return head + "\n"
    text = flagged.text
    gutter = " " * len(str(loc.line))
    pad = display_width(text[:flagged.start])
    caret = "^" * max(1, display_width(text[flagged.start:flagged.end]))
    return (f"{head}\n{gutter} |\n{loc.line} | {text}\n"
            f"{gutter} | {' ' * pad}{_paint(caret, _COLOURS[d.severity], color)}\n")


def summary(diagnostics: list[Diagnostic], unreadable: int = 0) -> str:
    """The closing line; never the all-clear when a file could not be checked."""
    unchecked = f"{unreadable} 个文件无法检查" if unreadable else ""
    if not diagnostics:
        return f"{unchecked}。" if unchecked else "未发现问题。"
    counts = severity_counts(diagnostics)
    parts = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in reversed(Severity) if counts[s])
    return f"共发现 {len(diagnostics)} 个问题（{parts}）" + (f"；{unchecked}" if unchecked else "") + "。"


def write_full(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        stream.write(render(d, output) + "\n")
    stream.write(summary(output.diagnostics, sum(1 for result in output.results if result.error)) + "\n")
    fixes = sum(1 for d in output.diagnostics if fixable(d, output))
    if fixes:
        stream.write(f"其中 {fixes} 个标有 [*] 的问题可以用 --fix 自动修复（--diff 先看修改）。\n")
    stream.write(ranking(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("full", write_full, "findings with source line and caret (default)")]
