"""`govlint check --jobs N`: checking in worker processes gives exactly what one process gives."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from linter import checker
from linter import run as check_run
from linter.cli import main
from linter.plugins_manager import PluginFailure, plugins
from linter.run import pool
from linter.run.discovery import distinct_files

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [
    *sorted((ROOT / "examples" / "reports").iterdir()),
    *sorted((ROOT / "tests" / "fixtures" / "tablerules").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "textrules").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "packs" / "reports").glob("*.txt")),
]


def _corpus(folder: Path, copies: int = 3) -> Path:
    """Copies of the fixture reports in nested folders, a notes file (not a report) and an unreadable file."""
    for copy in range(copies):
        for number, source in enumerate(REPORTS):
            target = folder / f"batch{copy}" / ("sub" if number % 2 else "") / f"{number:02d}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    (folder / "batch0" / "说明.md").write_text("# 说明\n\n本目录存放各单位的年度报告。\n", encoding="utf-8")
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
    assert "broken.txt: " in err and "说明.md" in err
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
    assert check_run.worker_count(None, 1) == 1
    assert check_run.worker_count(4, 2) == 2
    assert check_run.worker_count(1, 500) == 1
    assert check_run.worker_count(3, 500) == 3
    assert check_run.worker_count(None, 500) == pool.cpu_count()


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--jobs", "0", "."])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_the_reference_cycles_each_file_leaves_are_collected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run turns automatic garbage collection off (`collection_paused`); the cycles a file
    leaves (a PDF parser leaves tens of thousands) must still be freed file by file."""
    from linter.config import SettingsResolver
    from linter.engine import all_rules
    from linter.rules_api import rule

    @rule("CYC001", "leaves-cycles", "info")
    def leaves_cycles(report, context):
        for _ in range(1000):
            cycle: list = []
            cycle.append(cycle)
        return ()

    rules = (*all_rules(), leaves_cycles)
    monkeypatch.setattr(checker, "all_rules", lambda: rules)
    corpus = _corpus(tmp_path, copies=1)
    enabled = gc.isenabled()
    gc.collect()
    try:
        with check_run.collection_paused():
            run = check_run.run_check(check_run.CheckRequest([str(corpus)], jobs=1),
                                      SettingsResolver(checker.known_codes).for_path)
            assert not gc.isenabled()
            left = gc.collect()
    finally:
        assert gc.isenabled() == enabled
    assert len(run.results) > 5
    assert left < 1000  # without the collection after each file: 1000 cycles per report


def test_the_output_is_written_with_garbage_collection_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Collection is off for the run, on again for the output: `json.dumps` with an indent makes
    a cycle per finding (3 KB each, all kept to the end of a province's run otherwise)."""
    from linter import check_command
    from linter.formatters import json as json_format

    enabled_during: dict[str, bool] = {}

    def run_check(*args, **kwargs):
        enabled_during["run"] = gc.isenabled()
        return check_run.run_check(*args, **kwargs)

    def write_json(output, stream) -> None:
        enabled_during["output"] = gc.isenabled()
        original_write_json(output, stream)

    original_write_json = json_format.write_json
    monkeypatch.setattr(check_command, "run_check", run_check)
    monkeypatch.setattr(json_format, "write_json", write_json)
    assert gc.isenabled()
    main(["check", "--format", "json", "--no-cache", "--exit-zero", "-o", str(tmp_path / "out.json"),
          str(_corpus(tmp_path, copies=1))])
    assert enabled_during == {"run": False, "output": True}
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_workers_get_a_few_chunks_ahead_not_the_whole_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # outcomes not yet taken wait in the main process's memory: a province must not pile up there
    from concurrent.futures import ProcessPoolExecutor

    from linter.config import SettingsResolver
    from linter.run.results import CheckRequest

    submitted: list[int] = []
    submit = ProcessPoolExecutor.submit

    def counting(self, function, *args):
        submitted.append(len(args[0]))
        return submit(self, function, *args)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting)
    request = CheckRequest([str(_corpus(tmp_path, copies=4))], jobs=2)
    tasks = check_run.planned_tasks(request, SettingsResolver(checker.known_codes).for_path)
    outcomes = pool._run_pool(tasks, 2, chunk=2)
    first = next(outcomes)  # the first chunk taken, one more handed out
    assert len(submitted) == pool._CHUNKS_AHEAD * 2 + 1 < len(tasks) / 2
    assert [first.result.path, *(o.result.path for o in outcomes)] == [path for path, *_ in tasks]
    assert sum(submitted) == len(tasks)


def test_fix_of_a_file_named_twice_runs_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, copies=1)
    fixable = next(p for p in corpus.rglob("*.md") if p.name != "说明.md")
    monkeypatch.chdir(corpus)

    def no_pool(tasks, jobs):
        raise AssertionError("two workers could rewrite the same file")

    monkeypatch.setattr(pool, "check_in_pool", no_pool)
    code, _, err = _run(capsys, "--fix", "--jobs", "2", ".", str(fixable.relative_to(corpus)))
    assert "fixed" in err and code == 2  # broken.txt is still reported
    assert distinct_files([("a.txt", True), ("./a.txt", False)]) is False
    assert distinct_files([("a.txt", True), ("b.txt", False), ("-", True)]) is True


def test_observers_see_every_file_in_order_and_the_finished_run(tmp_path: Path) -> None:
    from linter.config import SettingsResolver
    from linter.run import RunObserver

    class Recorder(RunObserver):
        def __init__(self) -> None:
            self.events: list[tuple[str, object]] = []

        def run_started(self, files: list[str]) -> None:
            self.events.append(("started", files))

        def file_checked(self, result) -> None:
            self.events.append(("checked", result.path))
            assert result.settings is not None

        def run_finished(self, run) -> None:
            self.events.append(("finished", run))

    corpus = _corpus(tmp_path, copies=1)
    recorder = Recorder()
    run = check_run.run_check(check_run.CheckRequest([str(corpus)], jobs=2),
                              SettingsResolver(checker.known_codes).for_path, [recorder])
    files = [path for path, _ in check_run.discover([str(corpus)])]
    assert recorder.events == [("started", files), *(("checked", path) for path in files), ("finished", run)]
    assert len(run.not_reports) == 1 and run.not_reports[0].endswith("说明.md")


def test_packs_are_applied_once_per_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files of a run that share their settings share the settings with the packs applied: made
    once, and what the corpus rules use (`FileResult.settings`)."""
    from linter.config import SettingsResolver
    from linter.packs import ResolvedPacks

    applied = ResolvedPacks.apply
    calls: list[object] = []

    def counted(self, settings):
        calls.append(settings)
        return applied(self, settings)

    monkeypatch.setattr(ResolvedPacks, "apply", counted)
    corpus = _corpus(tmp_path, copies=1)
    run = check_run.run_check(check_run.CheckRequest([str(corpus)], jobs=1),
                              SettingsResolver(checker.known_codes).for_path)
    read = [result for result in run.results if result.info]
    assert len(read) > 5 and len(calls) == 1
    assert {id(result.settings) for result in read} == {id(read[0].settings)} and read[0].settings is not calls[0]


def test_a_finished_run_shuts_its_pool_down_instead_of_stopping_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Stopping (`pool._stop`) is for Ctrl-C: after a run that checked every file the pool is shut
    down and waited for, so that no manager thread is left to race the interpreter's exit."""
    monkeypatch.chdir(_corpus(tmp_path, copies=1))
    stopped = []
    monkeypatch.setattr(pool, "_stop", stopped.append)
    _run(capsys, "--format", "json", "--jobs", "2", ".")
    assert stopped == []
