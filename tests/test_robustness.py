"""Hostile input and faults: a clear message and exit code 2 (or a finding), never a traceback or a
hang, and nothing lost (issue 13). Each test is one row of the issue's table or one bound."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from cisupport import GOOD, run
from fixturetext import Fixture, fixture_text
from loader_report import with_document_xml, write_docx

TITLE = "某某县人民政府办公室2022年政府信息公开工作年度报告\n"
REPORT = TITLE + "一、总体情况\n本机关主动公开政府信息120条。\n"


def _rewrite_docx(source: Path, target: Path, edit) -> None:
    """`source` with word/document.xml passed through `edit` (str → str)."""
    target.write_bytes(with_document_xml(source.read_bytes(), lambda xml: edit(xml.decode("utf-8")).encode("utf-8")))


@pytest.fixture
def docx_report(tmp_path) -> Path:
    pytest.importorskip("docx")
    path = tmp_path / "clean.docx"
    write_docx(path)
    return path


def test_a_docx_with_a_broken_grid_span_is_an_input_error(docx_report, tmp_path, capsys) -> None:
    bad = tmp_path / "bad.docx"
    _rewrite_docx(docx_report, bad,
                  lambda xml: Fixture(xml).replace('<w:gridSpan w:val="4"/>', '<w:gridSpan w:val="x"/>', 1))
    result = run(capsys, "check", str(bad))
    assert result.code == 2
    assert result.err.startswith(f"govlint: {bad}: not a readable .docx file (ValueError")
    assert "Traceback" not in result.err


def test_a_docx_whose_main_part_is_not_a_word_document_is_an_input_error(docx_report, tmp_path, capsys) -> None:
    # Found by the DOCX fuzz test: one changed byte in the root tag, and python-docx reads a plain element.
    bad = tmp_path / "bad.docx"
    _rewrite_docx(docx_report, bad, lambda xml: Fixture(xml).replace("<w:document ", "<w:documenX ", 1)
                  .replace("</w:document>", "</w:documenX>", 1))
    result = run(capsys, "check", str(bad))
    assert result.code == 2
    assert result.err == f"govlint: {bad}: not a readable .docx file (its main part is not a Word document body)\n"


def test_a_grid_span_of_two_hundred_million_is_bounded(docx_report, tmp_path, capsys) -> None:
    from linter.loaders import load

    huge = tmp_path / "huge.docx"
    _rewrite_docx(docx_report, huge,
                  lambda xml: Fixture(xml).replace('<w:gridSpan w:val="4"/>', '<w:gridSpan w:val="200000000"/>', 1))
    from linter.loaders.docx import MAX_GRID_COLUMNS

    document = load(str(huge))
    assert max(line.text.count("\t") for line in document.lines) < MAX_GRID_COLUMNS + 16


def test_a_docx_that_would_inflate_beyond_the_limit_is_refused_unread(docx_report, tmp_path, capsys,
                                                                      monkeypatch) -> None:
    import linter.loaders.docx as docx_loader

    inflated = sum(info.file_size for info in zipfile.ZipFile(docx_report).infolist())
    monkeypatch.setattr(docx_loader, "MAX_INFLATED_BYTES", inflated - 1)
    result = run(capsys, "check", str(docx_report))
    assert result.code == 2
    assert "a zip bomb?" in result.err


def test_html_nested_ten_thousand_levels_is_read(tmp_path, capsys) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body><h1>" + TITLE.strip() + "</h1>" + "<div>" * 10_000 + "一、总体情况 本年度工作正常。"
                    + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    result = run(capsys, "check", "--format", "concise", str(page))
    assert result.code in (0, 1)
    assert "Traceback" not in result.err and "RecursionError" not in result.err


def test_fix_that_cannot_write_is_reported_not_raised(tmp_path, capsys, monkeypatch) -> None:
    import linter.fixes

    report = tmp_path / "report.txt"
    report.write_text(REPORT + "某某县人民政府办公室\n20230120\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(linter.fixes, "write_atomically", refuse)
    result = run(capsys, "check", "--fix", str(report))
    assert result.code == 2
    assert f"govlint: {report}: cannot write fixed file: Permission denied" in result.err


def _without_write_override() -> list[str]:
    """A command prefix under which permissions bind: root bypasses them (CAP_DAC_OVERRIDE),
    so as root the process runs without that capability; anyone else needs nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): a read-only folder cannot bind")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_fix_in_a_read_only_folder_is_reported_and_leaves_the_file_alone(tmp_path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    report = folder / "report.txt"
    report.write_text(REPORT + "某某县人民政府办公室\n20230120\n", encoding="utf-8")
    before = report.read_bytes()
    folder.chmod(0o555)
    try:
        command = [*_without_write_override(), sys.executable, "-m", "linter", "check", "--fix", str(report)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2
    assert f"govlint: {report}: cannot write fixed file: Permission denied" in done.stderr
    assert "Traceback" not in done.stderr
    assert report.read_bytes() == before
    assert os.listdir(folder) == ["report.txt"]


def test_output_file_is_replaced_in_one_step(tmp_path, capsys, monkeypatch) -> None:
    import linter.fileio

    report = tmp_path / "report.txt"
    report.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(linter.fileio.os, "replace",
                        lambda source, destination: (replaced.append((source, destination)),
                                                     real_replace(source, destination)))
    run(capsys, "check", "--no-cache", "--format", "json", "--output-file", str(target), str(report))
    # (the caches' entries, elsewhere, are replaced so too)
    assert [destination for _, destination in replaced if os.path.dirname(destination) == str(tmp_path)] == [
        str(target)]
    assert target.read_text(encoding="utf-8").startswith("[")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".govlint-")]


