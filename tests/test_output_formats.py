"""Output formats: full, concise, json, jsonl, sarif (schema-validated), github, gitlab, junit."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cisupport import BAD, GOOD, run, validate_sarif

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.formatters import Output
from linter.formatters.sarif import sarif_log
from linter.model import Location

pytestmark = pytest.mark.usefixtures("demo_rules")
REPORT = GOOD + "表中有坏数据，可疑。\n依据〔2021〕和[2022]号文。\n备注：无。\n"


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    return "报告.txt"


@pytest.mark.usefixtures("zh")
def test_full_shows_source_line_and_caret_under_the_span_in_terminal_columns(report, capsys) -> None:
    out = run(capsys, "check", report).out
    assert "报告.txt:5:4: DEMO001 [error] 出现“坏数据”\n  |\n5 | 表中有坏数据，可疑。\n  |       ^^^^^^\n" in out
    assert "\x1b[" not in out  # not a terminal
    assert out.endswith("共发现 4 个问题（错误 2，警告 1，提示 1）。\n"
                        "其中 1 个标有 [*] 的问题可以用 --fix 自动修复（--diff 先看修改）。\n")


class _Terminal:
    def isatty(self) -> bool:
        return True


class _Pipe:
    def isatty(self) -> bool:
        return False


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch) -> None:
    from linter.check_command import wants_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert wants_color("auto", _Terminal())
    assert not wants_color("auto", _Pipe())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color("auto", _Terminal())


def test_color_flag_and_force_color_override_the_terminal_test(monkeypatch) -> None:
    from linter.check_command import wants_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert wants_color("always", _Pipe())
    assert not wants_color("never", _Terminal())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert wants_color("auto", _Pipe())


def test_color_always_paints_the_full_output(report, capsys) -> None:
    out = run(capsys, "check", "--color", "always", report).out
    assert "\x1b[" in out


def test_full_with_colour_paints_code_and_caret() -> None:
    from linter.formatters.full import render

    d = Diagnostic("DEMO001", Severity.ERROR, "m", "x.txt", Location(1, 1, 1, 2))
    assert "\x1b[31;1mDEMO001 [error]\x1b[0m" in render(d, Output([FileResult("x.txt", [d])], color=True))


def test_concise(report, capsys) -> None:
    out = run(capsys, "check", "--format", "concise", report).out.splitlines()
    assert out[0] == "报告.txt:5:4: DEMO001 出现“坏数据”"
    assert len(out) == 4


def test_json_and_jsonl_carry_the_same_findings(report, capsys) -> None:
    array = json.loads(run(capsys, "check", "--format", "json", report).out)
    lines = [json.loads(line) for line in run(capsys, "check", "--format", "jsonl", report).out.splitlines()]
    assert array == lines
    fix = next(d for d in array if d["code"] == "DEMO003")
    assert fix["fix"]["replacement"] == "〔2022〕"
    assert {d["code"]: bool(d["fingerprint"]) for d in array} == dict.fromkeys(
        ["DEMO001", "DEMO002", "DEMO003", "DEMO004"], True)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_written_a_finding_at_a_time_is_laid_out_as_one_dump(count: int) -> None:
    """`--format json` writes each finding as it goes: the bytes are those of `json.dump` of the
    whole array with the same indentation (a multi-line message included)."""
    import io

    from linter.formatters.json import write_json

    findings = [Diagnostic("SUM001", Severity.ERROR, f"第{n}行\n“合计”", "a.txt", Location(n + 1, 1, n + 1, 2),
                           fingerprint=f"f{n}") for n in range(count)]
    written = io.StringIO()
    write_json(Output([FileResult("a.txt", findings)]), written)
    expected = json.dumps([d.to_dict() for d in findings], ensure_ascii=False, indent=2) + "\n"
    assert written.getvalue() == expected


def test_json_and_jsonl_give_related_locations_with_their_path_only_when_another_file() -> None:
    import io

    from linter.diagnostics import Related
    from linter.formatters.json import write_json, write_jsonl

    here, there = Location(3, 5, 3, 8), Location(9, 1, 9, 4, page=2)
    d = Diagnostic("DUP002", Severity.WARNING, "m", "a.txt", Location(1, 1, 1, 2),
                   related_locations=(Related(here, "第二处"), Related(there, "另一份报告", path="b.pdf")))
    output = Output([FileResult("a.txt", [d])])
    array, lines = io.StringIO(), io.StringIO()
    write_json(output, array)
    write_jsonl(output, lines)
    expected = [{"line": 3, "column": 5, "end_line": 3, "end_column": 8, "message": "第二处"},
                {"path": "b.pdf", "line": 9, "column": 1, "end_line": 9, "end_column": 4, "page": 2,
                 "message": "另一份报告"}]
    assert json.loads(array.getvalue())[0]["related_locations"] == expected
    assert json.loads(lines.getvalue())["related_locations"] == expected
    assert "related_locations" not in Diagnostic("X", Severity.INFO, "m", "a.txt", here).to_dict()


def test_sarif_validates_against_the_official_schema(report, capsys) -> None:
    result = run(capsys, "check", "--format", "sarif", report)
    log = json.loads(result.out)
    validate_sarif(log)
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["DEMO003"]["help"]["text"] == "发文字号年份应使用六角括号〔〕。"
    assert rules["DEMO002"]["defaultConfiguration"]["level"] == "warning"
    first = run_["results"][0]
    assert (first["ruleId"], first["level"]) == ("DEMO001", "error")
    assert rules[first["ruleId"]] == run_["tool"]["driver"]["rules"][first["ruleIndex"]]
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A.txt"
    assert physical["region"] == {"startLine": 5, "startColumn": 4, "endLine": 5, "endColumn": 7}
    assert first["partialFingerprints"]["govlintFingerprint/v2"]
    assert {r["level"] for r in run_["results"]} == {"error", "warning", "note"}


def test_sarif_names_pdf_and_docx_places_as_logical_locations() -> None:
    located = [Diagnostic("DEMO001", Severity.ERROR, "m", "r.pdf", Location(3, 1, 3, 5, page=2), fingerprint="f"),
               Diagnostic("DEMO002", Severity.WARNING, "m", "r.docx", Location(1, 1, 1, 2, logical="表3/行5/列2"),
                          fingerprint="g")]
    log = sarif_log(Output([FileResult("r.pdf", located[:1]), FileResult("r.docx", located[1:]),
                            FileResult("gone.txt", error="gone.txt: cannot read file")]))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert results[0]["locations"][0]["logicalLocations"][0]["name"] == "page 2"
    assert results[1]["locations"][0]["logicalLocations"][0]["name"] == "表3/行5/列2"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_annotations(report, capsys) -> None:
    out = run(capsys, "check", "--format", "github", report).out.splitlines()
    assert out[0] == ("::error file=报告.txt,line=5,col=4,endColumn=7,"
                      "title=DEMO001 demo-bad-data::DEMO001 出现“坏数据”")
    assert out[1].startswith("::warning file=") and out[-1].startswith("::notice file=")


def test_github_escapes_properties_and_data() -> None:
    from linter.formatters.github import annotation

    d = Diagnostic("X1", Severity.ERROR, "50%\nnext", "a,b:c.txt", Location(1, 1, 1, 2))
    assert annotation(d) == ("::error file=a%2Cb%3Ac.txt,line=1,col=1,endColumn=2,title=X1::"
                             "X1 50%25%0Anext")


def test_github_names_page_and_cell_and_gives_no_columns_across_lines() -> None:
    from linter.formatters.github import annotation

    pdf = Diagnostic("X1", Severity.WARNING, "问题", "r.pdf", Location(3, 5, 4, 2, page=2))
    docx = Diagnostic("X1", Severity.ERROR, "问题", "r.docx", Location(7, 1, 7, 3, logical="表三/行4/列8"))
    assert annotation(pdf) == "::warning file=r.pdf,line=3,endLine=4,title=X1::X1 问题（第2页）"
    assert annotation(docx) == "::error file=r.docx,line=7,col=1,endColumn=3,title=X1::X1 问题（表三/行4/列8）"


def test_gitlab_fingerprints_are_unique_and_survive_lines_inserted_above(report, capsys) -> None:
    Path(report).write_text(REPORT + "坏数据\n坏数据\n", encoding="utf-8")
    before = json.loads(run(capsys, "check", "--format", "gitlab", report).out)
    fingerprints = [issue["fingerprint"] for issue in before]
    assert len(set(fingerprints)) == len(fingerprints) == 6
    assert before[0]["location"] == {"path": "报告.txt", "lines": {"begin": 5, "end": 5}}
    assert before[0]["severity"] == "major"
    Path(report).write_text("新增一段。\n\n" + REPORT + "坏数据\n坏数据\n", encoding="utf-8")
    after = json.loads(run(capsys, "check", "--format", "gitlab", report).out)
    assert [issue["fingerprint"] for issue in after] == fingerprints
    assert after[0]["location"]["lines"]["begin"] == 7


def test_junit(report, capsys, tmp_path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    root = ET.fromstring(run(capsys, "check", "--format", "junit", report, "good.txt", "missing.txt").out)
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    [failure] = cases["报告.txt"].findall("failure")
    assert failure.get("message").startswith("4 个问题：DEMO001 出现“坏数据”")
    assert len(failure.text.splitlines()) == 4
    assert list(cases["good.txt"]) == []
    assert cases["missing.txt"].find("error") is not None


def test_output_file_and_statistics(report, capsys, tmp_path) -> None:
    result = run(capsys, "check", "--format", "sarif", "--output-file", "out.sarif", report)
    assert (result.code, result.out) == (1, "")
    validate_sarif(json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8")))
    Path(report).write_text(REPORT + "坏数据\n", encoding="utf-8")
    stats = run(capsys, "check", "--statistics", report).out.splitlines()
    assert stats[0].split() == ["2", "DEMO001", "demo-bad-data"]
    assert [line.split()[:2] for line in stats[1:]] == [["1", "DEMO002"], ["1", "DEMO003"], ["1", "DEMO004"]]


def test_stdin_with_stdin_filename(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "govlint.toml").write_text('ignore = ["DEMO004"]\n')
    data = REPORT.encode("gb18030")
    result = run(capsys, "check", "--format", "concise", "--stdin-filename", "docs/r.md", "-",
                 stdin=data, monkeypatch=monkeypatch)
    assert result.out.splitlines()[0] == "docs/r.md:5:4: DEMO001 出现“坏数据”"
    assert "DEMO004" not in result.out and result.code == 1
    result = run(capsys, "check", "-", stdin=GOOD.encode(), monkeypatch=monkeypatch)
    assert result.code == 0


def test_concise_names_the_pdf_page_and_docx_cell_after_the_message() -> None:
    import io

    from linter.formatters.concise import write_concise

    located = [Diagnostic("DEMO001", Severity.ERROR, "总计有误", "r.pdf", Location(14, 10, 14, 11, page=4)),
               Diagnostic("DEMO002", Severity.WARNING, "空格", "r.docx", Location(7, 1, 7, 2, logical="表2/行4/格8"))]
    stream = io.StringIO()
    write_concise(Output([FileResult("r.pdf", located)]), stream)
    assert stream.getvalue().splitlines() == ["r.pdf:14:10: DEMO001 总计有误（第4页）",
                                              "r.docx:7:1: DEMO002 空格（表2/行4/格8）"]


def test_full_cuts_a_long_source_line_around_the_span() -> None:
    from linter.formatters.full import render
    from linter.model import text_document
    from linter.source import excerpt

    document = text_document("long.txt", "甲" * 300 + "坏数据" + "乙" * 300)
    location = Location(1, 301, 1, 304)
    d = Diagnostic("X1", Severity.ERROR, "m", "long.txt", location, excerpt=excerpt(document, location))
    lines = render(d, Output([FileResult("long.txt", [d])])).splitlines()
    assert lines[2] == "1 | …" + "甲" * 60 + "坏数据" + "乙" * 60 + "…"
    assert lines[3].endswith(" ^^^^^^")


def test_sarif_fingerprints_are_unique_per_file_and_survive_edits_elsewhere(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    report = tmp_path / "r.txt"
    report.write_text(GOOD + "坏数据\n" * 6, encoding="utf-8")
    first = json.loads(run(capsys, "check", "--format", "sarif", "r.txt").out)["runs"][0]["results"]
    fingerprints = [r["partialFingerprints"]["govlintFingerprint/v2"] for r in first]
    assert len(fingerprints) == len(set(fingerprints)) == 6
    report.write_text("前言一行。\n" + GOOD + "坏数据\n" * 6, encoding="utf-8")
    moved = json.loads(run(capsys, "check", "--format", "sarif", "r.txt").out)["runs"][0]["results"]
    assert [r["partialFingerprints"]["govlintFingerprint/v2"] for r in moved] == fingerprints
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] != \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in first]


def test_sarif_from_a_subdirectory_is_relative_to_the_repository_and_names_no_machine_path(tmp_path, capsys,
                                                                                           monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports" / "2022").mkdir(parents=True)
    (tmp_path / "reports" / "2022" / "r.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "reports")
    text = run(capsys, "check", "--format", "sarif", "2022/r.txt").out
    log = json.loads(text)
    validate_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "reports/2022/r.txt", "uriBaseId": "%SRCROOT%"}
    assert str(tmp_path) not in text
    import linter

    assert str(Path(linter.__file__).parent.parent) not in text
    root = json.loads(run(capsys, "check", "--format", "sarif", "--root", ".", "2022/r.txt").out)
    assert root["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "2022/r.txt"


def test_sarif_gives_related_locations() -> None:
    from linter.diagnostics import Related

    located = Diagnostic("DUP002", Severity.ERROR, "出现其他机关名称“纸房镇”", "r.txt", Location(3, 2, 3, 5),
                         fingerprint="纸房镇",
                         related_locations=(Related(Location(9, 1, 9, 4), "又一处"), Related(Location(1, 1, 1, 2),
                                                                                          "来源", path="other.txt")))
    log = sarif_log(Output([FileResult("r.txt", [located])]))
    validate_sarif(log)
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"]["startLine"],
             r["message"]["text"]) for r in related] == [(1, "r.txt", 9, "又一处"), (2, "other.txt", 1, "来源")]


def test_sarif_describes_only_the_rules_that_ran(report, capsys) -> None:
    log = json.loads(run(capsys, "check", "--format", "sarif", "--select", "DEMO001,DEMO003", report).out)
    described = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert described == ["DEMO001", "DEMO003"]
    assert "helpUri" not in json.dumps(log)
