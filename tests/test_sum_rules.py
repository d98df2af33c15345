"""SUM001–SUM006 on hand-built tables: each code has a case that triggers it and a close one that does not."""

from __future__ import annotations

from decimal import Decimal

from rule_helpers import codes_of, run_rule
from tablefixtures import make_table, malformed, report_with, table_four, table_three

from linter.diagnostics import CellRef
from linter.identities import evaluate


def test_consistent_tables_give_no_sum_finding() -> None:
    report = report_with(table_three(), table_four([1, 0, 0, 0, 1] + [0] * 10))
    for code in codes_of("linter.plugins.sums"):
        assert run_rule(code, report) == [], code


def test_row_total_that_misses_an_applicant_is_sum001_at_the_total_cell() -> None:
    table = table_three(**{"（七）": [2, 1, 0, 0, 0, 0, 2]})
    [finding] = run_rule("SUM001", report_with(table))
    assert finding.message == ("表三（七）总计·总计 为 2，但各申请人类别之和为 3（自然人 2、商业企业 1）"
                               "；同一总计也使 SUM002（A3）不成立；同一总计也使 SUM003（A1）不成立")
    assert finding.cell == CellRef("三", "（七）", "总计")
    assert finding.location == table.cell("（七）", "总计").location
    assert CellRef("三", "（七）", "商业企业") in finding.related
    assert finding.fingerprint == "A2:row=（七）"


def test_row_total_wrong_for_one_row_only_names_that_row() -> None:
    table = table_three(**{"（四）1": [0, 1, 0, 0, 0, 0, 0]})
    messages = [f.message for f in run_rule("SUM001", report_with(table))]
    assert messages == ["表三（四）1.本机关不掌握相关政府信息·总计 为 0，但各申请人类别之和为 1（商业企业 1）"]


def test_outcome_total_is_sum002_naming_the_rows_added() -> None:
    table = table_three(**{"（七）": [1, 1, 0, 0, 0, 0, 2], "四": [2, 0, 0, 0, 0, 0, 2]})
    findings = run_rule("SUM002", report_with(table))
    assert [f.message for f in findings] == [
        "表三（七）总计·自然人 为 1，但各办理结果之和为 2（（一）予以公开 2）",
        "表三（七）总计·总计 为 2，但各办理结果之和为 3（（一）予以公开 2、（四）1.本机关不掌握相关政府信息 1）",
    ]
    assert findings[0].cell == CellRef("三", "（七）", "自然人")


def test_outcomes_of_2021_other_handling_subrows_are_added() -> None:
    handled = {"（一）": [1, 0, 0, 0, 0, 0, 1], "（四）1": [0] * 7, "（六）2": [1, 0, 0, 0, 0, 0, 1]}
    assert run_rule("SUM002", report_with(table_three(**handled, **{"（七）": [2, 0, 0, 0, 0, 0, 2]}))) == []
    [finding] = run_rule("SUM002", report_with(table_three(**handled, **{"（七）": [1, 0, 0, 0, 0, 0, 2]})))
    assert finding.message == ("表三（七）总计·自然人 为 1，但各办理结果之和为 2（（一）予以公开 1、"
                               "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 1）"
                               "；同一总计也使 SUM003（A1）不成立")


def test_received_plus_carried_over_not_handled_plus_carried_forward_is_sum003() -> None:
    # As in a real report: 1 request received, none handled, none carried forward, 总计 column only.
    table = table_three(**{"一": [0, 1, 0, 0, 0, 0, 1], "二": [0] * 7, "（一）": [0] * 7, "（四）1": [0] * 7,
                           "（七）": [0, 1, 0, 0, 0, 0, 0], "四": [0] * 7})
    # Its （七）总计 also misses the 商业企业 request (SUM001): one finding, by SUM001.
    report = report_with(table)
    assert run_rule("SUM003", report) == []
    [grouped] = run_rule("SUM001", report)
    assert grouped.fingerprint == "A2:row=（七）" and grouped.message.endswith("；同一总计也使 SUM003（A1）不成立")
    [also] = grouped.related_locations
    assert also.location == table.cell("一", "总计").location
    assert also.message == (
        "SUM003：表三·总计列：（七）总计 0 + 四、结转下年度继续办理 0 = 0，"
        "但 一、本年新收政府信息公开申请数量 1 + 二、上年结转政府信息公开申请数量 0 = 1，两者应相等")


