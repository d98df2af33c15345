"""Corpus rules see per-report summaries made where each report is checked, never whole reports."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from fixturetext import fixture_text

from linter import checker, engine
from linter.checker import check_file
from linter.diagnostics import Finding
from linter.engine import run_corpus_rules, summarize_for_corpus
from linter.model import START_OF_FILE
from linter.rules_api import corpus_rule
from linter.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "reports" / "qingshan-2022.txt"

calls: list[str] = []


def _title(report) -> dict:
    calls.append(report.path)
    return {"path": report.path, "year": report.year}


def _only_2022(report):
    return {"year": report.year} if report.year == 2022 else None


def _broken(report):
    raise ValueError("坏了")


@corpus_rule("TST001", "first", summarize=_title)
def _first(summaries, context):
    for summary in summaries:
        yield summary, Finding(f"见到 {summary['year']}", START_OF_FILE)


@corpus_rule("TST002", "second", summarize=_title)
def _second(summaries, context):
    return ()


@corpus_rule("TST003", "only-2022", summarize=_only_2022)
def _third(summaries, context):
    yield summaries[0], Finding(f"{len(summaries)} 份", START_OF_FILE)


@corpus_rule("TST004", "broken", summarize=_broken)
def _fourth(summaries, context):
    return ()


RULES = (_first, _second, _third, _fourth)


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.setattr(engine, "all_rules", lambda: RULES)
    monkeypatch.setattr(checker, "all_rules", lambda: RULES)
    text = fixture_text(EXAMPLE)
    paths = [tmp_path / "2022.txt", tmp_path / "2023.txt"]
    paths[0].write_text(text, encoding="utf-8")
    paths[1].write_text(text.replace("2022年政府信息公开", "2023年政府信息公开"), encoding="utf-8")
    calls.clear()
    return paths


def test_rules_sharing_a_summarize_function_share_its_one_result(reports: list[Path]) -> None:
    result = check_file(str(reports[0]), Settings())
    assert calls == [str(reports[0])]
    summaries, crashes = summarize_for_corpus(result.report, RULES, Settings())
    assert summaries == result.corpus
    assert summaries["TST001"] is summaries["TST002"] == {"path": str(reports[0]), "year": 2022}
    assert "TST004" not in summaries
    assert [(d.code, d.path) for d in crashes] == [("PLG002", str(reports[0]))]
    assert "TST004" in crashes[0].message and "ValueError: 坏了" in crashes[0].message


def test_a_disabled_rule_or_a_none_summary_keeps_the_report_out(reports: list[Path]) -> None:
    settings = Settings(ignore=["TST001"])
    results = [check_file(str(path), settings) for path in reports]
    assert [sorted(r.corpus) for r in results] == [["TST002", "TST003"], ["TST002"]]
    run_corpus_rules(results)
    corpus = [[(d.code, d.message) for d in r.diagnostics if d.code.startswith("TST")] for r in results]
    assert corpus == [[("TST003", "1 份")], []]


def test_findings_go_to_the_report_whose_summary_they_name(reports: list[Path]) -> None:
    results = [check_file(str(path), Settings()) for path in reports]
    assert [d.code for d in results[0].diagnostics if d.code == "PLG002"] == ["PLG002"]
    run_corpus_rules(results)
    assert [[d.message for d in r.diagnostics if d.code == "TST001"] for r in results] == [["见到 2022"], ["见到 2023"]]


def test_the_cross_year_summary_is_small() -> None:
    from linter.engine import all_rules  # the real rules, not the test's

    result = check_file(str(EXAMPLE), Settings())
    corpus_codes = {r.code for r in all_rules() if r.code.startswith(("XYR", "CPY"))}
    assert set(result.corpus) == corpus_codes
    summary = result.corpus["XYR001"]
    assert summary is result.corpus["XYR002"] and result.corpus["CPY001"] is result.corpus["CPY004"]
    assert (summary.body, summary.year) == ("青山镇人民政府", 2022)
    assert len(pickle.dumps(result.corpus)) < len(pickle.dumps(result.report)) / 5


def test_a_summary_kept_in_the_spill_file_refers_to_its_details_there() -> None:
    # the run keeps every report's summaries in its spill file (linter.run.store); reading one back
    # for the join's passes must not read its sentences' texts and places again
    from linter.corpus.spill import SpillFile, spill

    corpus = pickle.loads(pickle.dumps(check_file(str(EXAMPLE), Settings()).corpus))  # as from a worker
    copies, years = corpus["CPY001"], corpus["XYR001"]
    whole = len(pickle.dumps(copies))
    with SpillFile() as file:
        spill([copies, years], file)
        offsets = [file.put_value(copies), file.put_value(years)]
        assert len(file.read(offsets[0])) < whole / 4
        read_copies, read_years = (file.get(offset) for offset in offsets)
        assert read_copies == copies and read_years == years
        assert read_copies.sentences.text(0) == copies.sentences.text(0) and read_years.values == years.values


def test_a_cross_year_finding_shows_its_source_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main

    last_year = fixture_text(EXAMPLE)
    (tmp_path / "2022.txt").write_text(last_year, encoding="utf-8")
    this_year = last_year.replace_all("2022", "2023").replace("行政规范性文件\t2\t0\t5", "行政规范性文件\t1\t0\t7")
    (tmp_path / "2023.txt").write_text(this_year, encoding="utf-8")
    main(["check", "--jobs", "2", "--select", "XYR", str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert "XYR002 [info]" in out[0]
    assert out[2].endswith("| 行政规范性文件 1 0 7") and out[3].endswith("^")
