"""`govlint review`: the review copy read back through its XML — each comment encloses exactly
the text its finding is about, in files written as Word and as WPS writes them."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from loader_report import BLOCKS, with_wrong_total, write_docx
from office import WRITER, convert, soffice_with

from linter.cli import main
from linter.loaders.docx import paragraph_text

docx = pytest.importorskip("docx")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
GARBLED = "202311日至20231231日"
PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"


def _blocks() -> list:
    """A wrong total in 表三 (（七）总计·总计 14 instead of 13) and a garbled date in a paragraph."""
    garbled = "本报告中所列数据的统计时限为" + GARBLED + "。"
    return [(kind, garbled if content == BLOCKS[1][1] else content) for kind, content in with_wrong_total()]


def comments(path: Path) -> list[dict]:
    """Each comment of a .docx: its text, author and the document text its range encloses."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/comments.xml"))
    texts = {c.get(f"{{{_W}}}id"): "\n".join("".join(p.itertext()) for p in c.findall("w:p", _NS))
             for c in notes.findall("w:comment", _NS)}
    authors = {c.get(f"{{{_W}}}id"): c.get(f"{{{_W}}}author") for c in notes.findall("w:comment", _NS)}
    found, open_ranges = [], {}
    for element in body.iter():
        tag = etree.QName(element).localname
        if tag == "commentRangeStart":
            open_ranges[element.get(f"{{{_W}}}id")] = []
        elif tag == "commentRangeEnd":
            key = element.get(f"{{{_W}}}id")
            found.append({"id": key, "text": texts[key], "author": authors[key],
                          "anchored": "".join(open_ranges.pop(key))})
        elif tag == "t":  # a tracked deletion's text is w:delText: not shown, not counted
            for parts in open_ranges.values():
                parts.append(element.text or "")
    return found


def _review(tmp_path: Path, source: Path, *extra: str) -> tuple[int, Path]:
    output = tmp_path / "out.docx"
    code = main(["review", str(source), "-o", str(output), "--config", str(_empty_config(tmp_path)), *extra])
    return code, output


def _empty_config(tmp_path: Path) -> Path:
    config = tmp_path / "govlint.toml"
    config.write_text("", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.docx"
    write_docx(path, _blocks())
    return path


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, report: Path) -> tuple[Path, str, int, Path]:
    """The report's bytes digest before, the exit code and the review copy."""
    before = hashlib.sha256(report.read_bytes()).hexdigest()
    code, output = _review(tmp_path_factory.mktemp("review"), report)
    return report, before, code, output


def test_each_comment_encloses_exactly_the_offending_text(reviewed) -> None:
    report, before, code, output = reviewed
    assert code == 1
    assert hashlib.sha256(report.read_bytes()).hexdigest() == before  # the original is never changed
    found = comments(output)
    by_code = {c["text"].split()[0].split("】")[1]: c for c in found}
    assert set(by_code) >= {"SUM001", "DAT001"}
    assert all(c["author"] == "govlint" for c in found)
    # the wrong total: exactly the cell holding 14, named by the template's table and the grid
    for total in ("SUM001",):
        assert by_code[total]["anchored"] == "14"
        assert "位置：表三（第2个表格）/第27行/第10列" in by_code[total]["text"]
    dates = [c for c in found if "DAT001" in c["text"]]
    assert sorted(c["anchored"] for c in dates) == sorted(["202311日", "20231231日"])
    first = next(c for c in dates if c["anchored"] == "202311日")
    assert "建议修改：改为“2023年1月1日”" in first["text"] and "规则说明：" in first["text"]
    assert "位置：第2段" in first["text"]
    # the rest of the paragraph is still there, in order, outside the comments
    assert docx.Document(str(output)).paragraphs[1].text == docx.Document(str(report)).paragraphs[1].text