def test_carry_over_alone_is_sum003_at_the_total() -> None:
    # As in a real report (pingtan-gaj-2021): one request handled and also carried forward.
    table = table_three(**{"一": [1, 0, 0, 0, 0, 0, 1], "二": [0] * 7, "（一）": [0] * 7, "（四）1": [0] * 7,
                           "（六）3": [1, 0, 0, 0, 0, 0, 1], "（七）": [1, 0, 0, 0, 0, 0, 1],
                           "四": [1, 0, 0, 0, 0, 0, 1]})
    findings = run_rule("SUM003", report_with(table))
    assert [f.cell for f in findings] == [CellRef("三", "（七）", "自然人"), CellRef("三", "（七）", "总计")]
    assert findings[1].message == (
        "表三·总计列：（七）总计 1 + 四、结转下年度继续办理 1 = 2，"
        "但 一、本年新收政府信息公开申请数量 1 + 二、上年结转政府信息公开申请数量 0 = 1，两者应相等")
    assert set(findings[1].related) == {CellRef("三", "四", "总计"), CellRef("三", "一", "总计"),
                                        CellRef("三", "二", "总计")}
    assert findings[1].related_locations == ()


def test_review_group_total_is_sum004_per_group() -> None:
    table = table_four([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])
    findings = run_rule("SUM004", report_with(table))
    assert [f.message for f in findings] == [
        "表四 行政复议·总计 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 11（结果维持 10、结果纠正 1）",
        "表四 复议后起诉·总计 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 5（结果维持 5）",
    ]
    assert findings[0].cell == CellRef("四", "数量", "行政复议/总计")
    assert findings[0].location.column == table.cell("数量", "行政复议/总计").location.column
    assert len({f.fingerprint for f in findings}) == 2


def test_blank_part_counts_as_zero_so_the_sum_holds() -> None:
    table = table_four([0, 0, 0, 0, 0, 2, 0, 0, None, 2, 0, 0, 0, 0, 0])
    assert run_rule("SUM004", report_with(table)) == []


def test_no_sum_on_a_malformed_table() -> None:
    table = malformed(table_three(**{"（七）": [0, 1, 0, 0, 0, 0, 0]}))
    report = report_with(table)
    for code in ("SUM001", "SUM002", "SUM003", "SUM005", "SUM006"):
        assert run_rule(code, report) == [], code


def test_money_totals_within_rounding_hold_and_beyond_do_not() -> None:
    # No money identity ships in the templates; the evaluator's tolerance is what SUM rules rely on.
    table = make_table("四", "2021", {"数量": ["0.33", "0.33", "0.33", "0", "1.0"] + [0] * 10})
    [outcome] = list(evaluate("四:数量:行政复议/总计 = 四:数量:行政复议/结果维持 + 四:数量:行政复议/结果纠正"
                              " + 四:数量:行政复议/其他结果", None, "四", {"四": table}))
    assert outcome.holds
    table.cells[("数量", "行政复议/总计")].value = Decimal("1.1")
    [outcome] = list(evaluate("四:数量:行政复议/总计 = 四:数量:行政复议/结果维持 + 四:数量:行政复议/结果纠正"
                              " + 四:数量:行政复议/其他结果", None, "四", {"四": table}))
    assert not outcome.holds


def test_negative_decimal_and_text_counts_are_sum005() -> None:
    table = table_three(**{"（五）1": ["-1", "1.5", "若干", 0, 0, 0, 0]})
    findings = run_rule("SUM005", report_with(table))
    assert [f.message for f in findings] == [
        "表三（五）1.信访举报投诉类申请·自然人 为 -1，件数不能为负数",
        "表三（五）1.信访举报投诉类申请·商业企业 为 1.5，件数应为整数",
        "表三（五）1.信访举报投诉类申请·科研机构 填写了“若干”，应为数字",
    ]
    assert findings[0].fingerprint == "三:（五）1:自然人"


