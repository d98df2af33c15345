"""`json` (one array) and `jsonl` (one object per line): every field of every finding."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output
from linter.hookspecs import hookimpl


def write_json(output: Output, stream: TextIO) -> None:
    """The findings as one JSON array, laid out as `dump_json` lays it out, written a finding at
    a time (a province's findings are not all made into dicts at once)."""
    import json

    opening = "["
    for diagnostic in output.diagnostics:
        item = json.dumps(diagnostic.to_dict(), ensure_ascii=False, indent=2)
        stream.write(f"{opening}\n  " + item.replace("\n", "\n  "))  # JSON strings hold no raw line breaks
        opening = ","
    stream.write("[]\n" if opening == "[" else "\n]\n")


def write_jsonl(output: Output, stream: TextIO) -> None:
    import json

    for d in output.diagnostics:
        stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("json", write_json, "a JSON array of findings"),
            Formatter("jsonl", write_jsonl, "one JSON object per finding and line")]
