"""Damaged extractions (PDF to Markdown, OCR): what their damage must not produce."""

from __future__ import annotations

from conftest import recognize_text
from fixturetext import Fixture
from flatfixtures import crawler_report
from rule_helpers import CLEAN, run_rule
from tablefixtures import malformed, report_with, table_three

from linter.model import Label, Location


def relabel(table, row: str, text: str) -> None:
    index = next(i for i, lbl in enumerate(table.row_labels) if lbl.template_id == row)
    old = table.row_labels[index]
    table.row_labels[index] = Label(text, old.location, old.template_id, old.template_label, 60.0, old.template_year)


def test_a_table_reported_as_not_aligned_has_no_label_findings_from_the_damage() -> None:
    table = table_three()
    relabel(table, "（三）2", "2.其他法律行政法规禁")  # cut at a page break
    assert len(run_rule("TPL004", report_with(table))) == 1
    broken = malformed(table)
    broken.foreign_rows.append(Label("他处理", Location(30, 1, 30, 4), "（六）", "其他处理", 50.0, "2019"))
    assert run_rule("TPL004", report_with(broken)) == []
    assert len(run_rule("TPL003", report_with(broken))) == 1


def test_a_label_written_as_the_other_year_writes_it_is_still_mixed_on_a_broken_table() -> None:
    table = malformed(table_three())
    table.foreign_rows.append(Label("（六）其他处理", Location(30, 1, 30, 8), "（六）", "其他处理", 100.0, "2019"))
    [finding] = run_rule("TPL004", report_with(table))
    assert "混用了两种模板" in finding.message


def test_a_first_prose_sentence_is_not_the_title() -> None:
    text = ("正文\n2025 年某市人民政府办公厅政府信息公开\n工作年度报告\n"
            "本年度报告根据《中华人民共和国政府信息公开条例》（以\n下简称《条例》）的要求编制。\n"
            + CLEAN[CLEAN.index("\n一、总体情况"):])
    report = recognize_text(text)
    assert report.title.text.replace(" ", "") == "2025年某市人民政府办公厅政府信息公开工作年度报告"
    assert (report.title.location.line, report.title.location.end_line) == (2, 3)
    assert run_rule("SEC005", text) == []


def test_mini_table_headings_are_not_sections() -> None:
    rows = ("\n### 一、本年新收政府信息公开申请数量\n| 类别 | 数据1 | 总计 |\n|---|---|---|\n| 本年新收 | 3 | 3 |\n"
            "\n### 二、上年结转政府信息公开申请数量\n| 类别 | 数据1 | 总计 |\n|---|---|---|\n| 上年结转 | 0 | 0 |\n"
            "\n### 三、本年度办理结果\n")
    text = CLEAN.replace("三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n" + rows)
    report = recognize_text(text, "report.md")
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert not [f for code in ("SEC002", "SEC003", "SEC006") for f in run_rule(code, text, "report.md")]


def test_a_figure_the_prose_states_chooses_among_splits() -> None:
    report = recognize_text(crawler_report())
    assert report.tables["二"].cell("行政规范性文件", "本年制发件数").kind == "ambiguous"
    stated = Fixture(crawler_report()).replace("主动公开政府信息156条", "主动公开政府信息156条，发布规范性文件32件")
    report = recognize_text(stated)
    assert [c.value for (r, _), c in report.tables["二"].cells.items() if r == "行政规范性文件"] == [32, 1, 5]


def test_adjacent_cells_of_a_split_header_row_are_not_joined_into_one_header() -> None:
    from linter.model import text_document
    from linter.recognize.labels import Vocabulary, header_labels
    from linter.recognize.tokens import tokenize
    from linter.templates import all_templates

    document = text_document("r.md", "| 维持 | 纠正 | 结果 | 审结 | 尚未 | 结果 |")
    fragments = [t for t in tokenize(document.lines[0]) if t.kind == "label"]
    columns = all_templates()["2021"].tables["四"].columns
    found = header_labels(document.lines, fragments, columns, Vocabulary.of("四", all_templates()), repeat=False)
    assert "尚未结果" not in [label.text for label in found]


def test_one_written_label_taken_for_two_rows_is_one_finding() -> None:
    table = table_three()
    relabel(table, "（五）5", "行政机关不再处理其政府信息公")
    shared = next(lbl for lbl in table.row_labels if lbl.template_id == "（五）5")
    index = next(i for i, lbl in enumerate(table.row_labels) if lbl.template_id == "（六）1")
    old = table.row_labels[index]
    table.row_labels[index] = Label(shared.text, shared.location, old.template_id, old.template_label, 60.0)
    assert len(run_rule("TPL004", report_with(table))) == 1
