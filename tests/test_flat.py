"""Flattened crawler text: sections mid-line, chrome blocks, run-together table digits."""

from __future__ import annotations

import json

from conftest import recognize_text
from fixturetext import Fixture
from flatfixtures import crawler_report
from rule_helpers import run_rule

from linter.cli import main
from linter.recognize.digits import splits


def cell(report, table: str, row: str, column: str):
    return report.tables[table].cell(row, column)


def values(report, table: str, row: str) -> list:
    return [c.value for (r, _), c in report.tables[table].cells.items() if r == row]


def test_sections_title_body_and_year_of_one_line() -> None:
    report = recognize_text(crawler_report())
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert report.sections[4].title == "存在的主要问题及改进情况"
    assert (report.title.text, report.body, report.year, report.template) == (
        "某某县某某局2021年政府信息公开工作年度报告", "某某县某某局", 2021, "2021")
    assert all(s.heading.line == 9 for s in report.sections)


def test_heading_with_other_closing_words_runs_to_them() -> None:
    text = Fixture(crawler_report()).replace("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划")
    report = recognize_text(text)
    assert report.section("五").title == "存在的主要问题及明年工作计划"
    assert report.section("五").heading.end_column - report.section("五").heading.column == 16


def test_table_three_split_by_row_totals_with_exact_locations() -> None:
    text = crawler_report()
    report = recognize_text(text)
    table = report.tables["三"]
    assert table.aligned and len(table.cells) == 25 * 7
    assert values(report, "三", "一") == [12, 0, 0, 1, 0, 2, 15]
    assert values(report, "三", "（一）") == [8, 0, 0, 1, 0, 1, 10]
    line = text.split("\n")[8]
    total = cell(report, "三", "一", "总计")
    assert line[total.location.column - 1:total.location.end_column - 1] == "15"
    natural = cell(report, "三", "一", "自然人")
    assert line[natural.location.column - 1:natural.location.end_column - 1] == "12"
    assert line[natural.location.column - 2:natural.location.column - 1] == "量"
    assert values(report, "四", "数量") == [1, 0, 0, 0, 1] + [0] * 10


def test_stray_spaces_are_cell_boundaries() -> None:
    spaced = {"一": "12 0 0 1 0 2 15", "（一）": "8 0 01 0 1 10", "（七）": "12 0 0 10 2 15", "四": "1 0 0 00 0 1"}
    report = recognize_text(crawler_report(spaced))
    assert values(report, "三", "（一）") == [8, 0, 0, 1, 0, 1, 10]
    assert values(report, "三", "（七）") == [12, 0, 0, 1, 0, 2, 15]
    assert values(report, "三", "四") == [1, 0, 0, 0, 0, 0, 1]
    assert run_rule("SUM001", crawler_report(spaced)) == []


def test_table_two_cells_that_cannot_be_split_one_way_are_ambiguous() -> None:
    report = recognize_text(crawler_report())
    made = cell(report, "二", "行政规范性文件", "本年制发件数")
    assert (made.kind, made.value, made.candidates) == ("ambiguous", None, frozenset({3, 32}))
    assert cell(report, "二", "行政许可", "本年处理决定数量").value == 156
    assert str(cell(report, "二", "行政事业性收费", "本年收费金额").value) == "12.5"
    assert run_rule("SUM005", crawler_report()) == []


def test_a_split_the_identities_leave_open_stays_ambiguous() -> None:
    # 0 0 0 0 1 10 11 or 0 0 0 0 11 0 11: both rows agree either way.
    rows = {"一": "000011011", "（一）": "000011011", "（七）": "000011011", "（四）1": "0000000", "二": "0000000",
            "四": "0000000"}
    report = recognize_text(crawler_report(rows))
    lawyers = cell(report, "三", "（一）", "法律服务机构")
    assert (lawyers.kind, lawyers.candidates) == ("ambiguous", frozenset({1, 11}))
    assert cell(report, "三", "（一）", "总计").value == 11
    assert not [f for code in ("SUM001", "SUM002", "SUM003") for f in run_rule(code, crawler_report(rows))]


