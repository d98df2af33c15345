"""SUM101 / SUM102: a total stated in the prose and the parts listed after 其中."""

from __future__ import annotations

from conftest import recognize_text
from rule_helpers import CLEAN, run_rule, text_at

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
    report = recognize_text(text)
    cells = {
        "三": {("一", "总计"): values.get("received", 0), ("二", "总计"): values.get("carried", 0),
              ("四", "总计"): values.get("forward", 0), ("（七）", "总计"): values.get("handled", 0)},
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
    report = recognize_text(text)
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


def test_a_list_running_on_into_the_next_sentence_is_added_up() -> None:
    text = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件20条。工作动态95条，其他信息10条")
    [finding] = run_rule("SUM101", text)
    assert "20 + 95 + 10 = 125条" in finding.message
    assert text_at(text, finding) == "120条，其中政策文件20条。工作动态95条，其他信息10条"
    # A sentence that starts a new statement ends the list (its 10条 is not a part).
    new = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件20条，工作动态90条。全年共办理建议10条")
    [short] = run_rule("SUM102", new)
    assert "20 + 90 = 110条" in short.message and run_rule("SUM101", new) == []


def test_units_that_count_the_same_things_are_added_and_others_are_not() -> None:
    articles = CLEAN.replace(SUM, "发布信息120条，其中原创文章30篇，转载90篇，其他信息10条")
    [finding] = run_rule("SUM101", articles)
    assert "30 + 90 + 10 = 130条" in finding.message
    occasions = CLEAN.replace(SUM, "开展培训5次，其中线上培训2次、现场培训2场")
    [short] = run_rule("SUM102", occasions)
    assert "少1次" in short.message
    mixed = CLEAN.replace(SUM, "开展培训5次，其中线上培训2次、覆盖单位3个")
    # Items without counts after a "；": the list is not all there (as in a real report).
    partial = CLEAN.replace(SUM, "发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件；"
                                 "2024年度部门预算、决算信息")
    assert run_rule("SUM102", partial) == []
    assert run_rule("SUM101", mixed) == [] and run_rule("SUM102", mixed) == []


def test_a_list_ending_in_deng_short_is_a_warning_over_is_an_error() -> None:
    short = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件20条，工作动态90条等")
    assert len(run_rule("SUM102", short)) == 1 and run_rule("SUM101", short) == []
    over = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件30条，工作动态100条等")
    assert len(run_rule("SUM101", over)) == 1 and run_rule("SUM102", over) == []


def test_kinds_of_information_listed_without_qizhong() -> None:
    # As in a real report: 364 stated, the kinds add to 353.
    listed = ("主动公开政府信息364条，人事信息17条，国民经济和社会发展规划类信息1条，重大建设项目类信息308条，"
              "公共服务类信息8条，其他应主动公开的政府信息19条")
    text = CLEAN.replace(SUM, listed)
    [finding] = run_rule("SUM102", text)
    assert "其后所列各项之和为 17 + 1 + 308 + 8 + 19 = 353条" in finding.message
    assert "少11条" in finding.message
    assert text_at(text, finding).startswith("364条，人事信息17条")
    holds = CLEAN.replace(SUM, "主动公开政府信息110条，其中主动公开信息20条，依申请公开政府信息86条，"
                               "不予公开政府信息4条")
    assert run_rule("SUM101", holds) == [] and run_rule("SUM102", holds) == []
    # Two clauses, or clauses that are not kinds of information, are not a list of parts.
    for wording in ("主动公开政府信息120条，政策文件20条，工作动态90条",
                    "主动公开政府信息120条，收到申请4件，办结4件，答复4件"):
        text = CLEAN.replace(SUM, wording)
        assert run_rule("SUM101", text) == [] and run_rule("SUM102", text) == [], wording


def test_handled_and_carried_forward_are_compared_with_table_three() -> None:
    text = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请70件，办结69件，结转1件")
    assert run_rule("SUM201", with_tables(text, received=70, handled=69, forward=1)) == []
    findings = sorted(run_rule("SUM201", with_tables(text, received=70, handled=68, forward=2)),
                      key=lambda f: f.location.column)
    assert [text_at(text, f) for f in findings] == ["69件", "1件"]
    assert [f.cell for f in findings] == [CellRef("三", "（七）", "总计"), CellRef("三", "四", "总计")]
    carried = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请3件，上年结转1件，按时办结1件，办结率100%")
    assert run_rule("SUM201", with_tables(carried, received=3, carried=1, forward=0, handled=4)) == []


def test_handling_results_after_qizhong_are_compared_with_their_rows() -> None:
    # As a real report writes it: "其中，同意公开3件，占比37.5%；无法提供4件，……；区分处理后公开1件".
    text = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请8件。其中，同意公开3件，占比37.5%；无法提供4件，占比50%；"
                                   "区分处理后公开1件，占比12.5%")
    report = with_tables(text, received=8, handled=8)
    table = report.tables["三"]

    def put(row: str, value: int) -> None:
        table.cells[(row, "总计")] = Cell("三", row, "总计", value, "int", str(value), Location(1, 1, 1, 2))

    for row, value in {"（一）": 3, "（二）": 1, "（四）1": 3, "（四）2": 1, "（四）3": 0}.items():
        put(row, value)
    assert run_rule("SUM201", report) == []
    put("（四）2", 0)
    [finding] = run_rule("SUM201", report)
    assert text_at(text, finding) == "4件" and "表三中为 3 + 0 + 0 = 3" in finding.message
    assert finding.cell == CellRef("三", "（四）1", "总计")
    # Two results stated together are not one row's figure.
    joined = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请8件。其中，予以公开及部分公开4件")
    report.document = recognize_text(joined).document
    report.paragraphs = recognize_text(joined).paragraphs
    assert run_rule("SUM201", report) == []  # 部分公开 alone (1) would differ from 4
    separate = CLEAN.replace(RECEIVED, "全年收到政府信息公开申请8件。其中，部分公开4件")
    report.document, report.paragraphs = recognize_text(separate).document, recognize_text(separate).paragraphs
    assert len(run_rule("SUM201", report)) == 1
