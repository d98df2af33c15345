"""Fuzz of the whole check over hostile bytes (issue 13): whatever the bytes of a text, HTML, DOCX
or PDF file and of a rule pack, `govlint check` gives findings or one clear line, never an
internal failure, and the good report beside it is still reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loader_report import with_document_xml, write_docx, write_pdf

from linter.cli import main

GOOD = (Path(__file__).parents[1] / "examples" / "reports" / "qingshan-2022.txt").read_bytes()
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(folder: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--jobs", "1", "--format", "concise", str(folder)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_contained(folder: Path, capsys) -> None:
    (folder / "good.txt").write_bytes(GOOD)
    code, out, err = _check(folder, capsys)
    assert code in (0, 1, 2)
    assert "govlint failed on this file" not in err, err
    assert "Traceback" not in out + err


def _mutated(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    return bytes(buffer)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=40)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_as_text_or_html(tmp_path_factory, capsys, data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"report{suffix}").write_bytes(data)
    _assert_contained(folder, capsys)


@FUZZ
@given(edits=EDITS, suffix=st.sampled_from([".txt", ".html"]))
def test_a_report_with_bytes_changed(tmp_path_factory, capsys, edits, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    source = GOOD if suffix == ".txt" else b"<html><body><pre>" + GOOD + b"</pre></body></html>"
    (folder / f"report{suffix}").write_bytes(_mutated(source, edits))
    _assert_contained(folder, capsys)


def _sample(tmp_path_factory, write, name: str) -> bytes:
    """The bytes of the loader tests' report written by `write` (loader_report.write_docx, write_pdf)."""
    path = tmp_path_factory.mktemp("sample") / name
    write(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def docx_bytes(tmp_path_factory) -> bytes:
    pytest.importorskip("docx")
    return _sample(tmp_path_factory, write_docx, "r.docx")


@FUZZ
@given(edits=EDITS)
def test_a_docx_whose_xml_has_bytes_changed(tmp_path_factory, capsys, docx_bytes, edits) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "report.docx").write_bytes(with_document_xml(docx_bytes, lambda xml: _mutated(xml, edits)))
    _assert_contained(folder, capsys)


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    return _sample(tmp_path_factory, write_pdf, "r.pdf")


@FUZZ
@given(edits=EDITS)
def test_a_pdf_with_bytes_changed(tmp_path_factory, capsys, pdf_bytes, edits) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "report.pdf").write_bytes(_mutated(pdf_bytes, edits))
    _assert_contained(folder, capsys)


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_as_a_rule_pack(tmp_path_factory, capsys, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    (folder / "govlint.toml").write_text('packs = ["national", "pack.yaml"]\n', encoding="utf-8")
    (folder / "good.txt").write_bytes(GOOD)
    code, out, err = _check(folder, capsys)
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err and "govlint failed on this file" not in err
