"""`json` (one array) and `jsonl` (one object per line): every field of every finding."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output, dump_json
from linter.hookspecs import hookimpl


def write_json(output: Output, stream: TextIO) -> None:
    dump_json([d.to_dict() for d in output.diagnostics], stream)


def write_jsonl(output: Output, stream: TextIO) -> None:
    import json

    for d in output.diagnostics:
        stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("json", write_json, "a JSON array of findings"),
            Formatter("jsonl", write_jsonl, "one JSON object per finding and line")]
