from __future__ import annotations

from conftest import recognize_text
from fixturetext import Fixture

REPORT = Fixture("""\
某某市某某区某某镇人民政府
2022 年政府信息公开工作年度报告

本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。

一、总体情况
内容。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议及行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
无。
""")


def test_title_body_year_from_a_title_split_over_two_lines() -> None:
    report = recognize_text(REPORT)
    assert report.title.text == "某某市某某区某某镇人民政府2022 年政府信息公开工作年度报告"
    assert report.body == "某某市某某区某某镇人民政府"
    assert report.body_kind == "town"
    assert (report.year, report.year_source) == (2022, "title")
    assert report.year_location.line == 2


def test_year_from_statistical_period_when_title_has_none() -> None:
    text = REPORT.replace("2022 年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    report = recognize_text(text)
    assert (report.year, report.year_source) == (2022, "period")


def test_six_sections_with_heading_lines_and_wording_variants() -> None:
    report = recognize_text(REPORT)
    assert [(s.number, s.heading.line) for s in report.sections] == [
        ("一", 6), ("二", 8), ("三", 9), ("四", 10), ("五", 11), ("六", 12)]
    assert report.sections[3].similarity == 100


def test_table_row_labels_with_section_numbering_are_not_headings() -> None:
    text = REPORT.replace("四、政府信息公开", "四、结转下年度继续办理\n四、政府信息公开")
    report = recognize_text(text)
    assert [s.number for s in report.sections] == list("一二三四五六")


def test_markdown_heading_level_is_recorded() -> None:
    report = recognize_text("# 某镇2020年政府信息公开工作年度报告\n## 一、总体情况\n### 二、主动公开政府信息情况\n",
                            "r.md")
    assert [(s.number, s.level) for s in report.sections] == [("一", 2), ("二", 3)]


def test_inspect_summary_gives_the_page_of_a_pdf_heading() -> None:
    from linter.inspection import report_summary
    from linter.model import Document, Line, Segment
    from linter.recognize import recognize

    texts = ["某镇2022年政府信息公开工作年度报告", "一、总体情况", "内容。"]
    lines = [Line(i, text, (Segment(0, i + 5, 1, page=2),)) for i, text in enumerate(texts)]
    summary = report_summary(recognize(Document("r.pdf", lines, format="pdf")))
    assert "章节: 一@p2:6" in summary
