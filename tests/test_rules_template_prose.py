"""TPL002 (cited format notice) and TPL005 (sections without a table)."""

from __future__ import annotations

from conftest import recognize_text
from fixturetext import Fixture
from rule_helpers import CLEAN, lines_of, run_rule, text_at

from linter.model import Cell, Location, Table

NOTICE = "国办公开办函〔2021〕30号"


def test_2023_report_citing_the_2019_notice() -> None:
    text = CLEAN.replace(NOTICE, "国办公开办函〔2019〕60号")
    [finding] = run_rule("TPL002", text)
    assert text_at(text, finding) == "国办公开办函〔2019〕60号"
    assert "国办公开办函〔2021〕30号" in finding.message


def test_garbled_citations_are_recognised() -> None:
    assert len(run_rule("TPL002", CLEAN.replace(NOTICE, "国办公开函〔2019〕办 60 号"))) == 1
    assert run_rule("TPL002", CLEAN.replace(NOTICE, "国办公开办函〔202130号")) == []
    report_2020 = as_2020(CLEAN)
    assert len(run_rule("TPL002", report_2020.replace(NOTICE, "国办公开办函〔202130号"))) == 1
    assert run_rule("TPL002", report_2020.replace(NOTICE, "国办公开办函〔2019〕60号")) == []


def as_2020(text: Fixture) -> Fixture:
    return text.replace_all("2023", "2020").replace_all("2024", "2021")


def test_citation_disagreeing_with_the_tables_template() -> None:
    report = recognize_text(as_2020(CLEAN))
    assert len(run_rule("TPL002", report)) == 1  # a 2020 report must cite 60号
    report = recognize_text(as_2020(CLEAN.replace(NOTICE, "国办公开办函〔2019〕60号")))
    assert run_rule("TPL002", report) == []
    report.template = "2021"
    [finding] = run_rule("TPL002", report)
    assert "表格使用的是2021年版模板" in finding.message


def _with_tables(text: str, *table_ids: str):
    report = recognize_text(text)
    for table_id in table_ids:
        table = Table(table_id, "2021", Location(1, 1, 1, 1))
        table.cells[("r", "c")] = Cell(table_id, "r", "c", 0, "int", "0", Location(1, 1, 1, 2))
        report.tables[table_id] = table
    return report


def test_sections_without_tables() -> None:
    findings = run_rule("TPL005", _with_tables(CLEAN, "二", "四"))
    assert lines_of(findings) == [CLEAN.split("\n").index("三、收到和处理政府信息公开申请情况") + 1]
    assert "没有识别出统计表" in findings[0].message
    assert run_rule("TPL005", _with_tables(CLEAN, "二", "三", "四")) == []


def test_section_with_only_an_image() -> None:
    text = CLEAN.replace_all("（表格略）", "![表三](images/table3.png)")
    findings = run_rule("TPL005", _with_tables(text, "二", "四"))
    assert "只有图片" in findings[0].message


def test_a_section_saying_only_none_has_no_table() -> None:
    text = CLEAN.replace_all("（表格略）", "无")
    assert len(run_rule("TPL005", text)) == 3
    assert run_rule("TPL005", _with_tables(text, "二", "三", "四")) == []


def test_another_issuers_document_with_the_same_number_is_not_the_notice() -> None:
    text = CLEAN.replace("编制。", "编制，并参照国办发〔2019〕60号文件。")
    assert run_rule("TPL002", text) == []
    assert len(run_rule("TPL002", text.replace("国办发", "（国办公开办函"))) == 1
