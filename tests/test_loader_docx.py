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
