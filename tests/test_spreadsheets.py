"""`--format csv` and `--format xlsx`: read back with the csv module and openpyxl, and converted by
headless LibreOffice (that test is skipped when LibreOffice Calc is not installed)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from office import CALC, convert, soffice_with

from linter.cli import main
from linter.diagnostics import CellRef, Diagnostic, Severity
from linter.engine import FileResult, ReportInfo
from linter.formatters import Output
from linter.formatters.csv import write_csv
from linter.formatters.rows import FINDING_COLUMNS
from linter.model import Location

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example reports and an unreadable file, checked from the folder above them."""
    shutil.copytree(EXAMPLES, tmp_path / "reports")
    (tmp_path / "reports" / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["check", "--exit-zero", *args, "reports"])
    return capsys.readouterr().out


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel and WPS read the Chinese text as UTF-8 only with it
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_finding_with_the_report_it_belongs_to(folder: Path, capsys) -> None:
    findings = json.loads(_check(capsys, "--format", "json"))
    _check(capsys, "--format", "csv", "-o", "out.csv")
    rows = _csv_rows(folder / "out.csv")
    assert rows[0] == list(FINDING_COLUMNS)
    by_header = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(by_header) == len(findings) > 0
    for row, finding in zip(by_header, findings, strict=True):
        assert (row["文件"], row["代码"], row["问题说明"], row["行"], row["列"], row["指纹"]) == (
            finding["path"], finding["code"], finding["message"], str(finding["line"]), str(finding["column"]),
            finding["fingerprint"])
        cell = finding.get("cell")
        assert row["表格单元"] == (f"{cell['table']}:{cell['row']}:{cell['column']}" if cell else "")
    first = by_header[0]
    assert (first["机关"], first["年度"], first["模板"], first["级别"]) == ("白水镇人民政府", "2022", "2021", "警告")
    assert (folder / "out.csv").read_bytes().count(b"\r\n") == len(rows)


def _at(line: int, **place) -> Location:
    return Location(line, 1, line, 2, **place)


def _located() -> Output:
    info = ReportInfo("某镇人民政府", 2023, "2021", "docx")
    return Output([
        FileResult("r.pdf", [Diagnostic("SUM001", Severity.ERROR, "m", "r.pdf", _at(3, page=2))],
                   info=ReportInfo(None, None, None, "pdf")),
        FileResult("r.docx", [Diagnostic("SUM002", Severity.WARNING, "m", "r.docx", _at(7, logical="表2/行5/格3"),
                                         cell=CellRef("三", "（七）", "总计"), fingerprint="abc"),
                              Diagnostic("SEC001", Severity.INFO, '=HYPERLINK("x")', "r.docx",
                                         _at(12, logical="段落12"))], info=info),
    ])


def test_pdf_pages_and_word_places_get_their_own_columns_and_text_is_never_a_formula() -> None:
    stream = io.StringIO()
    write_csv(_located(), stream)
    rows = [dict(zip(FINDING_COLUMNS, row, strict=True))
            for row in list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))[1:]]
    place_columns = ("页（PDF）", "段落（Word）", "表（Word）", "表行（Word）", "单元格（Word）")
    places = [tuple(r[column] for column in place_columns) for r in rows]
    assert places == [("2", "", "", "", ""), ("", "", "2", "5", "3"), ("", "12", "", "", "")]
    assert [r["机关"] for r in rows] == ["", "某镇人民政府", "某镇人民政府"]
    assert rows[1]["表格单元"] == "三:（七）:总计" and rows[1]["指纹"] == "abc"
    assert rows[2]["问题说明"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows it, never runs it


def _sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_findings_reports_and_codes_with_frozen_filtered_headers(folder: Path, capsys) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _check(capsys, "--format", "csv", "-o", "out.csv")
    _check(capsys, "--format", "xlsx", "-o", "out.xlsx")
    workbook = openpyxl.load_workbook(folder / "out.xlsx")
    assert workbook.sheetnames == ["问题", "报告", "代码"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    findings = _sheet_rows(workbook["问题"])
    as_text = [["" if v is None else str(v) for v in row] for row in findings]
    assert as_text == _csv_rows(folder / "out.csv")
    assert isinstance(findings[1][FINDING_COLUMNS.index("行")], int)  # numbers sort as numbers

    reports = {row[0]: row for row in _sheet_rows(workbook["报告"])[1:]}
    baishui, qingshan, broken = (reports[os.path.join("reports", name)]
                                 for name in ("baishui-2022.md", "qingshan-2022.txt", "broken.txt"))
    errors = sum(1 for row in findings[1:] if row[0] == baishui[0] and row[5] == "错误")
    assert baishui[1:5] == ["白水镇人民政府", 2022, "2021", "markdown"] and baishui[5] == errors > 0
    assert baishui[-1] == "已检查" and qingshan[-2] == 0
    assert broken[-1].startswith("无法读取：") and broken[1] is None

    codes = _sheet_rows(workbook["代码"])
    assert codes[0] == ["代码", "规则", "级别", "问题数", "涉及文件数", "说明"]
    assert sum(row[3] for row in codes[1:]) == len(findings) - 1
    assert [row[3] for row in codes[1:]] == sorted((row[3] for row in codes[1:]), reverse=True)


def test_xlsx_text_is_text_even_when_it_looks_like_a_formula(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from linter.formatters.xlsx import workbook_bytes

    (tmp_path / "out.xlsx").write_bytes(workbook_bytes(_located()))
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["问题"]
    assert sheet.cell(4, FINDING_COLUMNS.index("问题说明") + 1).data_type == "s"
    assert sheet.cell(4, FINDING_COLUMNS.index("问题说明") + 1).value == '=HYPERLINK("x")'


def test_xlsx_is_not_written_to_a_terminal_and_names_its_extra_when_missing(folder: Path, capsys,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    with monkeypatch.context() as terminal:
        terminal.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        assert main(["check", "--format", "xlsx", "reports"]) == 2
    assert "--output-file" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # what an install without the extra sees
    assert main(["check", "--format", "xlsx", "-o", "out.xlsx", "reports"]) == 2
    assert capsys.readouterr().err == ("govlint: --format xlsx needs the optional dependency 'xlsxwriter': "
                                       "pip install 'govlint[xlsx]'\n")
    assert not (folder / "out.xlsx").exists()


@pytest.mark.skipif(soffice_with(CALC) is None,
                    reason="LibreOffice Calc is not installed (.ci/run installs it when it can)")
def test_libreoffice_reads_the_workbook_as_written(folder: Path, capsys) -> None:
    _check(capsys, "--format", "xlsx", "-o", "out.xlsx")
    _check(capsys, "--format", "csv", "-o", "out.csv")
    convert(soffice_with(CALC), folder / "out.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", folder / "lo")
    converted = list(csv.reader(io.StringIO((folder / "lo" / "out.csv").read_text(encoding="utf-8-sig"),
                                            newline="")))
    assert converted == _csv_rows(folder / "out.csv")
