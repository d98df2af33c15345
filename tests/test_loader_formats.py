from __future__ import annotations

from pathlib import Path

from loader_report import needs_cjk_font, write_pdf

from linter.cli import main
from linter.loaders.lines import Piece, concat, join_wrapped, table_row
from linter.run import discover


def test_directory_check_picks_every_supported_format(tmp_path) -> None:
    for name in ("a.txt", "b.html", "c.HTM", "d.docx", "e.pdf", "f.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    names = [Path(path).name for path, _ in discover([str(tmp_path)])]
    assert names == ["a.txt", "b.html", "c.HTM", "d.docx", "e.pdf"]


def test_check_reports_a_scanned_pdf_as_one_finding_also_in_a_directory_run(tmp_path, capsys) -> None:
    path = tmp_path / "scan.pdf"
    write_pdf(path, text_layer=False)
    assert main(["check", "--format", "concise", str(tmp_path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{path}:1:1: PARSE001 PDF 没有文字层（可能是扫描件），需要先进行 OCR 才能检查（第1页）"]


def test_joined_pieces_keep_each_characters_source() -> None:
    row = table_row([Piece.at(" 规章 ", 3, 5), Piece(""), Piece.at("12", 4, 9)])
    assert row.text == "规章\t\t12"
    assert [(s.offset, s.line, s.column) for s in row.segments] == [(0, 3, 6), (4, 4, 9)]


def test_wrapped_cell_lines_join_without_space_except_between_latin_words() -> None:
    lines = [Piece.at("本年新", 1), Piece.at("制作数量", 2), Piece.at("ICP", 3), Piece.at("2023", 4)]
    joined = join_wrapped(lines)
    assert joined.text == "本年新制作数量ICP 2023"
    assert concat([joined.slice(3, 7)]).segments[0].line == 2


@needs_cjk_font
def test_every_format_gives_the_findings_of_the_text_copy(tmp_path) -> None:
    from loader_report import as_html, as_text, with_wrong_total, write_docx

    from linter.checker import check_file
    from linter.engine import all_rules
    from linter.settings import Settings

    blocks = with_wrong_total()
    (tmp_path / "report.txt").write_text(as_text(blocks), encoding="utf-8")
    (tmp_path / "report.html").write_text(as_html(blocks=blocks), encoding="utf-8")
    write_docx(tmp_path / "report.docx", blocks)
    write_pdf(tmp_path / "report.pdf", blocks=blocks)
    findings = {
        path.suffix: sorted((d.code, d.message) for d in check_file(str(path), Settings()).diagnostics)
        for path in tmp_path.iterdir()
    }
    assert findings[".html"] == findings[".docx"] == findings[".pdf"] == findings[".txt"]
    if any(rule.code.startswith("SUM") for rule in all_rules()):
        assert any("14" in message for _, message in findings[".txt"])
