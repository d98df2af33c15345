"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request."""

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
    properties = {"file": relative_path(d.path), "line": loc.line, "col": loc.column,
                  "endLine": loc.end_line, "endColumn": loc.end_column, "title": f"{d.code} {d.rule}".strip()}
    fields = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{_COMMAND[d.severity]} {fields}::{_escape_data(f'{d.code} {d.message}')}"


def write_github(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        stream.write(annotation(d) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("github", write_github, "GitHub Actions annotations (::error file=…::)")]
