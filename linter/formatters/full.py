"""`full` (default): each finding with its source line and a caret under the span.

Colour only when writing to a terminal, and never when NO_COLOR is set (no-color.org).
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.formatters import SEVERITY_LABELS, Formatter, Output, severity_counts
from linter.hookspecs import hookimpl

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def render(d: Diagnostic, output: Output) -> str:
    color, loc = output.color, d.location
    head = (f"{_paint(f'{d.path}:{loc.line}:{loc.column}:', '1', color)} "
            f"{_paint(f'{d.code} [{d.severity}]', _COLOURS[d.severity] + ';1', color)} {d.message}")
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


def summary(diagnostics: list[Diagnostic]) -> str:
    if not diagnostics:
        return "未发现问题。"
    counts = severity_counts(diagnostics)
    parts = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in reversed(Severity) if counts[s])
    return f"共发现 {len(diagnostics)} 个问题（{parts}）。"


def write_full(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        stream.write(render(d, output) + "\n")
    stream.write(summary(output.diagnostics) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("full", write_full, "findings with source line and caret (default)")]
