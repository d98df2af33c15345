"""`full` (default): each finding with its source line and a caret under the span.

Colour as `--color` says: by default only on a terminal, never with NO_COLOR (no-color.org), always
with FORCE_COLOR.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.formatters import Formatter, Output, severity_counts
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


_LABELS = {Severity.ERROR: "errors {count}", Severity.WARNING: "warnings {count}", Severity.INFO: "infos {count}"}


def summary(diagnostics: list[Diagnostic], unreadable: int = 0) -> str:
    """The closing line, in the user's language; never the all-clear when a file could not be checked."""
    from linter.i18n import _

    if not diagnostics:
        return _("{count} file(s) could not be checked.").format(count=unreadable) if unreadable else \
            _("No problems found.")
    counts = severity_counts(diagnostics)
    parts = _(", ").join(_(_LABELS[s]).format(count=counts[s]) for s in reversed(Severity) if counts[s])
    if unreadable:
        return _("Found {count} problem(s) ({parts}); {unreadable} file(s) could not be checked.").format(
            count=len(diagnostics), parts=parts, unreadable=unreadable)
    return _("Found {count} problem(s) ({parts}).").format(count=len(diagnostics), parts=parts)


def write_full(output: Output, stream: TextIO) -> None:
    from linter.i18n import _

    for d in output.diagnostics:
        stream.write(render(d, output) + "\n")
    if output.quiet:
        return
    stream.write(summary(output.diagnostics, sum(1 for result in output.results if result.error)) + "\n")
    fixes = sum(1 for d in output.diagnostics if fixable(d, output))
    if fixes:
        stream.write(_("{count} of them marked [*] can be fixed with --fix (--diff shows the changes first).")
                     .format(count=fixes) + "\n")
    stream.write(ranking(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("full", write_full, "findings with source line and caret (default)")]
