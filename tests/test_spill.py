"""The run's spill file (`linter.corpus.spill`): what the corpus rules read only for a finding
(sentence texts and places, cell places) goes to a temporary file as results arrive in the main
process, is read back for findings, and the file is gone when the run ends."""

from __future__ import annotations

import errno
import gc
import io
import os
import pickle
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from linter.plugins.crossyear import YearSummary
from province import province

from linter import checker
from linter import run as check_run
from linter.config import SettingsResolver
from linter.corpus import spill as spill_module
from linter.corpus.packed import Locations
from linter.corpus.spill import Detail, SpillFile, spill
from linter.corpus.summary import ReportSummary
from linter.engine import FileResult, run_corpus_rules
from linter.model import Location
from linter.run.results import CheckRequest
from linter.settings import Settings


def _province(folder: Path) -> Path:
    """A small province with planted copies (CPY) and, in its first 2023 reports, this year's
    carry-over and regulations in force changed (XYR001, XYR002)."""
    province(seed=5, bodies=12, sites=2, planted=1).write(folder)
    for path in sorted(folder.glob("2023/*.txt"))[:3]:
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            cells = line.split("\t")
            if line.startswith("二、上年结转政府信息公开申请数量"):
                cells[2] = str(int(cells[2] or 0) + 2)
            elif line.startswith("行政规范性文件\t"):
                cells[3] = str(int(cells[3]) + 1)
            lines[number] = "\t".join(cells)
        path.write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize("in_memory", [0, spill_module.IN_MEMORY])
def test_a_spilled_detail_reads_back_equal_and_pickles_as_its_value(in_memory: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill_module, "IN_MEMORY", in_memory)  # on disk at once, or in memory
    value = (Locations([Location(3, 1, 3, 9), Location(4, 2, 5, 1, page=2)]), "一句话。又一句。")
    with SpillFile() as file:
        held, spilled, received = Detail(value), Detail(value), pickle.loads(pickle.dumps(Detail(value)))
        spilled.spill(file)
        received.spill(file)
        spilled.spill(file)  # once only
        assert spilled.value == value and received.value == value and held == spilled == received
        assert pickle.loads(pickle.dumps(spilled)).value == value
    with pytest.raises(ValueError, match="closed"):
        _ = spilled.value


class _FullDisk(io.BytesIO):
    """A temporary file on a disk that fills after `room` bytes."""

    room = 0

    def write(self, data: bytes | memoryview) -> int:  # type: ignore[override]
        if self.tell() + len(memoryview(data)) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def test_a_detail_that_finds_no_room_on_disk_stays_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    monkeypatch.setattr(_FullDisk, "room", 100)
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **_options: _FullDisk())
    values = [("一句话。" * 3, number) for number in range(8)]
    details = [Detail(value) for value in values]
    with SpillFile() as file:
        for detail in details:
            detail.spill(file)
        assert [detail.value for detail in details] == values
    assert details[-1].value == values[-1]  # not on disk: still here when the file is gone
    with pytest.raises(ValueError, match="closed"):
        _ = details[0].value  # the first fitted


def test_a_run_on_a_disk_that_fills_half_way_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the results and summaries the spill file has no room for stay in memory
    folder = _province(tmp_path)
    request = CheckRequest([str(folder)], jobs=1)
    with check_run.run_check(request, _settings()) as run:
        expected = [(d.path, d.code, d.message) for d in run.diagnostics]
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    monkeypatch.setattr(_FullDisk, "room", 60_000)
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **_options: _FullDisk())
    with check_run.run_check(request, _settings()) as run:
        assert run.results._held  # some did not fit
        assert [(d.path, d.code, d.message) for d in run.diagnostics] == expected
        assert [result.path for result in run.results] == sorted(str(p) for p in folder.rglob("*.txt"))


def test_without_a_temporary_file_the_details_stay_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_options: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    folder = _province(tmp_path)
    request = CheckRequest([str(folder)], jobs=1)
    expected = [(d.path, d.code, d.message) for d in check_run.run_check(request, _settings()).diagnostics]
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    assert [(d.path, d.code, d.message) for d in check_run.run_check(request, _settings()).diagnostics] == expected


def _settings() -> Callable[[str], Settings]:
    return SettingsResolver(checker.known_codes).for_path


