from __future__ import annotations

import pytest
from conftest import recognize_text
from fixturetext import Fixture
from loader_report import TITLE, as_html, as_text, assert_same_cells, text_lines

from linter.errors import InputError
from linter.loaders import load_bytes
from linter.recognize import recognize


def _lines(html: str | bytes) -> list[str]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return [line.text for line in load_bytes("report.html", data).lines]


def _source_at(html: str, location, length: int) -> str:
    line = html.split("\n")[location.line - 1]
    return line[location.column - 1:location.column - 1 + length]


def test_page_gives_the_lines_of_the_text_copy_without_page_chrome() -> None:
    lines = _lines(as_html())
    assert lines == text_lines()
    chrome = ("当前位置", "发布时间", "分享到", "主办单位", "2022年", "首页", "var a")
    assert not [line for line in lines if any(word in line for word in chrome)]


def test_every_cell_of_tables_two_to_four_equals_the_text_copy() -> None:
    assert_same_cells(recognize(load_bytes("report.html", as_html().encode())), recognize_text(as_text()))


def test_recognised_title_year_and_sections_equal_those_of_the_text_copy() -> None:
    html_report = recognize(load_bytes("report.html", as_html().encode()))
    text_report = recognize_text(as_text())
    assert html_report.title.text == text_report.title.text == TITLE
    assert (html_report.year, html_report.body) == (text_report.year, text_report.body)
    assert (text_report.year, text_report.body) == (2023, "某某市某某区某某镇人民政府")
    assert [s.number for s in html_report.sections] == [s.number for s in text_report.sections] == list("一二三四五六")


def test_locations_are_line_and_column_in_the_html_source() -> None:
    html = as_html()
    document = load_bytes("report.html", html.encode())
    assert document.source_text == html  # the full output shows the source line under a finding
    title = document.lines[0].locate()
    assert _source_at(html, title, len(TITLE)) == TITLE
    row = next(line for line in document.lines if line.text.startswith("一、本年新收"))
    start = row.text.index("\t13")  # the row's 总计 cell
    cell = row.locate(start + 1, start + 3)
    assert _source_at(html, cell, 2) == "13"
    assert cell.end_column == cell.column + 2


def test_rowspan_and_colspan_are_expanded_onto_the_grid() -> None:
    html = """<body><h1>某某县2023年政府信息公开工作年度报告</h1><table>
    <tr><td rowspan=2 colspan=2>甲</td><td colspan=2>乙</td></tr>
    <tr><td>丙<br>一</td><td>丁</td></tr>
    <tr><td rowspan=2>戊</td><td>己</td><td>1</td><td>2</td></tr>
    <tr><td>庚</td><td>3</td><td>4</td></tr><caption>表一</caption></table></body>"""
    assert _lines(html)[2:] == ["表一", "", "甲\t\t乙\t", "\t\t丙一\t丁", "戊\t己\t1\t2", "\t庚\t3\t4"]


def test_gbk_page_is_decoded_from_its_meta_charset_or_detected() -> None:
    page = as_html(charset="gb2312").encode("gbk")
    assert load_bytes("report.htm", page).encoding == "gb18030"
    assert _lines(page) == text_lines()
    undeclared = Fixture(as_html(charset="")).replace("; charset=", "").encode("gbk")
    assert _lines(undeclared) == text_lines()
    saved_as_utf8 = as_html(charset="gb2312").encode("utf-8")  # a browser's copy keeps the old meta
    assert _lines(saved_as_utf8) == text_lines()


def test_entities_keep_later_columns_exact_and_tag_soup_is_closed_like_a_browser() -> None:
    html = ("<div><p>一、总体情况&nbsp;A&amp;B 统计\n<p>第二段"
            "<table><tr><td>规章<td>0<tr><td>行政规范性文件<td>5</table></div>")
    document = load_bytes("r.html", html.encode())
    expected = ["一、总体情况\xa0A&B 统计", "", "第二段", "", "规章\t0", "行政规范性文件\t5"]
    assert [line.text for line in document.lines] == expected
    first = document.lines[0]
    assert first.locate(first.text.index("统计")).column == html.index("统计") + 1
    assert first.locate(first.text.index("B")).column == html.index("B") + 1


