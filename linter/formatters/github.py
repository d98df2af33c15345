"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request.

The page (PDF) or cell (DOCX) is added to the message, as in `concise`, since the line alone does
not say where to look; columns are given only for a range on one line (GitHub ignores or
misplaces them otherwise)."""

from __future__ import annotations

from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.formatters import Formatter, Output, relative_path
from linter.hookspecs import hookimpl

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    loc = d.location
    properties: dict[str, object] = {"file": relative_path(d.path), "line": loc.line}
    if loc.end_line == loc.line:
        properties.update(col=loc.column, endColumn=loc.end_column)
    else:
        properties["endLine"] = loc.end_line
    properties["title"] = f"{d.code} {d.rule}".strip()
    fields = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    place = f"（{loc.place}）" if loc.place else ""
    return f"::{_COMMAND[d.severity]} {fields}::{_escape_data(f'{d.code} {d.message}{place}')}"


def write_github(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        stream.write(annotation(d) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("github", write_github, "GitHub Actions annotations (::error file=…::)")]
