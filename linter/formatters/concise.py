"""`concise`: one line per finding, `path:line:col: CODE message`."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output
from linter.hookspecs import hookimpl


def write_concise(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        stream.write(f"{d.path}:{d.location.line}:{d.location.column}: {d.code} {d.message}\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("concise", write_concise, "path:line:col: CODE message")]