def test_article_inside_a_layout_table_is_read_as_paragraphs() -> None:
    article = "".join(f"<p>第{i}段。{'内容' * 40}</p>" for i in range(5))
    html = (f"<table><tr><td><a href=/>首页</a></td></tr><tr><td><h2>{TITLE}</h2>{article}"
            "<table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>")
    lines = [line for line in _lines(html) if line]
    assert lines[0] == TITLE
    assert lines[1].startswith("第0段。") and "\t" not in lines[1]
    assert lines[-1] == "规章\t0"


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no report text"):
        load_bytes("empty.html", b"<html><body><script>x()</script></body></html>")


WORD_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt} --></style></head>
<body lang=ZH-CN>
<div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:22.0pt'>某某县人民政府<br>
2023年政府信息公开工作年度报告<o:p></o:p></span></b></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>本报告统计期限自<span lang=EN-US>2023</span>年<span
lang=EN-US>1</span>月<span lang=EN-US>1</span>日起至<span lang=EN-US>2023</span>年<span lang=EN-US>12</span>月<span
lang=EN-US>31</span>日止。<o:p></o:p></span></p>
<p class=MsoNormal><![if !supportLists]><span>一、</span><![endif]><span>总体情况<o:p></o:p></span></p>
<table class=MsoNormalTable border=1 cellspacing=0>
 <tr><td colspan=4><p class=MsoNormal align=center><span>第二十条第（一）项<o:p></o:p></span></p></td></tr>
 <tr><td><p class=MsoNormal><span>信息<br>内容</span></p></td><td><p class=MsoNormal>本年<br>制发件数</p></td>
  <td><p class=MsoNormal>本年废止件数</p></td><td><p class=MsoNormal>现行有效件数</p></td></tr>
 <tr><td><p class=MsoNormal>规章</p></td>
  <td><p class=MsoNormal align=center><span lang=EN-US>0<o:p></o:p></span></p></td>
  <td><p class=MsoNormal><span lang=EN-US>&nbsp;0&nbsp;</span></p></td><td><p class=MsoNormal>0</p></td></tr>
</table>
</div></body></html>"""


def test_word_exported_page_reads_like_the_document() -> None:
    document = load_bytes("word.htm", WORD_EXPORT.encode("gbk"))
    lines = [line.text for line in document.lines if line.text]
    assert lines == [
        "某某县人民政府", "2023年政府信息公开工作年度报告",
        "本报告统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
        "第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0",
    ]
    report = recognize(document)
    assert (report.title.text, report.year) == ("某某县人民政府2023年政府信息公开工作年度报告", 2023)
    assert [s.number for s in report.sections] == ["一"]


def test_article_is_found_beside_a_sidebar_of_plain_text() -> None:
    notices = "".join(f"<p>通知公告第{i}条：关于做好本年度防汛工作的通知全文摘要。</p>" for i in range(25))
    page = Fixture(as_html()).replace('<div class="side">', f'<div class="side">{notices}')
    lines = _lines(page)
    assert lines == text_lines()


def test_only_the_title_the_article_and_what_stands_between_are_read() -> None:
    article = "".join(f"<p>{kind}、{title}</p><p>内容。</p>" for kind, title in
                      zip("一二三四五六", ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                         "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
                                         "其他需要报告的事项"), strict=True))
    page = (f"<body><div class=main><div class=hot>热点：全市防汛工作部署会召开</div><h1>{TITLE}</h1>"
            f"<div class=meta>本文由镇政府办提供</div><div id=zoom>{article}</div>"
            "<div class=side>通知公告：关于开展春季植树活动的通知，请各村居做好准备。</div></div></body>")
    lines = [line for line in _lines(page) if line]
    assert lines[:3] == [TITLE, "本文由镇政府办提供", "一、总体情况"]
    assert lines[-1] == "内容。"
