"""`govlint check --jobs N`: checking in worker processes gives exactly what one process gives."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from linter import checker
from linter.cli import main
from linter.plugins_manager import PluginFailure, plugins

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [
    *sorted((ROOT / "examples" / "reports").iterdir()),
    *sorted((ROOT / "tests" / "fixtures" / "tablerules").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "textrules").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "packs" / "reports").glob("*.txt")),
]


def _corpus(folder: Path, copies: int = 3) -> Path:
    """Copies of the fixture reports in nested folders, a README (not a report) and an unreadable file."""
    for copy in range(copies):
        for number, source in enumerate(REPORTS):
            target = folder / f"batch{copy}" / ("sub" if number % 2 else "") / f"{number:02d}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    (folder / "batch0" / "README.md").write_text("# 说明\n\n本目录存放各单位的年度报告。\n", encoding="utf-8")
    (folder / f"batch{copies - 1}" / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("output", ["json", "full", "sarif"])
def test_two_jobs_give_the_same_output_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str], output: str) -> None:
    monkeypatch.chdir(_corpus(tmp_path))
    serial = _run(capsys, "--format", output, "--jobs", "1", ".")
    parallel = _run(capsys, "--format", output, "--jobs", "2", ".")
    assert parallel == serial
    code, out, err = serial
    assert code == 2  # broken.txt
    assert "broken.txt: " in err and "README.md" in err
    if output == "json":
        paths = list(dict.fromkeys(d["path"] for d in json.loads(out)))
        assert len(paths) > len(REPORTS)  # findings from many files, in the order they were found
        assert paths == sorted(paths, key=lambda p: (Path(p).parts[0], len(Path(p).parts), p))


def test_diff_fix_and_baseline_with_two_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    one, two = _corpus(tmp_path / "one", copies=2), _corpus(tmp_path / "two", copies=2)
    monkeypatch.chdir(one)
    serial_diff = _run(capsys, "--diff", "--jobs", "1", ".")
    serial_baseline = _run(capsys, "--write-baseline", "baseline.json", "--jobs", "1", ".")
    serial_fix = _run(capsys, "--fix", "--jobs", "1", ".")
    monkeypatch.chdir(two)
    assert _run(capsys, "--diff", "--jobs", "2", ".") == serial_diff
    assert _run(capsys, "--write-baseline", "baseline.json", "--jobs", "2", ".") == serial_baseline
    assert _run(capsys, "--fix", "--jobs", "2", ".") == serial_fix
    assert "+++" in serial_diff[1] and "fixed" in serial_fix[2]
    assert (two / "baseline.json").read_bytes() == (one / "baseline.json").read_bytes()
    for fixed in sorted(one.rglob("*.*")):
        assert (two / fixed.relative_to(one)).read_bytes() == fixed.read_bytes(), fixed
    assert _run(capsys, "--baseline", "baseline.json", "--jobs", "2", ".")[2].count("stale entry") > 0


def test_a_plugin_failure_is_reported_once_with_two_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(_corpus(tmp_path, copies=1))
    monkeypatch.setattr(plugins(), "failures", [PluginFailure("broken-plugin", "ImportError: gone")])
    code, out, _ = _run(capsys, "--format", "json", "--jobs", "2", "--select", "PLG", ".")
    failures = [d for d in json.loads(out) if d["code"] == "PLG001"]
    assert len(failures) == 1 and "broken-plugin" in failures[0]["message"]


def test_worker_count() -> None:
    assert checker.worker_count(None, 1) == 1
    assert checker.worker_count(4, 2) == 2
    assert checker.worker_count(1, 500) == 1
    assert checker.worker_count(3, 500) == 3
    assert checker.worker_count(None, 500) == checker._cpu_count()


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--jobs", "0", "."])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_checking_reports_leaves_no_reference_cycles() -> None:
    """run_check pauses the cyclic garbage collector for the whole run: that is only free of
    cost while checking a report leaves nothing for it to collect."""
    from linter.checker import check_file
    from linter.settings import Settings

    def check_all() -> None:
        for report in REPORTS:
            check_file(str(report), Settings())

    check_all()  # first use fills caches and imports modules
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        check_all()
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


def test_fix_of_a_file_named_twice_runs_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, copies=1)
    fixable = next(p for p in corpus.rglob("*.md") if p.name != "README.md")
    monkeypatch.chdir(corpus)

    def no_pool(tasks, jobs):
        raise AssertionError("two workers could rewrite the same file")

    monkeypatch.setattr(checker, "_check_in_pool", no_pool)
    code, _, err = _run(capsys, "--fix", "--jobs", "2", ".", str(fixable.relative_to(corpus)))
    assert "fixed" in err and code == 2  # broken.txt is still reported
    assert checker._distinct_files([("a.txt", True), ("./a.txt", False)]) is False
    assert checker._distinct_files([("a.txt", True), ("b.txt", False), ("-", True)]) is True
