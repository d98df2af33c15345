"""Four `govlint check --output-file SAME` processes at once (issue 13): a reader, during the runs
and after them, only ever finds one run's complete output, and no temporary file is left behind.

The runs check reports of different lengths, so their outputs differ in size: writes that were
not atomic would interleave or truncate into an invalid file.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from fixturetext import fixture_text

WRITERS = 4
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "reports" / "qingshan-2022.txt"


def _reports(folder: Path) -> dict[str, int]:
    """One report a writer, each with its own number of web-residue lines: one FMT001 finding each."""
    text = fixture_text(EXAMPLE)
    reports = {}
    for writer in range(WRITERS):
        lines = 100 * (writer + 1)
        residue = "".join(f"扫一扫在手机打开当前页面\n第{i}段。\n" for i in range(lines))
        path = folder / f"r{writer}.txt"
        path.write_text(text.replace("一、总体情况\n", "一、总体情况\n" + residue), encoding="utf-8")
        reports[str(path)] = lines
    return reports


def _json_paths(data: bytes) -> list[str]:
    return [finding["path"] for finding in json.loads(data)]


def _xlsx_paths(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    header, *rows = load_workbook(io.BytesIO(data), read_only=True)["问题"].values
    return [row[header.index("文件")] for row in rows]


@pytest.mark.parametrize(("format_", "read"), [("json", _json_paths), ("xlsx", _xlsx_paths)])
def test_concurrent_runs_writing_one_output_file_leave_one_runs_whole_output(tmp_path, format_, read) -> None:
    if format_ == "xlsx":
        pytest.importorskip("openpyxl")
    reports = _reports(tmp_path)
    target = tmp_path / f"out.{format_}"
    seen: set[bytes] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.001):  # a reader polling the file, leaving the writers the CPU
            try:
                seen.add(target.read_bytes())
            except FileNotFoundError:
                pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        runs = [subprocess.Popen([sys.executable, "-m", "linter", "check", "--format", format_, "--select", "FMT001",
                                  "--exit-zero", "--output-file", str(target), path],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path in reports]
        finished = [run.communicate(timeout=60) + (run.returncode,) for run in runs]
    finally:
        done.set()
        watcher.join()
    assert finished == [(b"", b"", 0)] * WRITERS

    def whole(data: bytes) -> None:
        paths = read(data)
        assert paths and paths == [paths[0]] * reports[paths[0]]

    whole(target.read_bytes())
    for data in seen:  # every content a reader found while the runs wrote
        whole(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, *(Path(p).name for p in reports)])
