from __future__ import annotations

import sys

import pytest
from conftest import SHARED, recognize_text
from loader_report import (
    TABLE_4,
    TITLE,
    as_text,
    assert_same_cells,
    grid,
    needs_cjk_font,
    text_lines,
    write_pdf,
    write_rotated_table_pdf,
)

from linter.checker import check_file
from linter.errors import InputError
from linter.loaders import load, load_bytes
from linter.recognize import recognize
from linter.settings import Settings

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(path)
    return str(path)


def _fields(line: str) -> list[str]:
    return [field for field in line.split("\t") if field]


@needs_cjk_font
def test_table_rows_are_tab_joined_cells_as_in_the_text_copy(report_pdf: str) -> None:
    """Each page's part of a table has the columns drawn on that page, so only the empty fields
    of merged labels may differ from the text copy; the cells are the same, in order. (Rows of a
    single cell, "第二十条第（一）项", are written as text when they come before a table's first row.)"""
    pdf_rows = [_fields(line.text) for line in load(report_pdf).lines if len(_fields(line.text)) > 1]
    text_rows = [_fields(line) for line in text_lines() if len(_fields(line)) > 1]
    assert pdf_rows == text_rows


@needs_cjk_font
def test_wrapped_and_vertical_cell_labels_are_joined(report_pdf: str) -> None:
    texts = [line.text for line in load(report_pdf).lines]
    assert any(t.startswith("三、本年度办理结果\t（一）予以公开\t") for t in texts)  # one character per line in the PDF
    assert any("\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t" in t for t in texts)


def test_every_cell_of_tables_two_to_four_equals_the_text_copy(report_pdf: str) -> None:
    assert_same_cells(recognize(load(report_pdf)), recognize_text(as_text()))


def test_recognised_title_year_and_sections_equal_those_of_the_text_copy(report_pdf: str) -> None:
    pdf_report = recognize(load(report_pdf))
    text_report = recognize_text(as_text())
    assert pdf_report.title.text == text_report.title.text == TITLE
    assert pdf_report.year == text_report.year == 2023
    assert [s.number for s in pdf_report.sections] == [s.number for s in text_report.sections]


def test_locations_give_page_and_line_on_the_page(report_pdf: str) -> None:
    document = load(report_pdf)
    title = document.lines[0].locate()
    assert (title.page, title.line) == (1, 1)
    review = next(line for line in document.lines if line.text.startswith("1\t0\t0\t0\t1\t"))
    location = review.locate(0, 1)
    assert location.page == 2 and location.column == 1
    lines_on_page = [line for line in document.lines if line.text and line.locate().page == 2]
    assert location.line == lines_on_page.index(review) + 1


def test_scanned_pdf_is_one_diagnostic(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    write_pdf(path, text_layer=False)
    result = check_file(str(path), Settings())
    assert result.error is None
    assert [(d.code, d.location.page) for d in result.diagnostics] == [("PARSE001", 1)]
    assert "OCR" in result.diagnostics[0].message


def test_damaged_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        load_bytes("report.pdf", b"%PDF-1.7\n garbage")


def test_missing_pypdfium2_names_the_extra(monkeypatch, report_pdf: str) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(InputError, match=r"govlint\[pdf\]"):
        load(report_pdf)


REPORTS = SHARED / "reports"
needs_reports = pytest.mark.skipif(not (REPORTS / "hongze-2023.pdf").exists(), reason="shared reports absent")


@needs_reports
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_published_pdf_is_recognised_like_its_pdftotext_copy(name: str) -> None:
    pdf_report = recognize(load(str(REPORTS / f"{name}.pdf")))
    text_report = recognize(load(str(REPORTS / f"{name}.txt")))
    assert pdf_report.title.text.replace(" ", "") == text_report.title.text.replace(" ", "")
    assert (pdf_report.year, pdf_report.body) == (text_report.year, text_report.body)
    assert [s.number for s in pdf_report.sections] == [s.number for s in text_report.sections] == list("一二三四五六")
    assert_same_cells(pdf_report, text_report)


@needs_reports
def test_hongze_2023_review_table_is_on_page_4() -> None:
    document = load(str(REPORTS / "hongze-2023.pdf"))
    row = next(line for line in document.lines if line.text.startswith("10\t1\t"))
    assert row.text == "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0"
    assert row.locate().page == 4


def test_table_without_drawn_lines_stays_as_layout_text(tmp_path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "plain.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("STSong-Light", 12)
    for y, cells in ((700, ("信息内容", "本年制发件数", "本年废止件数")), (680, ("规章", "2", "10"))):
        for x, text in zip((60, 250, 400), cells, strict=True):
            page.drawString(x, y, text)
    page.drawString(84, 650, "正文第一段。")
    page.save()
    lines = [line.text for line in load(str(path)).lines if line.text]
    assert [line.split() for line in lines[:2]] == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "2", "10"]]
    assert "  " in lines[1] and "\t" not in lines[1]
    assert lines[2] == "    正文第一段。"  # indented by two characters: four half-character spaces


