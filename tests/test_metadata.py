"""The page metadata block a crawler writes before the report (recognize/metadata.py)."""

from __future__ import annotations

from conftest import recognize_text
from fixturetext import Fixture
from rule_helpers import CLEAN, run_rule, text_at

TITLE = "某县某某镇人民政府2023年政府信息公开工作年度报告"
HEAD = Fixture(f"标题: {TITLE}\n发布时间: 2024-01-15 17:29\n文号: \n发布机构: 某县某某镇人民政府\n"
                "栏目: 政府信息公开年报\n原文链接: https://www.example.gov.cn/a/t20240115_1.htm\n"
                "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n")


def test_block_values_and_locations() -> None:
    text = HEAD + CLEAN
    report = recognize_text(text)
    assert report.metadata_lines == (0, 7)
    published = report.metadata["发布时间"]
    assert published.value == "2024-01-15 17:29"
    assert (published.location.line, published.location.column) == (2, 7)
    assert report.metadata["文号"].value == ""
    assert list(report.metadata)[:4] == ["标题", "发布时间", "文号", "发布机构"]
    # The report's own title wins over the page's.
    assert report.title.location.line == 9


def test_block_is_not_web_residue_but_chrome_after_it_is() -> None:
    text = HEAD + "您当前位置：首页 > 政务公开 > 政府信息公开年报\n" + CLEAN
    [finding] = run_rule("FMT001", text)
    assert text_at(text, finding).startswith("您当前位置")


def test_block_lines_are_not_paragraphs() -> None:
    report = recognize_text(HEAD + CLEAN)
    assert all(p.lines[0] > 7 for p in report.paragraphs)


def test_title_and_body_from_the_block_when_the_report_has_none() -> None:
    body = CLEAN[CLEAN.index("\n") + 1:]
    text = HEAD.replace("发布机构: 某县某某镇人民政府", "发布机构: ") + body
    report = recognize_text(text)
    assert (report.title.text, report.title.location.line, report.year) == (TITLE, 1, 2023)
    assert report.body == "某县某某镇人民政府"
    publisher_only = HEAD.replace(f"标题: {TITLE}\n", "") + body
    assert recognize_text(publisher_only).body == "某县某某镇人民政府"


def test_block_without_separator_ends_at_its_last_key() -> None:
    text = f"发布时间：2024-01-15\n索引号：000/2024-00001\n来源：某县某某镇\n\n{CLEAN}"
    report = recognize_text(text)
    assert (report.metadata_lines, report.metadata["来源"].value) == ((0, 2), "某县某某镇")
    assert run_rule("FMT001", text) == []


def test_one_key_line_or_keys_after_the_title_are_not_a_block() -> None:
    assert recognize_text("来源：某县某某镇\n" + CLEAN).metadata == {}
    title, rest = CLEAN.split("\n", 1)
    text = f"{title}\n发布时间：2024-01-15\n发布机构：某县某某镇\n{rest}"
    assert recognize_text(text).metadata == {}
    assert run_rule("FMT001", text) != []
