"""Checks across years (XYR001, XYR002): one body's reports for consecutive years in one run."""

from __future__ import annotations

import json
from pathlib import Path

from fixturetext import Fixture, fixture_text

from linter.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "reports" / "qingshan-2022.txt"
LAST_YEAR = fixture_text(EXAMPLE)  # 四、结转下年度 自然人 1, 总计 1; 行政规范性文件 2 0 5


def _next_year(carried_over: str = "1\t0\t0\t0\t0\t0\t1", in_force: str = "1\t0\t6") -> Fixture:
    text = LAST_YEAR.replace("2023年1月20日", "2024年1月20日").replace_all("2022", "2023")
    text = text.replace("行政规范性文件\t2\t0\t5", f"行政规范性文件\t{in_force}")
    # One more new request keeps this year's table 三 consistent when two were carried over.
    if carried_over.startswith("2"):
        text = text.replace("四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1",
                            "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")
    return text.replace("二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
                        f"二、上年结转政府信息公开申请数量\t\t{carried_over}")


def _findings(capsys, folder: Path, *extra: str) -> list[dict]:
    """The findings but those of copy detection: this year's text is last year's (CPY003)."""
    main(["check", "--format", "json", "--jobs", "1", *extra, str(folder)])
    return [f for f in json.loads(capsys.readouterr().out) if not f["code"].startswith("CPY")]


def _write(folder: Path, this_year: Fixture, body: str = "青山镇") -> None:
    (folder / "2022").mkdir(parents=True, exist_ok=True)
    (folder / "2023").mkdir(parents=True, exist_ok=True)
    (folder / "2022" / "report.txt").write_text(LAST_YEAR, encoding="utf-8")
    (folder / "2023" / "report.txt").write_text(this_year.replace_all("青山镇", body), encoding="utf-8")


def test_consistent_years_give_no_finding(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year())
    assert _findings(capsys, tmp_path) == []


def test_carry_over_that_differs_from_last_years_carry_forward_is_reported_at_the_cell(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year(carried_over="2\t0\t0\t0\t0\t0\t2"))
    findings = [f for f in _findings(capsys, tmp_path) if f["code"].startswith("XYR")]
    assert [(f["code"], f["path"].endswith("2023/report.txt"), f["cell"]["column"]) for f in findings] == [
        ("XYR001", True, "自然人"), ("XYR001", True, "总计")]
    assert findings[0]["message"].startswith("表三 二、上年结转政府信息公开申请数量·自然人 为 2，但上一年度（2022年）")
    assert findings[0]["severity"] == "warning" and findings[0]["line"] == 42


def test_documents_in_force_that_do_not_follow_from_last_year_are_information(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year(in_force="1\t0\t7"))
    findings = _findings(capsys, tmp_path)
    assert [(f["code"], f["severity"], f["cell"]["row"]) for f in findings] == [("XYR002", "info", "行政规范性文件")]
    assert "现行有效 5 + 本年制发 1 − 本年废止 0 = 6" in findings[0]["message"]


def test_another_body_or_an_ignored_code_gives_nothing(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year(in_force="1\t0\t7"), body="白水镇")
    assert _findings(capsys, tmp_path) == []
    _write(tmp_path / "same", _next_year(in_force="1\t0\t7"))
    assert _findings(capsys, tmp_path / "same", "--ignore", "XYR") == []


def test_results_are_the_same_with_worker_processes(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year(carried_over="2\t0\t0\t0\t0\t0\t2", in_force="1\t0\t7"))
    serial = _findings(capsys, tmp_path)
    main(["check", "--format", "json", "--jobs", "2", str(tmp_path)])
    assert [f for f in json.loads(capsys.readouterr().out) if not f["code"].startswith("CPY")] == serial


def test_last_years_report_submitted_twice_is_compared_once(tmp_path, capsys) -> None:
    _write(tmp_path, _next_year(carried_over="2\t0\t0\t0\t0\t0\t2"))
    (tmp_path / "2022" / "report-again.txt").write_text(LAST_YEAR, encoding="utf-8")
    findings = [f for f in _findings(capsys, tmp_path) if f["code"] == "XYR001"]
    assert [f["cell"]["column"] for f in findings] == ["自然人", "总计"]