def test_output_cut_short_while_written_leaves_the_previous_file(tmp_path, capsys, monkeypatch) -> None:
    """The output file is written as the formatter writes it (a province's output is not held in
    memory), into a temporary file: a disk that fills half-way leaves the old output, no temporary
    file, and one line with exit code 2."""
    import errno

    import linter.check_command

    report = tmp_path / "report.txt"
    report.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")

    def disk_fills(args, run, formatter, stream, color) -> None:
        stream.write("[" + " " * 100_000)  # past the stream's buffer: on disk already
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(linter.check_command, "_emit", disk_fills)
    result = run(capsys, "check", "--no-cache", "--format", "json", "--output-file", str(target), str(report))
    assert (result.code, result.err) == (2, f"govlint: {target}: cannot write output: No space left on device\n")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "report.txt"]


def test_a_utf8_report_cut_mid_character_is_read_with_one_finding(tmp_path, capsys) -> None:
    report = tmp_path / "cut.txt"
    report.write_bytes((REPORT + "二、主动公开政府信息情况\n本年度工作正常。").encode("utf-8")[:-1])
    result = run(capsys, "check", "--format", "concise", "--select", "PARSE", str(report))
    assert result.code == 0
    assert result.out.count("PARSE003") == 1
    assert f"{report}:5:" in result.out


def test_a_gbk_line_in_a_utf8_report_is_read_and_located(tmp_path, capsys) -> None:
    report = tmp_path / "mixed.txt"
    report.write_bytes(REPORT.encode("utf-8") + "二、主动公开政府信息情况\n".encode("gbk")
                       + "本年度工作正常。\n".encode() * 5)
    result = run(capsys, "check", "--format", "concise", "--select", "PARSE", str(report))
    assert "mixed.txt:4:1: PARSE003" in result.out
    assert "在第4行" in result.out


def test_a_gbk_report_is_still_gbk_and_binary_is_still_refused(tmp_path, capsys) -> None:
    from linter.loaders.encoding import decode

    assert decode("r.txt", REPORT.encode("gbk")) == (REPORT, "gb18030")
    assert decode("r.txt", REPORT.encode("gbk")[:-1])[1] == "gb18030"
    with pytest.raises(Exception, match="unknown encoding|binary"):
        decode("r.bin", bytes(range(0x80, 0x100)) * 3 + b"\xff\xfe\x81" * 50)


@pytest.mark.usefixtures("zh")
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path, capsys, monkeypatch) -> None:
    import linter.check_command

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(linter.check_command, "run_check_command", interrupted)
    result = run(capsys, "check", str(tmp_path))
    assert (result.code, result.err) == (130, "govlint: 已中断\n")


