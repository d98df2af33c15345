"""A reference index: the copy-detection summaries of published reports in one file.

`govlint index build DIR -o FILE` writes it; `govlint check --against FILE` compares the checked
reports with the reports in it without reading them again. The file is gzip-compressed JSON
(never pickle: an index may come from anyone) with a format name and version, and the MinHash
and normalisation settings it was made with; a file that is not such an index, is damaged, or
was made with other settings stops the run with a one-line message (exit 2).
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from array import array
from collections.abc import Iterable
from typing import Any

from linter.corpus.summary import NUM_PERM, SEED, SHINGLE, ReportSummary, Sentences
from linter.errors import InputError
from linter.fileio import write_atomically
from linter.model import Location

FORMAT = "govlint-copy-index"
VERSION = 1
NORMALISATION = 1
"""Bumped whenever sentence keys (linter.corpus.text) change: older indexes must be rebuilt."""


def _settings() -> dict[str, Any]:
    return {"minhash": "rensa.RMinHash", "num_perm": NUM_PERM, "seed": SEED, "shingle": SHINGLE,
            "normalisation": NORMALISATION}


def _location(location: Location) -> list:
    return [location.line, location.column, location.end_line, location.end_column, location.page, location.logical]


def _summary_to_json(summary: ReportSummary) -> dict[str, Any]:
    sentences = summary.sentences
    return {"path": summary.path, "body": summary.body, "kind": summary.kind, "year": summary.year,
            "names": list(summary.names), "title": _location(summary.title) if summary.title else None,
            "signature": list(summary.signature),
            "sentences": [[key, size, _location(location), sentences.text(i)] for i, (key, size, location)
                          in enumerate(zip(sentences.keys, sentences.sizes, sentences.locations, strict=True))]}


def write_index(path: str, summaries: Iterable[ReportSummary]) -> int:
    """Write the summaries to `path` atomically (a temporary file, then renamed); the count written."""
    reports = [_summary_to_json(s) for s in summaries]
    data = json.dumps({"format": FORMAT, "version": VERSION, "settings": _settings(), "reports": reports},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        write_atomically(path, gzip.compress(data, mtime=0))
    except OSError as error:
        raise InputError(path, f"cannot write the index: {error.strerror or error}") from None
    return len(reports)


def read_index(path: str) -> list[ReportSummary]:
    """The summaries stored in the index at `path`; InputError when it is not a usable index."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as error:
        raise InputError(path, f"cannot read the index: {error.strerror or error}") from None
    try:
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError):
        raise InputError(path, "not a govlint index (make one with 'govlint index build DIR -o FILE')") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, "not a govlint index (make one with 'govlint index build DIR -o FILE')")
    if data.get("version") != VERSION or data.get("settings") != _settings():
        raise InputError(path, f"index made by another version of govlint (format version {data.get('version')!r}); "
                               "rebuild it with 'govlint index build'")
    try:
        return [_summary_from_json(item) for item in data["reports"]]
    except (KeyError, TypeError, ValueError, IndexError, OverflowError):
        raise InputError(path, "damaged govlint index (a report entry is incomplete); rebuild it") from None


def _located(values: list) -> Location:
    line, column, end_line, end_column, page, logical = values
    for number in (line, column, end_line, end_column):
        if not isinstance(number, int):
            raise ValueError("location")
    return Location(line, column, end_line, end_column, page, logical)


def _text(value: Any, optional: bool = True) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError("text")
    return value


def _summary_from_json(item: dict[str, Any]) -> ReportSummary:
    year = item["year"]
    if year is not None and not isinstance(year, int):
        raise ValueError("year")
    signature = array("I", [int(v) for v in item["signature"]])
    if signature and len(signature) != NUM_PERM:
        raise ValueError("signature")
    sentences = Sentences(((int(key), int(size), _located(where), _text(text, optional=False))
                           for key, size, where, text in item["sentences"]), signature)
    for name in item["names"]:  # written for other readers: a summary's names are made from its body
        _text(name, optional=False)
    return ReportSummary(_text(item["path"], optional=False), _text(item["body"]), _text(item["kind"]), year,
                         _located(item["title"]) if item["title"] is not None else None, sentences)


def _summarize_file(path: str) -> tuple[str, ReportSummary | None, str | None]:
    from linter.corpus.summary import summarize
    from linter.loaders import load
    from linter.recognize import recognize
    from linter.run import is_report

    try:
        report = recognize(load(path))
    except InputError as error:
        return path, None, str(error)
    if not is_report(report):
        return path, None, f"{path}: not a report (no title, no sections), not indexed"
    return path, summarize(report), None


def build_index(paths: list[str], jobs: int) -> tuple[list[ReportSummary], list[str]]:
    """The summaries of the report files in `paths` (files, or directories searched as by
    `govlint check`), read in `jobs` processes, with their absolute paths; and a message for
    each file left out (unreadable, not a report)."""
    from linter.run import discover

    files = [os.path.abspath(path) for path, _ in discover(paths)]
    if jobs > 1 and len(files) > jobs:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(pool.map(_summarize_file, files, chunksize=max(1, min(16, len(files) // (jobs * 4)))))
    else:
        outcomes = [_summarize_file(path) for path in files]
    return [s for _, s, _ in outcomes if s is not None], [m for _, _, m in outcomes if m]
