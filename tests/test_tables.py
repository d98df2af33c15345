"""Recognition of tables 二, 三 and 四 on fixtures written for each text layout."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from conftest import FIXTURES, recognize_text
from fixturetext import fixture_text

from linter.cli import main
from linter.model import text_document
from linter.recognize.align import _known_alignments
from linter.recognize.tokens import is_page_number, parse_number, tokenize

TABLES = FIXTURES / "tables"


def recognize_fixture(name: str):
    return recognize_text((TABLES / name).read_text(encoding="utf-8"), name)


def cell(report, table: str, row: str, column: str):
    found = report.tables[table].cell(row, column)
    assert found is not None, f"{table}:{row}:{column} not recognised"
    return found


def position(found) -> tuple[int, int, int]:
    return found.location.line, found.location.column, found.location.end_column


def row_label(report, table: str, row: str):
    return next(label for label in report.tables[table].row_labels if label.template_id == row)


# --- numbers and page footers ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", (0, "int", "")),
        ("+2", (2, "signed", "")),
        ("-3", (-3, "signed", "")),
        ("3,119", (3119, "int", "")),
        ("50.920543 万元", (Decimal("50.920543"), "decimal", "万元")),
        ("251000元", (Decimal("251000"), "decimal", "元")),
        ("7730.28", (Decimal("7730.28"), "decimal", "")),
        ("3件", (3, "int", "件")),
        ("１２", (12, "int", "")),
    ],
)
def test_parse_number(text: str, expected: tuple) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["规章", "2020年", "1.属于国家秘密", "", "3 4"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_tokens_of_a_single_spaced_row_and_a_padded_value() -> None:
    line = text_document("r.txt", "（七）总计 21 0 0 0 0 0 21\t\u3000\u30007\t\t2020 年").lines[0]
    tokens = tokenize(line)
    assert [t.kind for t in tokens] == ["label"] + ["number"] * 8 + ["empty", "label"]
    assert (tokens[0].text, tokens[1].value, tokens[1].start, tokens[8].start, tokens[8].text) == (
        "（七）总计", 21, 6, 24, "7")
    assert tokens[-1].text == "2020 年"


def test_a_line_met_again_gets_new_tokens_at_its_own_line() -> None:
    text = "商业企业\t0\t12\t\t3 万元"
    first, again = text_document("a.txt", text).lines[0], text_document("b.txt", "\n\n" + text).lines[2]
    once, twice = tokenize(first), tokenize(again)
    assert [t.line for t in once] == [0] * 5 and [t.line for t in twice] == [2] * 5
    assert [(t.kind, t.start, t.end, t.text, t.value, t.field) for t in twice] == [
        (t.kind, t.start, t.end, t.text, t.value, t.field) for t in once]
    assert not set(map(id, once)) & set(map(id, twice))


@pytest.mark.parametrize("name", sorted(p.name for p in TABLES.iterdir()))
def test_tables_laid_out_as_before_are_recognised_as_afresh(name: str) -> None:
    """An alignment is remembered by the runs' shape (linter.recognize.align): a report with the
    same layout and other numbers, lower in its file, gets the tables it gets on its own."""
    text = (TABLES / name).read_text(encoding="utf-8")
    variant = "\n\n" + re.sub(r"(?<![\d.])([1-8])(?![\d.])", lambda m: str(int(m[1]) + 1), text)
    recognize_text(text, name)
    remembered = recognize_text(variant, name)
    _known_alignments.clear()
    afresh = recognize_text(variant, name)
    assert remembered.tables and remembered.tables == afresh.tables
    assert remembered.template_evidence == afresh.template_evidence


def test_page_footer_is_not_a_single_number_cell() -> None:
    assert is_page_number("     -4-") and is_page_number("第 3 页")
    assert not is_page_number("4") and not is_page_number(" 0")


# --- tab-separated layout (2019 template) ------------------------------------------------------

@pytest.fixture(scope="module")
def tab_report():
    return recognize_fixture("tab-2019.txt")


def test_tab_layout_template_and_evidence(tab_report) -> None:
    assert tab_report.template == "2019"
    assert {e.template for e in tab_report.template_evidence} == {"2019"}
    reasons = " ".join(e.reason for e in tab_report.template_evidence)
    assert "其他对外管理服务事项" in reasons and "第二十条第(九)项" in reasons and "（六）" in reasons
    assert all(table.aligned for table in tab_report.tables.values())
    assert set(tab_report.tables) == {"二", "三", "四"}


def test_tab_layout_signed_money_and_padded_values(tab_report) -> None:
    plus = cell(tab_report, "二", "其他对外管理服务事项", "本年增/减")
    assert (plus.value, plus.kind, plus.raw, position(plus)) == (2, "signed", "+2", (16, 16, 18))
    assert plus.id == "二:其他对外管理服务事项:本年增/减"
    assert cell(tab_report, "二", "行政许可", "本年增/减").value == -1
    padded = cell(tab_report, "二", "规范性文件", "对外公开总数量")
    assert (padded.value, padded.raw, position(padded)) == (12, "12", (12, 12, 14))
    money = cell(tab_report, "二", "政府集中采购", "采购总金额")
    assert (money.value, money.kind, money.unit) == (Decimal("50.920543"), "decimal", "万元")
    assert money.raw == "50.920543 万元"
    assert len(tab_report.tables["二"].cells) == 22


def test_tab_layout_table_three_with_broken_labels(tab_report) -> None:
    three = tab_report.tables["三"]
    assert len(three.cells) == 23 * 7
    total = cell(tab_report, "三", "一", "总计")
    assert (total.value, position(total)) == (3, (33, 31, 32))
    assert cell(tab_report, "三", "（五）1", "商业企业").value == 1
    assert row_label(tab_report, "三", "（四）2").text.endswith("需要另行制作")
    assert row_label(tab_report, "三", "（三）5").text.endswith("信息")
    assert cell(tab_report, "三", "（三）6", "总计").location.line == 44
    damaged = row_label(tab_report, "三", "（三）2")
    assert damaged.text == "2. 其他法律法规禁止公开" and 80 < damaged.similarity < 100
    assert row_label(tab_report, "三", "（六）").template_year == "2019"
    assert not three.foreign_rows


def test_label_similarity_ignores_markdown_marks_and_quote_variants() -> None:
    text = fixture_text(TABLES / "tab-2019.txt")
    report = recognize_text(text.replace("3. 危及“三安全一稳定”", '**3. 危及"三安全一稳定"**'))
    label = row_label(report, "三", "（三）3")
    assert (label.text, label.similarity) == ('**3. 危及"三安全一稳定"**', 100)


def test_tab_layout_table_four_blank_cell(tab_report) -> None:
    four = tab_report.tables["四"]
    assert len(four.cells) == 15
    blank = cell(tab_report, "四", "数量", "未经复议直接起诉/尚未审结")
    assert (blank.value, blank.kind, blank.raw, blank.location.line) == (None, "blank", "", 66)
    assert cell(tab_report, "四", "数量", "未经复议直接起诉/总计").value == 2
    assert [c.template_id for c in four.column_labels][:5] == [
        "行政复议/结果维持", "行政复议/结果纠正", "行政复议/其他结果", "行政复议/尚未审结", "行政复议/总计"]


def test_placeholders_written_in_cells_are_text_cells() -> None:
    text = fixture_text(TABLES / "tab-2019.txt").replace("行政强制\t0\t0\t0", "行政强制\t—\t/\t无")
    report = recognize_text(text)
    assert report.tables["二"].aligned
    dash = cell(report, "二", "行政强制", "上一年项目数量")
    assert (dash.kind, dash.value, dash.raw, position(dash)) == ("text", None, "—", (20, 6, 7))
    assert cell(report, "二", "行政强制", "处理决定数量").raw == "无"


def test_table_lines_are_not_paragraphs(tab_report) -> None:
    texts = " ".join(p.text for p in tab_report.paragraphs)
    assert "规章" not in texts and "结果维持" not in texts and "需要另行制作" not in texts
    assert "工作人员业务水平有待提高。" in texts


# --- one cell per line (2021 template) ---------------------------------------------------------

@pytest.fixture(scope="module")
def oneline_report():
    return recognize_fixture("oneline-2021.txt")


def test_one_cell_per_line_layout(oneline_report) -> None:
    assert oneline_report.template == "2021"
    assert all(table.aligned for table in oneline_report.tables.values())
    padded = cell(oneline_report, "二", "规章", "本年制发件数")
    assert (padded.value, padded.raw, position(padded)) == (0, "0", (22, 3, 4))
    fee = cell(oneline_report, "二", "行政事业性收费", "本年收费金额")
    assert (fee.value, fee.unit, fee.raw) == (Decimal("251000"), "元", "251000元")
    assert cell(oneline_report, "三", "一", "总计").value == 6
    assert cell(oneline_report, "三", "（六）2", "自然人").value == 0
    assert len(oneline_report.tables["三"].cells) == 25 * 7
    assert cell(oneline_report, "四", "数量", "行政复议/尚未审结").value == 1


def test_a_damaged_signed_column_header() -> None:
    text = fixture_text(TABLES / "tab-2019.txt").replace("本年增/减", "本年增/", 1)
    header = next(label for label in recognize_text(text).tables["二"].column_labels if label.text == "本年增/")
    assert (header.template_id, header.location.line, header.template_year) == ("本年增/减", 14, "2019")
    assert 80 < header.similarity < 100


def test_split_and_damaged_headers_are_column_labels(oneline_report) -> None:
    columns = {label.text: label for label in oneline_report.tables["二"].column_labels}
    assert columns["本年制发件数"].template_id == "本年制发件数"
    assert columns["本年制发件数"].location.line == 13 and columns["本年制发件数"].location.end_line == 14
    assert columns["本年制发件数"].template_year == "2021"
    assert columns["现行有效件"].template_id == "现行有效件数" and columns["现行有效件"].similarity < 100
    three = {label.template_id for label in oneline_report.tables["三"].column_labels}
    assert {"自然人", "商业企业", "科研机构", "总计"} <= three


def test_rows_that_lost_columns_make_the_table_malformed() -> None:
    report = recognize_fixture("oneline-lost-columns.txt")
    three, four = report.tables["三"], report.tables["四"]
    assert not three.aligned and not four.aligned and report.tables["二"].aligned
    assert not three.cells and not four.cells
    assert "4个数值" in three.malformed[0].reason and "7列" in three.malformed[0].reason
    assert "8个数值" in four.malformed[0].reason and "15列" in four.malformed[0].reason
    assert four.malformed[0].location.line > 300


# --- Markdown pipe tables ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pipe_report():
    return recognize_fixture("pipe-2021.md")


def test_pipe_tables(pipe_report) -> None:
    assert pipe_report.template == "2021"
    first = cell(pipe_report, "二", "规章", "本年制发件数")
    assert position(first) == (12, 8, 9)
    assert cell(pipe_report, "二", "行政事业性收费", "本年收费金额").value == Decimal("1.5")
    assert cell(pipe_report, "三", "（四）1", "总计").value == 1
    blank = cell(pipe_report, "三", "（七）", "总计")
    assert (blank.kind, blank.value) == ("blank", None)
    assert len(pipe_report.tables["四"].cells) == 15


def test_pipe_cells_with_emphasis_and_line_breaks() -> None:
    text = fixture_text(TABLES / "pipe-2021.md")
    text = text.replace("| 行政处罚 | 3 |", "| 行政<br>处罚 | **3** |")
    report = recognize_text(text, "report.md")
    bold = cell(report, "二", "行政处罚", "本年处理决定数量")
    assert (bold.value, bold.raw, position(bold)) == (3, "3", (19, 16, 17))
    assert row_label(report, "二", "行政处罚").similarity == 100


def test_other_year_wording_is_marked_on_the_label(pipe_report) -> None:
    label = row_label(pipe_report, "二", "行政规范性文件")
    assert (label.text, label.template_year) == ("规范性文件", "2019")
    assert pipe_report.tables["二"].cell("行政规范性文件", "现行有效件数").value == 4


# --- PDF text laid out with spaces; a 2021 report with the 2019 （六） row ------------------------

@pytest.fixture(scope="module")
def pdf_report():
    return recognize_fixture("pdf-2021-mixed.txt")


def test_pdf_layout_mixed_template_is_aligned_with_a_foreign_row(pdf_report) -> None:
    three = pdf_report.tables["三"]
    assert pdf_report.template == "2021" and three.template == "2021" and three.aligned
    foreign = [(f.template_id, f.template_year, f.text) for f in three.foreign_rows]
    assert foreign == [("（六）", "2019", "（六）其他处理")]
    assert cell(pdf_report, "三", "（六）", "自然人").value == 5
    assert cell(pdf_report, "三", "（七）", "总计").value == 98
    assert any(e.template == "2019" and "（六）" in e.reason for e in pdf_report.template_evidence)


def test_pdf_layout_labels_split_around_numbers(pdf_report) -> None:
    partial = row_label(pdf_report, "三", "（二）")
    assert partial.text.endswith("形，不计其他情形）") and partial.similarity == 100
    assert (partial.location.line, partial.location.end_line) == (43, 45)
    assert cell(pdf_report, "三", "（二）", "总计").value == 9
    assert row_label(pdf_report, "三", "（三）2").similarity < 90
    assert cell(pdf_report, "三", "（四）2", "自然人").value == 1
    publication = cell(pdf_report, "三", "（五）3", "自然人")
    assert publication.location.line == 69
    assert row_label(pdf_report, "三", "（五）5").text.endswith("具已获取信息")


def test_pdf_layout_page_number_without_dashes_inside_a_table() -> None:
    text = fixture_text(TABLES / "pdf-2021-mixed.txt").replace(" " * 75 + "-4-", " " * 75 + "4")
    report = recognize_text(text)
    assert report.tables["三"].aligned and cell(report, "三", "（四）2", "自然人").value == 1


def test_table_four_wrapped_over_two_lines() -> None:
    text = fixture_text(TABLES / "pdf-2021-mixed.txt")
    text = text.replace("0   0   0    0   5", "0   0   0\n    0   5")
    report = recognize_text(text)
    assert report.tables["四"].aligned
    assert cell(report, "四", "数量", "复议后起诉/结果维持").value == 5


def test_pdf_layout_table_four_under_vertical_headers(pdf_report) -> None:
    four = pdf_report.tables["四"]
    assert four.aligned and len(four.cells) == 15
    assert cell(pdf_report, "四", "数量", "行政复议/结果维持").value == 10
    assert cell(pdf_report, "四", "数量", "复议后起诉/结果维持").value == 5
    assert cell(pdf_report, "四", "数量", "复议后起诉/总计").value == 0


SIX_IN_THREE_ROWS = """\
               1、申请人无正当理由逾期不补
               正、行政机关不再处理其政府信         2       0       0       0       0       0       2
               息公开申请
     （六）其
               2、申请人逾期未按收费通知要
     他处理
               求缴纳费用、行政机关不再处理         1       0       0       0       0       0       1
               其政府信息公开申请
               3、其他                          2       0       0       0       0       0       2"""


def test_pdf_layout_labels_woven_with_a_group_label() -> None:
    text = fixture_text(TABLES / "pdf-2021-mixed.txt")
    single = next(line for line in text.split("\n") if "（六）其他处理" in line)
    report = recognize_text(text.replace(single, SIX_IN_THREE_ROWS))
    three = report.tables["三"]
    assert three.aligned and not three.foreign_rows
    assert [cell(report, "三", f"（六）{i}", "总计").value for i in (1, 2, 3)] == [2, 1, 2]
    woven = row_label(report, "三", "（六）2")
    assert woven.similarity == 100 and "他处理" not in woven.text
    assert any(e.template == "2021" and "（六）1" in e.reason for e in report.template_evidence)


# --- regions: missing or repeated headings, no tables ------------------------------------------

def test_tables_found_without_section_headings() -> None:
    text = fixture_text(TABLES / "tab-2019.txt")
    for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况"):
        text = text.replace(heading + "\n", "\n")
    report = recognize_text(text)
    assert all(table.aligned for table in report.tables.values()) and set(report.tables) == {"二", "三", "四"}
    assert cell(report, "四", "数量", "未经复议直接起诉/总计").value == 2


def test_tables_found_with_a_repeated_heading() -> None:
    text = fixture_text(TABLES / "tab-2019.txt")
    text = text.replace("一、总体情况\n", "一、总体情况\n\n二、主动公开政府信息情况\n\n概述。\n", 1)
    report = recognize_text(text)
    assert all(table.aligned for table in report.tables.values())
    assert cell(report, "三", "一", "总计").value == 3


def test_a_report_without_tables() -> None:
    report = recognize_text("某镇2022年政府信息公开工作年度报告\n一、总体情况\n内容。\n"
                            "二、主动公开政府信息情况\n本年公开10条。\n")
    assert report.tables == {} and report.template is None


def test_a_missing_row_makes_the_table_malformed() -> None:
    text = fixture_text(TABLES / "tab-2019.txt")
    text = text.replace("\t\t2. 重复申请\t0\t0\t0\t0\t0\t0\t0\n", "")
    three = recognize_text(text).tables["三"]
    assert not three.aligned
    assert any("缺少" in m.reason and "重复申请" in m.reason for m in three.malformed)


# --- govlint inspect ---------------------------------------------------------------------------

def test_inspect_json_shows_tables(capsys) -> None:
    assert main(["inspect", str(TABLES / "pdf-2021-mixed.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    three = data["tables"]["三"]
    assert data["template"] == "2021" and three["aligned"] is True
    assert three["foreign_rows"][0]["template"] == "2019"
    cells = {c["id"]: c for c in three["cells"]}
    assert cells["三:一:总计"]["value"] == 96 and cells["三:一:总计"]["line"] == 40
    assert any(row.get("template_year") == "2019" for row in three["rows"])