def test_a_symlink_loop_named_or_in_a_folder_is_that_files_error(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink("loop-a.txt", tmp_path / "loop-b.txt")
    named = run(capsys, "check", "loop-a.txt")
    assert (named.code, named.err) == (2, "govlint: loop-a.txt: cannot read file: Too many levels of symbolic links\n")
    folder = run(capsys, "check", "--format", "concise", ".")
    assert folder.code == 2
    assert folder.err.count("Too many levels of symbolic links") == 2
    assert "Traceback" not in folder.err


@pytest.fixture
def folder_of_reports(tmp_path) -> Path:
    for number in range(8):
        (tmp_path / f"r{number}.txt").write_text(GOOD + "坏数据\n", encoding="utf-8")
    return tmp_path


def _fail_on(path_part: str, failure):
    """A stand-in for checker.check_file that fails on one file (inherited by forked workers)."""
    from linter.checker import check_file

    def check(path, *args, **kwargs):
        if path_part in str(path):
            failure()
        return check_file(path, *args, **kwargs)

    return check


def _raise() -> None:
    raise ValueError("invalid literal for int() with base 10: 'x'")


def _die() -> None:
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.usefixtures("demo_rules", "zh")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_whose_check_raises_is_its_error_and_the_others_are_reported(folder_of_reports, capsys, monkeypatch,
                                                                             jobs) -> None:
    import linter.run.task

    monkeypatch.setattr(linter.run.task, "check_file", _fail_on("r3.txt", _raise))
    result = run(capsys, "check", "--jobs", jobs, "--format", "concise", str(folder_of_reports))
    assert result.code == 2
    assert result.out.count(": DEMO001 ") == 7
    assert result.err == (f"govlint: {folder_of_reports / 'r3.txt'}: govlint 检查此文件时出错（ValueError: invalid "
                          "literal for int() with base 10: 'x'）；请报告此问题\n")


@pytest.mark.usefixtures("demo_rules")
def test_a_docx_whose_loader_raises_beside_good_reports_with_two_jobs(folder_of_reports, docx_report, capsys) -> None:
    bad = folder_of_reports / "bad.docx"
    _rewrite_docx(docx_report, bad,
                  lambda xml: Fixture(xml).replace('<w:gridSpan w:val="4"/>', '<w:gridSpan w:val="x"/>', 1))
    docx_report.unlink()
    result = run(capsys, "check", "--jobs", "2", "--format", "concise", str(folder_of_reports))
    assert result.code == 2
    assert result.out.count(": DEMO001 ") == 8
    [error] = result.err.splitlines()
    assert error.startswith(f"govlint: {bad}: not a readable .docx file (ValueError")


def test_finding_the_section_of_each_paragraph_is_not_quadratic() -> None:
    """A report of tens of MB (issue 13's 50 MB file, repeated reports) has tens of thousands of
    headings and paragraphs: a scan of the sections for each paragraph would be quadratic."""
    from types import SimpleNamespace

    from linter.recognize.sections import section_of

    sections = [SimpleNamespace(heading_line=2 * n) for n in range(50_000)]
    started = time.perf_counter()
    found = [section_of(sections, line) for line in range(1, 100_000, 2)]
    assert time.perf_counter() - started < 5  # seconds on a loaded 2-core machine; a scan takes minutes
    assert found == sections and section_of(sections, -1) is None


@pytest.mark.usefixtures("demo_rules", "zh")
def test_a_worker_that_dies_is_that_files_error_and_the_pool_goes_on(folder_of_reports, capsys, monkeypatch) -> None:
    import linter.run.task

    monkeypatch.setattr(linter.run.task, "check_file", _fail_on("r5.txt", _die))
    result = run(capsys, "check", "--jobs", "2", "--format", "concise", str(folder_of_reports))
    assert result.code == 2
    assert result.out.count(": DEMO001 ") == 7
    died = "检查此文件的工作进程意外终止（被终止或内存不足）；其他文件已检查"
    assert result.err == f"govlint: {folder_of_reports / 'r5.txt'}: {died}\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_run_stops_it_with_one_line_and_exit_130(tmp_path, jobs) -> None:
    """Ctrl-C while files are being checked: the signal is sent once the results cache shows that
    checking is under way (each file differs, so each has its entry), whatever the machine's speed."""
    import signal
    import subprocess
    import sys
    import time

    report = (Path(__file__).parents[1] / "examples" / "reports" / "qingshan-2022.txt").read_bytes()
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    reports.mkdir()
    for number in range(3000):
        (reports / f"r{number}.txt").write_bytes(report + f"\n编号 {number}\n".encode())
    process = subprocess.Popen([sys.executable, "-m", "linter", "check", "--jobs", jobs, "--format", "concise",
                                "--cache-dir", str(cache), str(reports)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "LANG": "en_US.UTF-8", "GOVLINT_NO_CACHE": ""})
    deadline = time.monotonic() + 120
    while sum(1 for path in cache.rglob("*") if path.is_file()) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: the whole process group
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err.decode()) == (130, "govlint: interrupted\n")


@pytest.mark.parametrize("where", ["table", "prose"])
def test_a_run_of_twelve_thousand_digits_is_text_not_a_number(where, tmp_path, capsys) -> None:
    report = fixture_text(Path(__file__).parents[1] / "examples" / "reports" / "qingshan-2022.txt")
    if where == "table":
        report = report.replace("本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量" + "1" * 12_000, 1)
    else:
        report += "\n主动公开" + "9" * 12_000 + "条，其中" + "8" * 5_000 + "条。\n"
    path = tmp_path / "digits.txt"
    path.write_text(report, encoding="utf-8")
    result = run(capsys, "check", "--format", "concise", str(path))
    assert result.code in (0, 1) and result.err == ""
    assert "PLG002" not in result.out
