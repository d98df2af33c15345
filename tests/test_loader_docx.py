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
    assert (heading.line, heading.column, heading.logical) == (3, 1, "段落3")
    row = next(line for line in document.lines if line.text.startswith("一、本年新收"))
    total = row.locate(len(row.text) - 2, len(row.text))  # the row's 总计, "13"
    # table 2 (三), row 4; the label merged over three grid columns counts as one cell
    assert total.logical == "表2/行4/格8"
    label = row.locate(0, 2)
    assert label.logical == "表2/行4/格1" and label.line < total.line


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