def _findings(path) -> list[tuple[str, str]]:
    return sorted((d.code, d.message) for d in check_file(str(path), Settings()).diagnostics)


@needs_reports
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_published_pdf_gives_the_findings_of_its_pdftotext_copy(name: str) -> None:
    assert _findings(REPORTS / f"{name}.pdf") == _findings(REPORTS / f"{name}.txt")
    if name == "hongze-2023":
        review = [d for d in check_file(str(REPORTS / f"{name}.pdf"), Settings()).diagnostics if d.code == "SUM004"]
        assert [(d.location.page, d.cell.column) for d in review] == [(4, "行政复议/总计"), (4, "复议后起诉/总计")]


def test_password_protected_pdf_is_an_input_error_saying_so(tmp_path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt="secret")
    page.drawString(100, 700, "report")
    page.save()
    with pytest.raises(InputError, match="password-protected"):
        load(str(path))


@needs_cjk_font
def test_landscape_page_rotated_for_display_is_read_upright(tmp_path) -> None:
    path = tmp_path / "landscape.pdf"
    write_rotated_table_pdf(path, TABLE_4)
    assert [line.text for line in load(str(path)).lines] == ["\t".join(row) for row in grid(TABLE_4)]


def test_picture_only_pages_inside_the_report_are_one_warning_each_run(tmp_path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "partly-scanned.pdf"
    page = canvas.Canvas(str(path))
    for text in ("一、总体情况", None, None, "五、存在的主要问题及改进情况", None):  # the last: the seal
        if text:
            page.setFont("STSong-Light", 12)
            page.drawString(80, 700, text)
        else:
            page.rect(50, 50, 400, 600, fill=1)
        page.showPage()
    page.save()
    findings = [(d.code, d.location.page, d.message) for d in check_file(str(path), Settings()).diagnostics
                if d.code.startswith("PARSE")]
    assert findings == [("PARSE002", 2, "第2–3页没有文字层（可能是扫描的图片），其中的内容未能检查")]


def test_no_text_layer_is_a_known_code_that_can_be_ignored(tmp_path, capsys) -> None:
    from linter.cli import main

    path = tmp_path / "scan.pdf"
    write_pdf(path, text_layer=False)
    assert main(["check", "--ignore", "PARSE001", str(path)]) == 0
    assert main(["rule", "PARSE001"]) == 0
    assert "OCR" in capsys.readouterr().out


def test_a_gap_or_indent_of_a_damaged_pdf_is_bounded() -> None:
    # A fuzzed PDF (a font size near zero, a character far off the page) wrote a line of 1.4 million
    # spaces, and its two pages 80 million characters that took minutes to check.
    from linter.loaders.pdf import _MAX_SPACES, _line_text

    def char(text: str, x0: float, size: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + size, "size": size}

    line = _line_text([char("一", 1e9, 0.001), char("二", 3e9, 0.001)], margin=1.0)
    assert line == " " * _MAX_SPACES + "一" + " " * _MAX_SPACES + "二"
    assert _line_text([char("一", 90.0, 10.0), char("二", 200.0, 10.0)], margin=72.0) == "    一" + " " * 20 + "二"


def test_a_page_with_more_characters_than_a_page_can_hold_is_refused(monkeypatch, report_pdf: str) -> None:
    import linter.loaders.pdf as pdf

    monkeypatch.setattr(pdf, "MAX_PAGE_CHARACTERS", 50)
    with pytest.raises(InputError, match=r"refused: page 1 holds [\d,]+ characters, more than the 50 a report's page"):
        load(report_pdf)


def test_a_page_with_more_lines_than_a_page_can_hold_is_refused(monkeypatch, report_pdf: str) -> None:
    import linter.loaders.pdf as pdf

    assert len(load(report_pdf).lines) > 3
    monkeypatch.setattr(pdf, "MAX_PAGE_LINES", 3)
    with pytest.raises(InputError, match=r"refused: page 1 holds [\d,]+ lines, more than the 3 a report's page"):
        load(report_pdf)
