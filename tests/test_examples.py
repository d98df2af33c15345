"""The example reports the README runs on, and what `govlint check DIR` picks up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linter.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def _check(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_clean_example_report_has_no_finding(capsys) -> None:
    code, findings, _ = _check(capsys, str(EXAMPLES / "qingshan-2022.txt"))
    assert (code, findings) == (0, [])


def test_faulty_example_report_gives_its_faults_at_their_lines(capsys) -> None:
    code, findings, _ = _check(capsys, str(EXAMPLES / "baishui-2022.md"))
    assert code == 1
    assert {(f["code"], f["line"]) for f in findings} == {
        ("FMT001", 3), ("TPL002", 5), ("SUM001", 66), ("DAT001", 85)}
    total = next(f for f in findings if f["code"] == "SUM001")
    assert [r["message"][:6] for r in total["related_locations"]] == ["SUM002", "SUM003"]
    assert total["cell"] == {"table": "三", "row": "（七）", "column": "总计"}


@pytest.mark.usefixtures("zh")
def test_directory_run_skips_files_that_are_not_reports_and_says_so(tmp_path, capsys) -> None:
    shutil.copy(EXAMPLES / "qingshan-2022.txt", tmp_path)
    (tmp_path / "README.md").write_text("# 说明\n\n本目录存放各单位报告。\n", encoding="utf-8")
    (tmp_path / "说明.md").write_text("# 说明\n\n本目录存放各单位报告。\n", encoding="utf-8")
    code, findings, err = _check(capsys, str(tmp_path))
    assert (code, findings) == (0, [])
    assert "未检查（没有报告标题、部分标题或统计表）" in err and "说明.md" in err
    assert "README.md" not in err  # excluded by default, not even read


def test_a_file_named_on_the_command_line_is_always_checked(tmp_path, capsys) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n本目录存放各单位报告。\n", encoding="utf-8")
    code, findings, _ = _check(capsys, str(readme))
    assert code == 1
    assert "SEC001" in {f["code"] for f in findings}
