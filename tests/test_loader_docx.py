from __future__ import annotations

import sys

import pytest
from conftest import recognize_text
from loader_report import TITLE, as_text, assert_same_cells, text_lines, write_docx

from linter.errors import InputError
from linter.loaders import load, load_bytes
from linter.recognize import recognize

pytest.importorskip("docx")


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(path)
    return str(path)


def test_paragraphs_and_merged_table_cells_give_the_lines_of_the_text_copy(report_docx: str) -> None:
    assert [line.text for line in load(report_docx).lines] == text_lines()


def test_every_cell_of_tables_two_to_four_equals_the_text_copy(report_docx: str) -> None:
    assert_same_cells(recognize(load(report_docx)), recognize_text(as_text()))


def test_recognised_title_year_and_sections_equal_those_of_the_text_copy(report_docx: str) -> None:
    docx_report = recognize(load(report_docx))
    text_report = recognize_text(as_text())
    assert docx_report.title.text == text_report.title.text == TITLE
    assert docx_report.year == text_report.year == 2023
    assert [s.number for s in docx_report.sections] == [s.number for s in text_report.sections]


def test_locations_name_the_paragraph_and_the_table_cell(report_docx: str) -> None:
    document = load(report_docx)
    heading = next(line for line in document.lines if line.text == "一、总体情况").locate()
    assert (heading.line, heading.column, heading.logical) == (3, 1, "第3段")
    row = next(line for line in document.lines if line.text.startswith("一、本年新收"))
    total = row.locate(len(row.text) - 2, len(row.text))  # the row's 总计, "13"
    # table 2 (三), row 4: the label merged over grid columns 1-3, then 自然人 … 总计 in columns 4-10
    assert total.logical == "第2个表格/第4行/第10列"
    assert row.locate(0, 2).logical == "第2个表格/第4行/第1-3列"
    # a table cell's line is the body paragraph before the table: paragraphs in cells are not counted
    before_table = max(line.locate().line for line in document.lines if line.locate().logical.endswith("段")
                       and line.index < row.index)
    assert total.line == before_table


def test_a_blank_cell_after_merged_header_cells_is_named_by_its_grid_column(tmp_path) -> None:
    import docx

    from linter.loaders.docx import TablePlace, table_place

    document = docx.Document()
    document.add_paragraph("某某县2023年政府信息公开工作年度报告")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=5)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "行政复议"  # merged header over two columns
    table.cell(0, 2).merge(table.cell(0, 4)).text = "行政诉讼"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "结果"  # merged down over two rows
    for column, text in ((1, "1"), (2, "2"), (4, "4")):
        table.cell(1, column).text = text
    table.cell(2, 1).text = "5"  # row 3: column 3 stays blank after the vertically merged cell
    table.cell(2, 3).text = "7"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    lines = [line for line in load(str(path)).lines if line.text]
    assert [line.text for line in lines[1:]] == ["行政复议\t\t行政诉讼\t\t", "结果\t1\t2\t\t4", "\t5\t\t7\t"]
    header, second, third = lines[1:]
    assert header.locate(len("行政复议\t\t"), len("行政复议\t\t行政诉讼")).logical == "第1个表格/第1行/第3-5列"
    assert table_place(header.locate(0, 1).logical) == TablePlace(1, 1, 1, 2)
    assert second.locate(len(second.text) - 1).logical == "第1个表格/第2行/第5列"
    assert third.locate(third.text.index("7")).logical == "第1个表格/第3行/第4列"
    blank = third.text.index("\t\t") + 1  # the blank cell between the tabs, after 5
    assert third.locate(blank, blank).logical == "第1个表格/第3行/第3列"
    assert third.locate(0, 0).logical == "第1个表格/第3行/第1列"  # the merged-away position
    assert lines[0].locate().logical == "第1段" and header.locate().line == 2


def test_missing_python_docx_names_the_extra(monkeypatch, report_docx: str) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(InputError, match=r"govlint\[docx\]"):
        load(report_docx)


def test_a_file_that_is_not_a_docx_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a readable .docx"):
        load_bytes("report.docx", b"plain text, not a zip archive")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING = f"""<w:root xmlns:w="{_W}">
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num></w:root>"""


def _number(paragraph, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def test_word_list_numbering_is_written_before_the_heading(tmp_path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract, num = list(parse_xml(_NUMBERING))
    numbering.insert(0, abstract)  # abstract definitions come before the w:num elements
    numbering.append(num)
    document.add_paragraph("某某县2023年政府信息公开工作年度报告")
    for level, text in [(0, "总体情况"), (1, "主动公开"), (1, "依申请公开"), (0, "主动公开政府信息情况"), (1, "规章")]:
        _number(document.add_paragraph(text), level)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    lines = [line.text for line in load(str(path)).lines if line.text]
    assert lines[1:] == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（一）规章"]
    assert [s.number for s in recognize(load(str(path))).sections] == ["一", "二"]


@pytest.mark.parametrize(("value", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"),
                                             (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting_matches_word(value: int, text: str) -> None:
    from linter.loaders.docxnumbering import chinese_number

    assert chinese_number(value) == text


def test_tracked_changes_are_read_accepted_and_content_controls_are_read(tmp_path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某某县2023年政府信息公开工作年度报告")
    revised = document.add_paragraph("全年主动公开政府信息")
    revised._p.append(parse_xml(
        f'<w:ins xmlns:w="{_W}" w:id="1" w:author="a"><w:r><w:t>215</w:t></w:r></w:ins>'))
    revised._p.append(parse_xml(
        f'<w:del xmlns:w="{_W}" w:id="2" w:author="a"><w:r><w:delText>200</w:delText></w:r></w:del>'))
    revised.add_run("条。")
    wrapped = document.add_paragraph("六、其他需要报告的事项")
    control = parse_xml(f'<w:sdt xmlns:w="{_W}"><w:sdtPr/><w:sdtContent/></w:sdt>')
    wrapped._p.addprevious(control)
    control[1].append(wrapped._p)
    path = tmp_path / "revised.docx"
    document.save(str(path))
    lines = [line.text for line in load(str(path)).lines if line.text]
    assert lines == ["某某县2023年政府信息公开工作年度报告", "全年主动公开政府信息215条。", "六、其他需要报告的事项"]
