"""`--format html`: the supervisor's report page — structure, counts, places, escaping, no-JS reading."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from cisupport import GOOD
from htmlpage import REPORT, Element, parse, write_page

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.formatters import Output
from linter.formatters.html import page
from linter.model import Location, Report, text_document

HOSTILE = '<script>alert("坏数据")</script>'


@pytest.fixture
def checked(tmp_path, monkeypatch, capsys, demo_rules) -> Element:
    """The page for three files: one with findings (its name needs escaping), one clean, one unreadable."""
    monkeypatch.chdir(tmp_path)
    files = {"a<b>&c.txt": REPORT + HOSTILE + "\n", "clean.md": GOOD, "broken.docx": b"not a zip"}
    page_path, code = write_page(capsys, tmp_path, files)
    assert code == 2  # the unreadable file; the page is written all the same
    return parse(page_path.read_text(encoding="utf-8"))


def rows(table: Element) -> list[list[str]]:
    return [[cell.text.strip() for cell in row.find_all() if cell.tag in ("th", "td")]
            for row in table.find_all("tr")]


def test_summary_counts_files_severities_and_codes(checked) -> None:
    summary = checked.find("section", id="summary")
    assert "检查文件 3 个，其中有错误的 1 个，无法读取的 1 个。" in summary.text
    assert "共发现 5 个问题（错误 3，警告 1，提示 1）。" in summary.text
    assert rows(summary.find("table", "severities")) == [["错误", "3"], ["警告", "1"], ["提示", "1"]]
    assert rows(summary.find("table", "codes"))[1:] == [
        ["DEMO001", "错误", "2", "报告中出现“坏数据”。"],
        ["DEMO002", "警告", "1", "报告中出现“可疑”。"],
        ["DEMO003", "错误", "1", "发文字号年份应使用六角括号〔〕。"],
        ["DEMO004", "提示", "1", "报告中出现“备注”。"],
    ]
    assert rows(checked.find("section", id="files").find("table"))[1:] == [
        ["a<b>&c.txt", "3", "1", "1"], ["clean.md", "0", "0", "0"], ["broken.docx", "无法读取"]]
    assert "broken.docx: not a readable .docx file" in checked.find("section", id="unread").text


def test_each_finding_shows_code_severity_place_message_and_the_marked_span(checked) -> None:
    (section,) = checked.find_all("section", "file")
    assert section.find("h3").text == "a<b>&c.txt"
    findings = section.find_all("li", "finding")
    assert [(f.attrs["data-code"], f.attrs["data-severity"]) for f in findings] == [
        ("DEMO001", "error"), ("DEMO002", "warning"), ("DEMO003", "error"), ("DEMO004", "info"),
        ("DEMO001", "error")]
    first = findings[0]
    head = (first.find(cls="sev").text, first.find("code").text, first.find(cls="where").text)
    assert head == ("错误", "DEMO001", "5:4")
    assert first.find(cls="message").text == "出现“坏数据”"
    assert first.find("pre").text == "5表中有坏数据，可疑。"
    assert first.find("mark").text == "坏数据"


def test_report_text_cannot_inject_markup(checked) -> None:
    hostile = checked.find_all("li", "finding")[-1]
    assert hostile.find("pre").text == "8" + HOSTILE  # shown as text…
    assert hostile.find("mark").text == "坏数据"
    assert len(checked.find_all("script")) == 1  # …and the page's own script is the only one
    assert not checked.find_all("b")


def test_page_reads_without_javascript_and_allows_only_its_own_style_and_script(checked) -> None:
    assert "hidden" in checked.find("form", id="filter").attrs  # useless without JS
    assert not [f for f in checked.find_all("li", "finding") if "hidden" in f.attrs]
    policy = checked.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    for tag in ("style", "script"):
        digest = base64.b64encode(hashlib.sha256(checked.find(tag).text.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert policy.startswith("default-src 'none';")
    assert not [e for e in checked.iter() if e.attrs.get("src") or e.attrs.get("style")]


def test_attributes_and_messages_from_plugins_are_escaped() -> None:
    d = Diagnostic('X1" onclick="alert(1)', Severity.ERROR, "<img src=x onerror=alert(1)>", "r.txt",
                   Location(1, 1, 1, 2))
    tree = parse(page(Output([FileResult("r.txt", [d])])))
    finding = tree.find("li", "finding")
    assert finding.attrs["data-code"] == 'X1" onclick="alert(1)' and "onclick" not in finding.attrs
    assert finding.find(cls="message").text == "<img src=x onerror=alert(1)>"
    assert not tree.find_all("img")
    assert tree.find("table", "codes").find("a").attrs["href"] == "#code=X1%22%20onclick%3D%22alert%281%29"


def test_pdf_and_docx_findings_name_their_place_instead_of_a_source_line() -> None:
    located = [Diagnostic("P1", Severity.ERROR, "m", "r.pdf", Location(3, 1, 3, 5, page=2)),
               Diagnostic("D1", Severity.WARNING, "m", "r.docx",
                          Location(1, 1, 1, 2, logical="表三（第3个表格）/第5行/第2列"))]
    tree = parse(page(Output([FileResult("r.pdf", located[:1]), FileResult("r.docx", located[1:])])))
    assert [w.text for w in tree.find_all(cls="where")] == ["3:1 · 第2页", "1:1 · 表三（第3个表格）/第5行/第2列"]
    assert not tree.find_all("pre")


def test_a_long_source_line_is_cut_around_the_span() -> None:
    text = "甲" * 300 + "坏数据" + "乙" * 300
    document = text_document("long.txt", text)
    d = Diagnostic("X1", Severity.ERROR, "m", "long.txt", Location(1, 301, 1, 304))
    pre = parse(page(Output([FileResult("long.txt", [d], report=Report(document))]))).find("pre")
    assert pre.text == "1…" + "甲" * 60 + "坏数据" + "乙" * 60 + "…"
    assert pre.find("mark").text == "坏数据"


def test_a_clean_run_says_so_and_has_nothing_to_filter() -> None:
    tree = parse(page(Output([FileResult("ok.txt")])))
    assert tree.find("section", id="findings").find("p").text == "未发现问题。"
    assert not tree.find_all("form") and not tree.find_all("script")
    assert re.search(r"检查文件 1 个，其中有错误的 0 个，无法读取的 0 个。", tree.find("section", id="summary").text)


@pytest.fixture(scope="module")
def docx_page(tmp_path_factory) -> Element:
    """The page for a Word report with a wrong total in 表三 and a garbled date, beside a clean one."""
    pytest.importorskip("docx")
    from loader_report import BLOCKS, with_wrong_total, write_docx

    from linter.cli import main

    folder = tmp_path_factory.mktemp("docx-page")
    garbled = "本报告中所列数据的统计时限为202311日至20231231日。"
    write_docx(folder / "a-clean.docx")
    write_docx(folder / "b-wrong.docx", [(k, garbled if c == BLOCKS[1][1] else c) for k, c in with_wrong_total()])
    (folder / "govlint.toml").write_text("", encoding="utf-8")
    main(["check", str(folder), "--format", "html", "--exit-zero", "-o", str(folder / "page.html")])
    return parse((folder / "page.html").read_text(encoding="utf-8"))


def test_the_bad_cell_of_table_three_is_drawn_with_the_template_headers_and_linked(docx_page) -> None:
    (section,) = docx_page.find_all("section", "file")
    grid = section.find_all("table", "grid")[0]
    assert grid.attrs["data-table"] == "三" and grid.find("caption").text == "表三"
    header = [cell.text for cell in grid.find_all("tr")[0].find_all("th")]
    assert header == ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    (bad,) = grid.find_all("td", "bad")
    row = next(tr for tr in grid.find_all("tr") if bad in tr.find_all("td"))
    assert row.find_all("th")[0].text == "（七）总计" and bad.find_all("a")[0].text == "14"
    linked = {a.attrs["href"][1:] for a in bad.find_all("a")}
    findings = {li.attrs["id"]: li for li in section.find_all("li", "finding")}
    assert {findings[i].attrs["data-code"] for i in linked} == {"SUM001"}
    back = findings[bad.find_all("a")[0].attrs["href"][1:]].find("a", "to-cell")
    assert back.attrs["href"] == "#" + bad.attrs["id"]  # and back from the finding to the cell


def test_docx_findings_show_the_paragraph_or_the_table_row_and_the_report_facts(docx_page) -> None:
    (section,) = docx_page.find_all("section", "file")
    assert section.find(cls="facts").text == ("标题某某市某某区某某镇人民政府2023年政府信息公开工作年度报告；"
                                              "机关某某市某某区某某镇人民政府；年度2023；模板2021年版")
    date = next(li for li in section.find_all("li", "finding") if li.attrs["data-code"] == "DAT001")
    assert date.find("pre").text == "本报告中所列数据的统计时限为202311日至20231231日。"
    assert date.find("mark").text == "202311日"
    total = next(li for li in section.find_all("li", "finding") if li.attrs["data-code"] == "SUM001")
    assert total.find("pre").text.strip() == "（七）总计  10 2 0 0 1 0 14" and total.find("mark").text == "14"
    assert "表三（第2个表格）/第27行/第10列" in total.find(cls="where").text


def test_reports_are_listed_worst_first_and_counted_per_body_and_year(docx_page) -> None:
    files = [row.find_all("td")[0].text for row in docx_page.find("section", id="files").find_all("tr")[1:]]
    assert files[0].endswith("b-wrong.docx") and files[1].endswith("a-clean.docx")
    bodies = [[c.text for c in tr.find_all("td")] for tr in docx_page.find("table", "bodies").find_all("tr")[1:]]
    # one body, one year, two reports, the three errors of b-wrong (the two copies may also be a copy warning)
    assert [row[:4] for row in bodies] == [["某某市某某区某某镇人民政府", "2023", "2", "3"]]
