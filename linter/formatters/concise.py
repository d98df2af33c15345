"""`concise`: one line per finding, `path:line:col: CODE message`; for PDF and DOCX the page or
cell follows the message in brackets, since the line alone does not say where to look."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output
from linter.formatters.ranking import ranking
from linter.hookspecs import hookimpl


def write_concise(output: Output, stream: TextIO) -> None:
    for d in output.diagnostics:
        place = f"（{d.location.place}）" if d.location.place else ""
        stream.write(f"{d.path}:{d.location.line}:{d.location.column}: {d.code} {d.message}{place}\n")
    if not output.quiet:
        stream.write(ranking(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("concise", write_concise, "path:line:col: CODE message")]
