"""Copy detection (CPY001–CPY004) on a generated province with planted copies of each kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from province import province
from rule_helpers import codes_of

from linter.cli import main

CODES = codes_of("linter.plugins.copies")


def _check(capsys, *args: str) -> list[dict]:
    main(["check", "--format", "json", "--exit-zero", *args])
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("province")
    generated = province()
    generated.write(folder)
    return folder, generated


def test_planted_copies_are_found_with_recall_and_precision_of_095_per_kind(planted, capsys) -> None:
    folder, generated = planted
    findings = [f for f in _check(capsys, "--jobs", "1", str(folder)) if f["code"].startswith("CPY")]
    for code in CODES:
        found = {Path(f["path"]).relative_to(folder).as_posix() for f in findings if f["code"] == code}
        expected = generated.expected[code]
        hits = len(found & expected)
        assert hits >= 0.95 * len(expected), (code, sorted(expected - found))
        assert hits >= 0.95 * len(found), (code, sorted(found - expected))


def test_a_passage_finding_gives_its_length_share_changed_words_and_the_source_as_related_location(
        planted, capsys) -> None:
    folder, generated = planted
    copy = sorted(generated.expected["CPY001"])[0]
    findings = [f for f in _check(capsys, "--jobs", "1", "--select", "CPY001", str(folder / copy),
                                  str(folder / copy.replace("2023", "2022")))]
    assert findings and {f["path"] for f in findings} == {str(folder / copy)}
    first = findings[0]
    assert "字）与本机关2022年报告" in first["message"] and "的内容见于该报告" in first["message"]
    assert "“2022”→“2023”" in " ".join(f["message"] for f in findings)
    [related] = first["related_locations"]
    assert related["path"] == str(folder / copy.replace("2023", "2022")) and related["line"] >= 1
    assert first["end_column"] > first["column"]


def test_clean_reports_sharing_only_the_template_wording_give_no_finding(tmp_path, capsys) -> None:
    clean = province(seed=11, bodies=12, sites=2, planted=0)
    clean.write(tmp_path)
    assert [f for f in _check(capsys, "--jobs", "1", str(tmp_path)) if f["code"].startswith("CPY")] == []
    # two bodies only: too few to learn the standard phrases, the template's own sentences still do not count
    pair = sorted(clean.reports)[:2]
    assert [f for f in _check(capsys, *(str(tmp_path / p) for p in pair)) if f["code"].startswith("CPY")] == []


def test_results_are_the_same_with_worker_processes(planted, capsys) -> None:
    folder, _ = planted
    serial = _check(capsys, "--jobs", "1", "--select", "CPY", str(folder))
    assert _check(capsys, "--jobs", "2", "--select", "CPY", str(folder)) == serial


def test_the_rules_give_the_same_findings_over_summaries_made_where_the_reports_were_checked(planted) -> None:
    # What the engine hands a corpus rule that declares a summary (workers send summaries, not reports).
    from linter.checker import check_file
    from linter.corpus.summary import summarize
    from linter.engine import rule_by_code
    from linter.rules_api import RuleContext
    from linter.settings import Settings

    folder, _ = planted
    results = [check_file(str(path), Settings(select=["CPY"])) for path in sorted(folder.rglob("*.txt"))]
    here = [summarize(result.report) for result in results]
    for code in CODES:
        rule = rule_by_code(code)
        checked = [result.corpus[code] for result in results]
        over_checked = [(checked[i].path, f) for i, f in rule.check(checked, RuleContext(rule, rule.options))]
        over_here = [(here[i].path, f) for i, f in rule.check(here, RuleContext(rule, rule.options))]
        assert over_checked and over_here == over_checked
