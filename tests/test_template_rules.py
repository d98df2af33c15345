"""TPL001, TPL003, TPL004, TPL006 on hand-built reports: a triggering case and a close one that does not."""

from __future__ import annotations

from rule_helpers import run_rule
from tablefixtures import make_table, malformed, report_with, table_four, table_three

from linter.diagnostics import CellRef
from linter.model import Label, Location, TemplateEvidence

EVIDENCE = Location(8, 1, 8, 12)


def test_2019_template_in_a_2022_report_is_tpl001_at_the_evidence() -> None:
    report = report_with(make_table("二", "2019", {"规章": [0, 0, 0]}), year=2022)
    report.template_evidence = [TemplateEvidence("2019", "表二有“本年新制作数量”栏", EVIDENCE)]
    [finding] = run_rule("TPL001", report)
    assert finding.message == ("本报告为 2022 年度报告，应采用 2021 年模板（国办公开办函〔2021〕30号），"
                               "但表格采用的是 2019 年模板（表二有“本年新制作数量”栏）")
    assert finding.location == EVIDENCE


def test_template_matching_the_year_or_no_national_template_is_not_tpl001() -> None:
    assert run_rule("TPL001", report_with(make_table("二", "2019", {"规章": [0, 0, 0]}), year=2020)) == []
    assert run_rule("TPL001", report_with(make_table("二", "2021", {"规章": [0, 0, 0]}), year=2023)) == []
    assert run_rule("TPL001", report_with(make_table("二", "2019", {"规章": [0, 0, 0]}), year=2018)) == []


def test_2021_template_in_a_2020_report_is_tpl001_at_the_table_without_evidence() -> None:
    table = make_table("二", "2021", {"规章": [0, 0, 0]}, first_line=5)
    [finding] = run_rule("TPL001", report_with(table, year=2020))
    assert "应采用 2019 年模板（国办公开办函〔2019〕60号）" in finding.message
    assert finding.location.line == 5


def test_malformed_table_is_one_tpl003_per_table() -> None:
    three = malformed(table_three(), "一、本年新收政府信息公开申请数量 一行只有 4 个数字（模板为 7 列）")
    three = malformed(three, "二、上年结转政府信息公开申请数量 一行只有 4 个数字（模板为 7 列）")
    four = malformed(table_four([0] * 15), "表四只有 8 个数字（模板为 15 个）")
    findings = run_rule("TPL003", report_with(three, four))
    assert [f.message for f in findings] == [
        "表三无法与模板对齐：一、本年新收政府信息公开申请数量 一行只有 4 个数字（模板为 7 列）；"
        "二、上年结转政府信息公开申请数量 一行只有 4 个数字（模板为 7 列），未计算合计",
        "表四无法与模板对齐：表四只有 8 个数字（模板为 15 个），未计算合计",
    ]
    assert findings[0].location == three.malformed[0].location
    assert run_rule("TPL003", report_with(table_three(), table_four([0] * 15))) == []


def relabel(table, row_id: str, text: str) -> None:
    label = next(lbl for lbl in table.row_labels if lbl.template_id == row_id)
    label.text = text


def test_label_wording_differing_from_the_template_is_tpl004() -> None:
    table = table_three()
    relabel(table, "（三）2", "2. 其他法律法规禁止公开")
    [finding] = run_rule("TPL004", report_with(table))
    assert finding.message == "表三的行标签“2.其他法律法规禁止公开”与模板用语“其他法律行政法规禁止公开”不一致"
    assert finding.location == table.row_labels[5].location


def test_numbering_spaces_quotes_and_bracketed_remarks_are_not_tpl004() -> None:
    table = table_three()
    relabel(table, "（三）2", "2. 其他法律行政 法规禁止公开")
    relabel(table, "（三）3", '3.危及"三安全一稳定"')
    relabel(table, "（二）", "（二）部分公开")
    relabel(table, "一", "一、本年新收政府信息公开申请数量")
    relabel(table, "（四）2", "2. 没有现成信息\n提供\t需要另行制作")  # "提供" from the merged "（四）无法提供"
    fee = make_table("二", "2021", {"行政事业性收费": [0]})
    fee.column_labels.append(Label("本年收费金额（单位：万元，保留4位小数）", EVIDENCE, "本年收费金额",
                                   "本年收费金额（单位：万元）", 80.0))
    four = table_four([0] * 15)
    four.column_labels.append(Label("结 果 维 持", EVIDENCE, "行政复议/结果维持", "行政复议/结果维持", 60.0))
    assert run_rule("TPL004", report_with(table, fee, four)) == []


