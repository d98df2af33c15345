"""Baselines: write, survive edits elsewhere, report only new findings and stale entries."""

from __future__ import annotations

import json

import pytest
from cisupport import GOOD, run

pytestmark = pytest.mark.usefixtures("demo_rules")
REPORT = GOOD + "二、主动公开\n表中有坏数据。\n数字可疑。\n另一处坏数据。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "reports" / "other.txt").write_text(GOOD + "坏数据\n", encoding="utf-8")
    return tmp_path


def test_round_trip_insert_above_then_fix_one(project, capsys) -> None:
    written = run(capsys, "check", "--write-baseline", "govlint-baseline.json", "reports")
    assert written.code == 0
    entries = json.loads((project / "govlint-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["code"]) for e in entries] == [
        ("reports/other.txt", "DEMO001"), ("reports/r.txt", "DEMO001"), ("reports/r.txt", "DEMO001"),
        ("reports/r.txt", "DEMO002")]

    report = project / "reports" / "r.txt"
    report.write_text(REPORT.replace("二、主动公开\n", "二、主动公开\n新插入的一段说明。\n\n"), encoding="utf-8")
    again = run(capsys, "check", "--baseline", "govlint-baseline.json", "--format", "concise", "reports")
    assert (again.code, again.out, again.err) == (0, "", "")

    report.write_text(REPORT.replace("表中有坏数据。", "表中数据已更正。"), encoding="utf-8")
    fixed = run(capsys, "check", "--baseline", "govlint-baseline.json", "--format", "concise", "reports")
    assert (fixed.code, fixed.out) == (0, "")
    (stale,) = fixed.err.splitlines()
    assert stale.startswith("govlint: govlint-baseline.json: stale entry reports/r.txt DEMO001 ")
    assert "no longer occurs" in stale


def test_new_findings_are_reported_and_fail(project, capsys) -> None:
    run(capsys, "check", "--write-baseline", "b.json", "reports")
    report = project / "reports" / "r.txt"
    report.write_text(REPORT + "又一处坏数据。\n表中有坏数据。\n", encoding="utf-8")
    result = run(capsys, "check", "--baseline", "b.json", "--format", "concise", "reports/r.txt")
    assert result.code == 1
    # the repeated line is new too: the baseline counts identical findings
    assert result.out.splitlines() == ["reports/r.txt:9:4: DEMO001 出现“坏数据”",
                                       "reports/r.txt:10:4: DEMO001 出现“坏数据”"]


def test_rule_fingerprint_is_used_when_given(project, capsys) -> None:
    run(capsys, "check", "--write-baseline", "b.json", "reports/r.txt")
    entries = json.loads((project / "b.json").read_text(encoding="utf-8"))["entries"]
    assert next(e for e in entries if e["code"] == "DEMO002")["fingerprint"] == "suspicious:数字可疑。"


def test_paths_are_relative_to_the_baseline_and_unchecked_files_are_not_stale(project, capsys, monkeypatch) -> None:
    run(capsys, "check", "--write-baseline", "b.json", "reports")
    monkeypatch.chdir(project / "reports")
    result = run(capsys, "check", "--baseline", "../b.json", "r.txt")
    assert (result.code, result.err) == (0, "")


def test_unreadable_file_keeps_its_entries_and_exits_2(project, capsys) -> None:
    run(capsys, "check", "--write-baseline", "b.json", "reports")
    (project / "reports" / "other.txt").write_bytes(b"")
    result = run(capsys, "check", "--baseline", "b.json", "reports")
    assert result.code == 2
    assert result.err.splitlines() == ["govlint: reports/other.txt: file is empty"]


def test_broken_baseline_file_exits_2(project, capsys) -> None:
    (project / "b.json").write_text("[1, 2]")
    result = run(capsys, "check", "--baseline", "b.json", "reports")
    assert (result.code, result.err.strip()) == (
        2, "govlint: b.json: not a govlint baseline file (write one with --write-baseline)")