def test_signed_change_and_money_with_decimals_are_valid() -> None:
    table = make_table("二", "2019", {"行政许可": [5, "+2", 7], "行政处罚": [3, "-1", 4],
                                     "政府集中采购": [34, "50.920543"]})
    assert run_rule("SUM005", report_with(table, year=2020)) == []
    table = make_table("二", "2019", {"行政许可": [5, "2.5", 7]})
    [finding] = run_rule("SUM005", report_with(table, year=2020))
    assert finding.message == "表二 行政许可·本年增/减 为 2.5，增减数应为整数"


def test_blank_cell_is_a_sum006_warning_and_zero_is_not() -> None:
    table = table_four([0, 0, 0, 0, 0, 2, 0, 0, None, 2, 0, 0, 0, 0, 0])
    [finding] = run_rule("SUM006", report_with(table))
    assert finding.message == "表四 未经复议直接起诉·尚未审结 为空，应填写数字（没有发生的填 0）"
    assert finding.cell == CellRef("四", "数量", "未经复议直接起诉/尚未审结")
    assert run_rule("SUM006", report_with(table_four([0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]))) == []


def test_placeholder_dash_is_blank_not_invalid_and_a_blank_row_is_one_finding() -> None:
    table = table_three(**{"（三）1": ["/"] * 7, "（三）2": ["—", 0, 0, 0, 0, 0, 0]})
    report = report_with(table)
    assert run_rule("SUM005", report) == []
    assert [f.message for f in run_rule("SUM006", report)] == [
        "表三（三）1.属于国家秘密 整行为空，应填写数字（没有发生的填 0）",
        "表三（三）2.其他法律行政法规禁止公开·自然人 为空，应填写数字（没有发生的填 0）",
    ]


def test_trailing_blank_in_a_row_of_zeros_is_not_sum006() -> None:
    # As exported from Word next to merged cells: six zeros and an empty trailing field.
    table = table_three(**{"（三）1": [0, 0, 0, 0, 0, 0, None]})
    assert run_rule("SUM006", report_with(table)) == []
    table = table_three(**{"（三）1": [0, 0, 0, 0, 0, None, 0]})
    assert [f.cell for f in run_rule("SUM006", report_with(table))] == [CellRef("三", "（三）1", "其他")]


def test_blank_total_is_one_sum006_not_a_sum_error() -> None:
    table = table_three(**{"（七）": [2, 1, 0, 0, 0, 0, None]})
    report = report_with(table)
    assert [f.message for f in run_rule("SUM006", report)] == ["表三（七）总计·总计 为空，应填写数字（没有发生的填 0）"]
    for code in ("SUM001", "SUM002", "SUM003"):
        assert run_rule(code, report) == [], code


def test_blank_columns_are_one_sum006_per_column_naming_the_rows_and_the_count() -> None:
    # The 法人或其他组织 columns left empty all the way down (25 rows of the 2021 template).
    table = table_three()
    for cell in table.cells.values():
        if cell.column in ("科研机构", "社会公益组织"):
            cell.kind, cell.value, cell.raw = "blank", None, ""
    findings = run_rule("SUM006", report_with(table))
    rows = "一、本年新收政府信息公开申请数量至四、结转下年度继续办理"
    assert [f.message for f in findings] == [
        f"表三·{column}列 {rows} 25格为空，应填写数字（没有发生的填 0）" for column in ("科研机构", "社会公益组织")]
    first = findings[0]
    assert first.cell == CellRef("三", "一", "科研机构") and first.fingerprint == "三:一:科研机构"
    assert len(first.related) == len(first.related_locations) == 24
    assert first.related_locations[-1].location == table.cell("四", "科研机构").location
    assert first.related_locations[-1].message == "表三 四、结转下年度继续办理·科研机构 为空"


def test_blanks_in_a_row_run_are_one_finding_and_separate_blanks_their_own() -> None:
    table = table_three(**{"（三）3": [0, None, None, None, 0, None, 0]})
    assert [(f.message, f.fingerprint) for f in run_rule("SUM006", report_with(table))] == [
        ("表三（三）3.危及“三安全一稳定” 商业企业至社会公益组织 3格为空，应填写数字（没有发生的填 0）",
         "三:（三）3:商业企业"),
        ("表三（三）3.危及“三安全一稳定”·其他 为空，应填写数字（没有发生的填 0）", "三:（三）3:其他"),
    ]
