"""The results cache (`linter.run.cache`): a second run reads what the first stored and gives
byte for byte the same output; a changed file, setting, pack or govlint is checked again; a
corrupt entry is a miss; --fix, --diff, stdin, the baseline and the HTML page stay right."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixturetext import fixture_text
from province import province

import linter
from linter.cli import main
from linter.run import task
from linter.run.cache import LAYOUT

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Reports with corpus findings (planted copies) and the examples (table findings)."""
    reports = tmp_path / "reports"
    province(seed=11, bodies=10, sites=2, planted=1).write(reports)
    for example in EXAMPLES.iterdir():
        shutil.copy(example, reports / example.name)
    return reports


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths govlint reads and checks (not those it takes from the cache)."""
    paths: list[str] = []
    real = task.check_file

    def counting(path, *args, **kwargs):
        paths.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(task, "check_file", counting)
    return paths


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--jobs", "1", "--exit-zero", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("output", ["json", "sarif", "csv", "full"])
def test_a_second_run_reads_the_cache_and_gives_the_same_bytes(folder: Path, capsys, checked: list[str],
                                                               output: str, tmp_path: Path) -> None:
    cold = _check(capsys, "--format", output, str(folder))
    first = len(checked)
    warm = _check(capsys, "--format", output, str(folder))
    assert first > 20 and len(checked) == first  # nothing checked the second time
    assert warm == cold
    uncached = _check(capsys, "--no-cache", "--format", output, str(folder))
    assert uncached == cold and len(checked) == 2 * first
    if output == "json":
        codes = {d["code"] for d in json.loads(cold[1])}
        assert {"CPY003", "SUM001"} <= codes  # corpus rules ran over cached summaries too


def test_a_changed_file_alone_is_checked_again(folder: Path, capsys, checked: list[str]) -> None:
    _check(capsys, "--format", "json", str(folder))
    checked.clear()
    example = folder / "qingshan-2022.txt"
    example.write_text(fixture_text(example).replace("本机关", "本  机关"), encoding="utf-8")
    changed = _check(capsys, "--format", "json", str(folder))
    assert checked == [str(example)]
    assert changed == _check(capsys, "--no-cache", "--format", "json", str(folder))


def test_a_changed_setting_pack_or_version_checks_everything_again(folder: Path, capsys, checked: list[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "pack.yaml").write_text("name: local\ndescription: d\nseverity:\n  SUM001: warning\n", encoding="utf-8")
    config = folder / "govlint.toml"
    config.write_text('packs = ["national", "pack.yaml"]\n', encoding="utf-8")
    files = len(_check(capsys, "--format", "json", str(folder))[1] and checked)
    assert files > 20
    assert _check(capsys, "--format", "json", str(folder)) and len(checked) == files

    config.write_text('packs = ["national", "pack.yaml"]\nignore = ["DUP"]\n', encoding="utf-8")
    _check(capsys, "--format", "json", str(folder))
    assert len(checked) == 2 * files
    (folder / "pack.yaml").write_text("name: local\ndescription: d\nseverity:\n  SUM001: info\n", encoding="utf-8")
    _check(capsys, "--format", "json", str(folder))  # (this process keeps the pack it read: a new run reads it anew)
    assert len(checked) == 3 * files
    monkeypatch.setattr(linter, "__version__", "99.0")
    _check(capsys, "--format", "json", str(folder))
    assert len(checked) == 4 * files


def test_the_cache_is_beside_the_configuration_tagged_and_ignored_by_git(folder: Path, capsys,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVLINT_CACHE_DIR")
    (folder / "govlint.toml").write_text('ignore = ["DUP"]\n', encoding="utf-8")
    _check(capsys, "--format", "json", str(folder))
    cache = folder / ".govlint_cache"
    tag = (cache / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert len(list(cache.rglob("*"))) > 20
    code, out, err = _check(capsys, "--show-files", str(folder))
    assert ".govlint_cache" not in out  # never taken for reports


def test_no_cache_and_its_variable_write_nothing(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    _check(capsys, "--no-cache", "--cache-dir", str(tmp_path / "a"), "--format", "json", str(folder))
    monkeypatch.setenv("GOVLINT_NO_CACHE", "1")
    _check(capsys, "--cache-dir", str(tmp_path / "b"), "--format", "json", str(folder))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_cached_run_reads_each_outcome_as_its_turn_comes(folder: Path, capsys, checked: list[str],
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a province's cached outcomes are not all held at once (10,000 of them held 140 MB)
    import gc

    from linter.run.cache import ResultCache
    from linter.run.results import FileOutcome

    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "json"]
    cold = _check(capsys, *cache, str(folder))
    held_at_reads: list[int] = []
    read = ResultCache.read

    def counting(self, where):
        held_at_reads.append(sum(isinstance(found, FileOutcome) for found in gc.get_objects()))
        return read(self, where)

    monkeypatch.setattr(ResultCache, "read", counting)
    checked.clear()
    assert _check(capsys, *cache, str(folder)) == cold and checked == []
    assert len(held_at_reads) > 20 and max(held_at_reads) <= 2


def test_corrupt_entries_are_misses_and_are_replaced(folder: Path, capsys, checked: list[str],
                                                     tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder))
    entries = [p for p in (cache / LAYOUT).rglob("*") if p.is_file()]
    for number, entry in enumerate(entries):
        data = entry.read_bytes()
        entry.write_bytes([b"", b"garbage", data[: len(data) // 2], b"\x80\x05K\x01."][number % 4])
    checked.clear()
    assert _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder)) == cold
    assert len(checked) == len(entries)
    checked.clear()
    assert _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder)) == cold
    assert checked == []


def _age(cache: Path, days: float) -> None:
    """Make every entry of `cache`, and its last pruning, `days` old."""
    then = time.time() - days * 24 * 3600
    for path in [*(cache / LAYOUT).rglob("*"), cache / f"{LAYOUT}.pruned"]:
        if path.is_file():
            os.utime(path, (then, then))


def test_entries_no_run_used_for_a_month_are_removed(folder: Path, capsys, checked: list[str],
                                                     tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder))
    files = len(checked)
    entries = {p for p in (cache / LAYOUT).rglob("*") if p.is_file()}
    assert len(entries) == files and (cache / f"{LAYOUT}.pruned").is_file()
    _age(cache, 40)
    this_year = folder / "2023"
    _check(capsys, "--cache-dir", str(cache), "--format", "json", str(this_year))  # used: touched, kept
    kept = {p for p in (cache / LAYOUT).rglob("*") if p.is_file()}
    assert len(kept) == len(list(this_year.iterdir())) < files
    checked.clear()
    _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder))
    assert len(checked) == files - len(kept)  # only the files whose entries were removed
    assert {p for p in (cache / LAYOUT).rglob("*") if p.is_file()} == entries


def test_a_cache_is_pruned_at_most_once_a_day(folder: Path, capsys, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder))
    entries = {p for p in (cache / LAYOUT).rglob("*") if p.is_file()}
    _age(cache, 40)
    os.utime(cache / f"{LAYOUT}.pruned")  # pruned a moment ago
    _check(capsys, "--cache-dir", str(cache), "--format", "json", str(folder / "2023"))
    assert {p for p in (cache / LAYOUT).rglob("*") if p.is_file()} == entries  # the old 2022 ones too


def test_an_unwritable_cache_is_a_note_and_the_run_is_complete(folder: Path, capsys, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    code, out, err = _check(capsys, "--cache-dir", str(blocked / "cache"), "--format", "json", str(folder))
    assert code == 0 and (out, err.replace(f"govlint: {blocked / 'cache'}: cannot write the results cache "
                                           "(Not a directory); this run is not cached\n", "")) == \
        _check(capsys, "--no-cache", "--format", "json", str(folder))[1:]
    assert "cannot write the results cache" in err


@pytest.mark.usefixtures("demo_rules")
def test_fix_and_diff_are_not_answered_from_the_cache(tmp_path: Path, capsys, checked: list[str]) -> None:
    from cisupport import GOOD

    report = tmp_path / "r.txt"
    report.write_text(GOOD + "依据[2022]3号文。\n", encoding="utf-8")
    first = _check(capsys, "--format", "concise", str(report))
    assert "DEMO003" in first[1]
    diff = _check(capsys, "--diff", str(report))
    assert "+依据〔2022〕3号文。" in diff[1]
    assert _check(capsys, "--diff", str(report)) == diff
    _check(capsys, "--fix", str(report))
    assert "〔2022〕" in report.read_text(encoding="utf-8")
    assert _check(capsys, "--diff", str(report))[1] == ""
    count = len(checked)
    _check(capsys, "--fix", str(report))  # nothing left to fix: the cached result serves
    assert len(checked) == count


def test_standard_input_is_not_cached(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (EXAMPLES / "qingshan-2022.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    _check(capsys, "--cache-dir", str(tmp_path / "cache"), "--format", "json", "-")
    assert not (tmp_path / "cache" / LAYOUT).exists()


def test_the_baseline_filters_cached_results_as_fresh_ones(folder: Path, capsys, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    main(["check", "--jobs", "1", "--no-cache", "--write-baseline", str(baseline), str(folder / "qingshan-2022.txt")])
    capsys.readouterr()
    cold = _check(capsys, "--baseline", str(baseline), "--format", "json", str(folder))
    warm = _check(capsys, "--baseline", str(baseline), "--format", "json", str(folder))
    assert warm == cold
    assert not any(d["path"].endswith("qingshan-2022.txt") and d["code"] == "SUM001" for d in json.loads(cold[1]))


def test_the_html_page_after_a_run_without_views_is_the_page_without_cache(folder: Path, capsys,
                                                                           checked: list[str],
                                                                           tmp_path: Path) -> None:
    _check(capsys, "--format", "json", str(folder))
    files = len(checked)
    cached = _check(capsys, "--format", "html", "-o", str(tmp_path / "a.html"), str(folder))
    assert len(checked) == 2 * files  # the entries had no views: checked again, stored with them
    _check(capsys, "--format", "html", "-o", str(tmp_path / "b.html"), str(folder))
    assert len(checked) == 2 * files
    _check(capsys, "--no-cache", "--format", "html", "-o", str(tmp_path / "c.html"), str(folder))

    def body(name: str) -> str:
        return (tmp_path / name).read_text(encoding="utf-8").split("</h1>", 1)[1].split("</p>", 1)[1]

    assert cached[0] == 0 and body("a.html") == body("c.html") == body("b.html")
    assert '<table class="grid"' in body("b.html")


def test_concurrent_runs_share_one_cache(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "linter", "check", "--format", "json", "--exit-zero", "--jobs", "1",
               "--cache-dir", str(cache), str(folder)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
            for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    after = subprocess.run(command, capture_output=True, env=environment, check=True).stdout
    assert all(output == after for output in outputs) and json.loads(after)
    assert not [p for p in cache.rglob(".govlint-*")]  # no temporary file left behind