def test_identities_choose_the_split_and_report_what_every_split_breaks() -> None:
    rows = {"一": "000011011", "（一）": "000011011", "（七）": "0 0 0 0 11 0 11", "（四）1": "0000000",
            "二": "0000000", "四": "0000000"}
    report = recognize_text(crawler_report(rows))
    assert values(report, "三", "（一）") == [0, 0, 0, 0, 11, 0, 11]
    broken = dict(rows, **{"（七）": "0 0 0 0 5 0 5"})
    findings = run_rule("SUM002", crawler_report(broken))
    assert ("（七）", "法律服务机构") in {(f.cell.row, f.cell.column) for f in findings}


def test_row_with_a_lost_cell_is_one_malformation() -> None:
    text = crawler_report({"一": "0 00000", "（七）": "0000000", "（一）": "0000000", "（四）1": "0000000",
                           "二": "0000000", "四": "0000000"})
    [finding] = run_rule("TPL003", text)
    assert "6位数字" in finding.message
    assert run_rule("SUM001", text) == run_rule("SUM003", text) == []


def test_chrome_at_start_and_end_once_each_with_the_whole_block() -> None:
    text = crawler_report()
    findings = run_rule("FMT001", text)
    assert len(findings) == 2
    line = text.split("\n")[8]
    first = findings[0].location
    assert line[first.column - 1:first.end_column - 1].endswith("相关链接：")
    assert line[findings[1].location.column - 1:findings[1].location.end_column - 1] == "附件下载"


def test_metadata_is_not_residue_and_no_section_error() -> None:
    text = crawler_report()
    assert run_rule("SEC001", text) == []
    assert all(f.location.line == 9 for f in run_rule("FMT001", text))


def test_inspect_lists_each_cell_value_or_ambiguous(tmp_path, capsys) -> None:
    path = tmp_path / "crawler.txt"
    path.write_text(crawler_report(), encoding="utf-8")
    assert main(["inspect", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cells = {c["id"]: c for c in data["tables"]["三"]["cells"]}
    assert len(cells) == 175 and cells["三:一:总计"]["value"] == 15 and cells["三:一:总计"]["line"] == 9
    two = {c["id"]: c for c in data["tables"]["二"]["cells"]}
    assert two["二:行政规范性文件:现行有效件数"]["value"] == "ambiguous"
    assert two["二:行政规范性文件:现行有效件数"]["candidates"] == [5, 15]
    assert data["metadata"]["发布时间"]["value"] == "2022-01-14 17:29"


def test_splits_respect_column_kinds() -> None:
    signed = splits(["2648-18538"], ["count", "signed", "count"])
    assert [[p.value for p in s] for s in signed] == [[2648, -1, 8538], [2648, -18, 538], [2648, -185, 38],
                                                      [2648, -1853, 8]]
    assert splits(["01"], ["count"]) == ()
    money = splits(["13575394432.52元"], ["count", "money"])
    assert all(s[1].unit == "元" and s[1].kind == "decimal" for s in money) and len(money) == 9


def test_long_digit_runs_are_bounded() -> None:
    assert splits(["1" * 12000], ["count"] * 7) == ()  # longer than any seven figures
    assert splits(["12" * 30], ["count"] * 15) is None  # too many splits to list: ambiguous
    text = crawler_report({"（一）": "1" * 12000})
    report = recognize_text(text)
    assert not report.tables["三"].aligned


def test_a_few_lines_and_a_table_laid_out_after_a_flattened_heading() -> None:
    text = crawler_report()
    head, body = text[:text.index("当前位置")], text[text.index("当前位置"):]
    cut = body.index("（三）不予公开")
    report = recognize_text(head + body[:cut] + "\n" + body[cut:])
    assert values(report, "三", "一") == [12, 0, 0, 1, 0, 2, 15]
    assert values(report, "三", "（七）") == [12, 0, 0, 1, 0, 2, 15]
    assert report.tables["三"].cell("（七）", "总计").location.line == 10
    laid_out = (body[:body.index("第二十条")] + "\n第二十条第（一）项\n"
                "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n")
    assert [line.glued for line in recognize_text(head + laid_out).document.lines[-4:-1]] == [False] * 3