def test_the_spill_file_is_gone_when_the_run_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # with one process, with workers, and with the results cache (cold, then every summary from it);
    # the output reads the results back from it, so it is closed once the output is written
    folder = _province(tmp_path / "province")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(spill_module, "IN_MEMORY", 10_000)  # a few reports' details, then the file

    class Spilling(check_run.RunObserver):  # the file is open while the results arrive
        def file_checked(self, result: FileResult) -> None:
            open_in_scratch.append(len(_open_in(scratch)))

    found = []
    for jobs, cache in ((1, False), (2, False), (2, True), (1, True)):
        open_in_scratch: list[int] = []
        request = CheckRequest([str(folder)], jobs=jobs, cache=cache, cache_dir=str(tmp_path / "cache"))
        with check_run.run_check(request, SettingsResolver(checker.known_codes).for_path, [Spilling()]) as run:
            found.append([(d.path, d.code, d.message, d.location) for d in run.diagnostics])
            assert {d.code for d in run.diagnostics} >= {"CPY001", "CPY002", "CPY003", "CPY004", "XYR001", "XYR002"}
            assert [result.info.body for result in run.results if result.info]  # read back from the file
            if os.path.isdir("/proc/self/fd"):
                assert len(_open_in(scratch)) == 1
        assert list(scratch.iterdir()) == [] and _open_in(scratch) == []
        if os.path.isdir("/proc/self/fd"):
            assert open_in_scratch[0] == 0 and open_in_scratch[-1] == 1
    assert all(one == found[0] for one in found)


def _open_in(folder: Path) -> list[str]:
    """The files of `folder` this process has open (Linux; none elsewhere)."""
    if not os.path.isdir("/proc/self/fd"):
        return []
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return [target for target in targets if target.startswith(str(folder))]


def _findings(results: list[FileResult]) -> list[tuple]:
    run_corpus_rules(results)
    return [(r.path, d.code, d.message, d.location, d.related_locations) for r in results for d in r.diagnostics]


def test_the_corpus_rules_find_the_same_with_and_without_spilling(tmp_path: Path) -> None:
    folder = _province(tmp_path)
    checked = [checker.check_file(str(path), Settings()) for path in sorted(folder.rglob("*.txt"))]
    for result in checked:
        result.report, result.diagnostics = None, []
    blob = pickle.dumps(checked)  # as from a worker
    kept, spilled = pickle.loads(blob), pickle.loads(blob)
    with SpillFile() as file:
        for result in spilled:
            spill(result.corpus.values(), file)
        found = _findings(spilled)
    assert found == _findings(kept)
    assert {code for _, code, *_ in found} == {"CPY001", "CPY002", "CPY003", "CPY004", "XYR001", "XYR002"}


def test_the_main_process_holds_no_sentence_of_a_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy summary as unpickled and spilled: the report's identity and the handles of its two
    # records in the file; the sentences' key hashes, sizes and MinHash (what the join compares),
    # texts and locations (what a finding reads) are all in the file.
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    province(seed=5, bodies=2, sites=1, planted=0).write(tmp_path)
    summary = checker.check_file(str(next(tmp_path.rglob("*.txt"))), Settings()).corpus["CPY001"]
    blob = pickle.dumps(summary)
    with SpillFile() as file:
        spill([pickle.loads(blob)], file)  # the file's buffers are not a report's
        gc.collect()
        tracemalloc.start()
        try:
            summaries = [pickle.loads(blob) for _ in range(10)]
            spill(summaries, file)
            held = tracemalloc.get_traced_memory()[0] / len(summaries)
        finally:
            tracemalloc.stop()
        assert summaries[0].sentences.text(0) == summary.sentences.text(0)
        assert summaries[0].sentences.keys == summary.sentences.keys
    assert len(summary.sentences) > 20
    assert held < 1500  # 25 sentences: 1.3 KB (2.3 KB with key hashes, sizes and MinHash, 5.1 KB with texts too)
    with pytest.raises(ValueError, match="closed"):
        _ = summaries[0].signature


def test_no_summary_outlives_the_corpus_step(tmp_path: Path) -> None:
    # the output is written after the corpus step: the summaries and the join are gone by then
    folder = _province(tmp_path)
    run = check_run.run_check(CheckRequest([str(folder)], jobs=2), _settings())
    assert {d.code for d in run.diagnostics} >= {"CPY001", "CPY004", "XYR001"}
    gc.collect()
    assert not [found for found in gc.get_objects()
                if isinstance(found, ReportSummary | YearSummary) and found.path.startswith(str(tmp_path))]


def test_a_cross_year_summary_holds_no_cell_once_spilled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    folder = _province(tmp_path)
    summary = checker.check_file(str(next(folder.glob("2023/*.txt"))), Settings()).corpus["XYR001"]
    received = pickle.loads(pickle.dumps(summary))  # as from a worker
    with SpillFile() as file:
        spill([received], file)
        assert received.values == summary.values and len(received.values) > 10
        assert received.row("三", "二") == [cell._replace(summary=received) for cell in summary.row("三", "二")]
    with pytest.raises(ValueError, match="closed"):  # the values are compared from the file, not held
        _ = received.values