def test_damaged_header_is_tpl004() -> None:
    table = make_table("二", "2019", {"行政许可": [5, "+2", 7]})
    table.column_labels += [Label("年新\n制作数量", EVIDENCE, "本年新制作数量", "本年新制作数量", 90.0),
                            Label("本年增/", EVIDENCE, "本年增/减", "本年增/减", 90.0)]
    findings = run_rule("TPL004", report_with(table, year=2020))
    assert [f.message for f in findings] == [
        "表二的列标签“年新制作数量”与模板用语“本年新制作数量”不一致",
        "表二的列标签“本年增/”与模板用语“本年增/减”不一致",
    ]


def test_damaged_review_header_names_the_template_column() -> None:
    four = table_four([0] * 15)
    four.column_labels.append(Label("其他结", EVIDENCE, "行政复议/其他结果", "行政复议/其他结果", 80.0))
    [finding] = run_rule("TPL004", report_with(four))
    assert finding.message == "表四的列标签“其他结”与模板用语“行政复议·其他结果”不一致"


def test_2019_row_in_a_2021_table_is_one_mixed_template_tpl004() -> None:
    table = table_three()
    single = Label("（六）其他处理", Location(30, 2, 30, 9), "（六）", "其他处理", 100.0, template_year="2019")
    table.foreign_rows.append(single)
    relabel(table, "（三）2", "2.其他法律行政止公开")
    findings = run_rule("TPL004", report_with(table, year=2023))
    assert [f.message for f in findings] == [
        "表三混用了两种模板：“（六）其他处理” 是 2019 年模板的写法，而本表其余部分为 2021 年模板"
        "（2021 年模板中“（六）其他处理”分为 3 行）",
        "表三的行标签“2.其他法律行政止公开”与模板用语“其他法律行政法规禁止公开”不一致",
    ]
    assert findings[0].location == single.location


def test_2019_only_label_in_a_2021_table_is_mixed_but_not_in_a_2019_table() -> None:
    def table_with_normative(year: str, row_id: str):
        table = make_table("二", year, {"规章": [0, 0, 0]})
        table.row_labels.append(Label("规范性文件", EVIDENCE, row_id, row_id, 85.0, template_year="2019"))
        return table

    [finding] = run_rule("TPL004", report_with(table_with_normative("2021", "行政规范性文件")))
    assert finding.message.startswith("表二混用了两种模板：“规范性文件” 是 2019 年模板的写法")
    assert run_rule("TPL004", report_with(table_with_normative("2019", "规范性文件"), year=2020)) == []


def test_rules_reported_by_a_town_is_tpl006() -> None:
    table = make_table("二", "2021", {"规章": [2, 0, 5], "行政规范性文件": [1, 0, 3]})
    [finding] = run_rule("TPL006", report_with(table, body="某县某镇人民政府", body_kind="town"))
    assert finding.message == ("表二 规章 行填报了 本年制发件数 2、现行有效件数 5，但某县某镇人民政府属于乡镇（街道），"
                               "无权制定规章（《立法法》第九十三条）；请核实是否误填（如应填入规范性文件行）")
    assert finding.cell == CellRef("二", "规章", "本年制发件数")
    assert finding.related == (CellRef("二", "规章", "现行有效件数"),)


def test_rules_reported_by_a_city_or_zero_by_a_town_is_not_tpl006() -> None:
    with_rules = make_table("二", "2021", {"规章": [2, 0, 5]})
    assert run_rule("TPL006", report_with(with_rules, body="某某市人民政府", body_kind="city")) == []
    assert run_rule("TPL006", report_with(with_rules, body="国家某某局", body_kind="department")) == []
    zero = make_table("二", "2021", {"规章": [0, 0, 0]})
    assert run_rule("TPL006", report_with(zero, body="某县某镇人民政府", body_kind="town")) == []
