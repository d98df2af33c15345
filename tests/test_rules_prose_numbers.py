"""SUM101 / SUM102: a total stated in the prose and the parts listed after 其中."""

from __future__ import annotations

from rule_helpers import CLEAN, report_of, run_rule, text_at

from linter.diagnostics import CellRef
from linter.model import Cell, Location, Malformation, Table

SUM = "主动公开政府信息120条，其中政策文件20条，工作动态90条，其他信息10条"


def test_parts_exceeding_the_total() -> None:
    text = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件20条，工作动态95条，其他信息10条")
    [finding] = run_rule("SUM101", text)
    assert text_at(text, finding) == "120条，其中政策文件20条，工作动态95条，其他信息10条"
    assert "20 + 95 + 10 = 125条" in finding.message
    assert run_rule("SUM102", text) == []


def test_parts_falling_short_of_the_total() -> None:
    listed = "其中包括政策文件6条，重点领域信息3条，人事信息2条、规划总结1条、政务动态等53条"
    text = CLEAN.replace(SUM, "主动公开政府信息66条，" + listed)
    [finding] = run_rule("SUM102", text)
    assert "65条" in finding.message and "少1条" in finding.message
    assert run_rule("SUM101", text) == []


def test_correct_sums_across_a_pdf_line_break() -> None:
    text = CLEAN.replace(SUM, "行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果\n178 件，尚未审结 37 件")
    assert run_rule("SUM101", text) == [] and run_rule("SUM102", text) == []


def test_lists_that_are_not_partitions_are_left_alone() -> None:
    for wording in (
        "主动公开政府信息5500余条，其中政策文件20条，工作动态90条",  # approximate total
        "主动公开政府信息120条，其中政策文件20条",  # a single part is a subset
        "主动公开政府信息120条，其中政策文件20条，涉及部门3个",  # different units
        "答复120件（含上年结转34件，另有10件顺延），其中予以公开20件，部分公开5件",  # total not before 其中
        "主动公开政府信息120条，其中政策文件20条，占16.7%，工作动态90条",  # rates
    ):
        text = CLEAN.replace(SUM, wording)
        assert run_rule("SUM101", text) == [] and run_rule("SUM102", text) == [], wording


def with_tables(text: str, template: str = "2021", **values: int):
    """The fixture report with tables 三 and 四 holding the given totals (the rest 0)."""
    report = report_of(text)
    cells = {
        "三": {("一", "总计"): values.get("received", 0), ("二", "总计"): values.get("carried", 0),
              ("四", "总计"): values.get("forward", 0)},
        "四": {("数量", "行政复议/总计"): values.get("review", 0),
              ("数量", "未经复议直接起诉/总计"): values.get("direct", 0),
              ("数量", "复议后起诉/总计"): values.get("after_review", 0)},
    }
    for table_id, table_cells in cells.items():
        table = Table(table_id, template, Location(1, 1, 1, 1))
        for (row, column), value in table_cells.items():
            table.cells[(row, column)] = Cell(table_id, row, column, value, "int", str(value), Location(1, 1, 1, 2))
        report.tables[table_id] = table
    return report


RECEIVED = "全年收到政府信息公开申请3件"


def test_prose_figure_contradicting_the_table() -> None:
    text = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请5件，上年结转申请1件，行政诉讼2件")
    findings = run_rule("SUM201", with_tables(text, received=3, carried=1, direct=1, after_review=1))
    assert [text_at(text, f) for f in findings] == ["5件"]
    assert findings[0].cell == CellRef("三", "一", "总计")
    assert "表三中为 3" in findings[0].message


def test_two_cells_summed_for_litigation() -> None:
    text = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请3件，行政诉讼累计4件")
    [finding] = run_rule("SUM201", with_tables(text, received=3, direct=1, after_review=2))
    assert "1 + 2 = 3" in finding.message and finding.related == (CellRef("四", "数量", "复议后起诉/总计"),)


def test_statements_of_another_scope_are_not_compared() -> None:
    text = CLEAN.replace(RECEIVED, "区政府办代表区政府受理政府信息公开申请17件")
    assert run_rule("SUM201", with_tables(text, received=95)) == []


def test_no_comparison_with_a_table_that_could_not_be_aligned() -> None:
    report = with_tables(CLEAN, received=10)
    report.tables["三"].malformed.append(Malformation("每行只有4个数字", Location(1, 1, 1, 1)))
    assert run_rule("SUM201", report) == []
    assert len(run_rule("SUM201", with_tables(CLEAN, received=10))) == 1


def test_review_requests_and_figures_including_carried_over_are_not_table_one() -> None:
    review = CLEAN.replace(RECEIVED, "全年收到行政复议申请5件")
    assert run_rule("SUM201", with_tables(review, received=3, review=5)) == []
    including = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请5件（含上年结转2件）")
    assert run_rule("SUM201", with_tables(including, received=3, carried=2)) == []


def test_the_bodys_own_territory_is_its_total_another_territory_is_not() -> None:
    own = CLEAN.replace(RECEIVED, "全镇共收到政府信息公开申请5件")
    assert len(run_rule("SUM201", with_tables(own, received=3))) == 1
    county = CLEAN.replace(RECEIVED, "全县共收到政府信息公开申请5件")
    assert run_rule("SUM201", with_tables(county, received=3)) == []


def with_table_two(text: str, template: str, cells: dict[tuple[str, str], int]):
    report = report_of(text)
    table = Table("二", template, Location(1, 1, 1, 1))
    for (row, column), value in cells.items():
        table.cells[(row, column)] = Cell("二", row, column, value, "int", str(value), Location(1, 1, 1, 2))
    report.tables["二"] = table
    return report


def test_normative_documents_in_either_templates_wording() -> None:
    text = CLEAN.replace(RECEIVED, "全年制发规范性文件4件")
    cells_2021 = {("规章", "本年制发件数"): 0, ("行政规范性文件", "本年制发件数"): 3}
    [finding] = run_rule("SUM201", with_table_two(text, "2021", cells_2021))
    assert finding.cell == CellRef("二", "行政规范性文件", "本年制发件数")
    cells_2019 = {("规章", "本年新制作数量"): 0, ("规范性文件", "本年新制作数量"): 4}
    assert run_rule("SUM201", with_table_two(text, "2019", cells_2019)) == []


def test_applicant_said_to_be_an_individual_but_counted_as_a_company() -> None:
    text = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请1件，申请人为个人")
    report = with_tables(text, received=1)
    report.tables["三"].cells[("一", "商业企业")] = Cell("三", "一", "商业企业", 1, "int", "1", Location(1, 1, 1, 2))
    report.tables["三"].cells[("一", "自然人")] = Cell("三", "一", "自然人", 0, "int", "0", Location(1, 1, 1, 2))
    [finding] = run_rule("SUM201", report)
    assert text_at(text, finding) == "申请人为个人"
    assert "自然人为0件、总计为1件（商业企业 1）" in finding.message
    report.tables["三"].cells[("一", "自然人")] = Cell("三", "一", "自然人", 1, "int", "1", Location(1, 1, 1, 2))
    report.tables["三"].cells[("一", "商业企业")] = Cell("三", "一", "商业企业", 0, "int", "0", Location(1, 1, 1, 2))
    assert run_rule("SUM201", report) == []
    part = with_tables(CLEAN.replace(RECEIVED, "全年收到政府信息公开申请3件，申请人为个人的2件"), received=3)
    assert run_rule("SUM201", part) == []