def test_findings_with_no_place_in_the_body_go_on_the_title(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(path, [block for block in BLOCKS if block[1] != "五、存在的主要问题及改进情况"])
    _, output = _review(tmp_path, path)
    missing = next(c for c in comments(output) if "SEC001" in c["text"])
    assert missing["anchored"] == BLOCKS[0][1]


def _wps_report(path: Path) -> None:
    """The garbled date written as WPS writes text: runs split mid-word by formatting, part of
    the date a tracked insertion, an old value a tracked deletion."""
    from docx.oxml import parse_xml

    write_docx(path, _blocks())
    document = docx.Document(str(path))
    paragraph = document.paragraphs[1]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    pieces = ["本报告中所列数据的统计时", "限为2023", "1"]
    for piece in pieces:
        paragraph.add_run(piece).bold = piece == "限为2023"
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{_W}" w:id="91" w:author="wps"><w:r><w:delText>9</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{_W}" w:id="92" w:author="wps"><w:r><w:rPr><w:i/></w:rPr><w:t>1日至2023</w:t></w:r></w:ins>'))
    paragraph.add_run("1231日。")
    document.save(str(path))


def test_a_wps_like_paragraph_is_annotated_on_exactly_the_date(tmp_path: Path) -> None:
    path = tmp_path / "wps.docx"
    _wps_report(path)
    _, output = _review(tmp_path, path)
    dates = sorted(c["anchored"] for c in comments(output) if "DAT001" in c["text"])
    assert dates == sorted(["202311日", "20231231日"])
    paragraph = docx.Document(str(output)).paragraphs[1]
    assert paragraph_text(paragraph._p) == "本报告中所列数据的统计时限为" + GARBLED + "。"
    # split runs keep their formatting: the bold part of "限为2023" is still bold on both sides
    assert [r.text for r in paragraph.runs if r.bold] == ["限为", "2023"]
    from lxml import etree

    inserted = paragraph._p.findall(".//w:ins//w:t", _NS)
    assert "".join(t.text for t in inserted) == "1日至2023"  # the split halves stay tracked
    assert etree.QName(paragraph._p.find(".//w:del/w:r/w:delText", _NS)).localname == "delText"


def test_a_report_that_is_not_docx_is_refused_with_exit_2(tmp_path: Path, capsys) -> None:
    text = tmp_path / "report.txt"
    text.write_text("某某县2023年政府信息公开工作年度报告\n", encoding="utf-8")
    assert main(["review", str(text)]) == 2
    assert "only be made of a Word file (.docx)" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.docx"))


def test_the_default_output_sits_beside_the_report_and_is_replaced_atomically(tmp_path: Path, report: Path) -> None:
    report = Path(shutil.copy(report, tmp_path / "report.docx"))
    target = report.with_name("report.审阅.docx")
    target.write_bytes(b"an older copy")
    assert main(["review", str(report), "--config", str(_empty_config(tmp_path))]) == 1
    assert zipfile.is_zipfile(target) and comments(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["govlint.toml", "report.docx", "report.审阅.docx"]


def test_check_review_copy_writes_one_copy_per_word_report(tmp_path: Path, report: Path, monkeypatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(report, folder / "a.docx")
    (folder / "b.txt").write_text("某某县2023年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "reports", "--review-copy", "copies", "--exit-zero", "--format", "concise"])
    assert code == 0
    assert [p.relative_to(tmp_path / "copies").as_posix() for p in (tmp_path / "copies").rglob("*.docx")] \
        == ["reports/a.审阅.docx"]


@pytest.mark.skipif(soffice_with(WRITER) is None,
                    reason="LibreOffice Writer is not installed (.ci/run installs it when it can)")
def test_libreoffice_reads_the_comments_on_their_pages(tmp_path: Path, reviewed) -> None:
    """LibreOffice opens the copy and exports each comment as a PDF note on the page of its text."""
    output = reviewed[3]
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    convert(soffice_with(WRITER), output, export, tmp_path)
    notes = _pdf_notes(tmp_path / "out.pdf")
    codes = [(page, text.split()[0].split("】")[1]) for page, text in notes]
    assert (1, "DAT001") in codes and codes.count((1, "DAT001")) == 2
    assert "SUM001" in {code for page, code in codes if page > 1}


def _pdf_notes(path: Path) -> list[tuple[int, str]]:
    """(page number, text) of every annotation with contents, read with PDFium."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    notes = []
    document = pdfium.PdfDocument(str(path))
    for number, page in enumerate(document, 1):
        for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annotation = raw.FPDFPage_GetAnnot(page.raw, index)
            size = raw.FPDFAnnot_GetStringValue(annotation, b"Contents", None, 0)
            if size > 2:
                buffer = ctypes.create_string_buffer(size)
                text = ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR))
                raw.FPDFAnnot_GetStringValue(annotation, b"Contents", text, size)
                notes.append((number, buffer.raw[:size - 2].decode("utf-16-le")))
            raw.FPDFPage_CloseAnnot(annotation)
    document.close()
    return notes
