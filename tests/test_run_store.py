"""The results of a run as the main process keeps them (`linter.run.store.ResultStore`): the
findings in memory, every other part of a result and every corpus summary in the run's spill
file, read back when asked for."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from linter.plugins.crossyear import YearSummary
from province import province

from linter import checker, engine
from linter import run as check_run
from linter.config import SettingsResolver
from linter.corpus import spill as spill_module
from linter.corpus.spill import SpillFile
from linter.corpus.summaries import Summaries
from linter.corpus.summary import ReportSummary
from linter.diagnostics import Diagnostic, Finding, Severity
from linter.engine import FileResult, ReportInfo
from linter.model import START_OF_FILE, Location
from linter.rules_api import corpus_rule
from linter.run.results import CheckRequest
from linter.run.store import ResultStore
from linter.settings import Settings


def _finding(path: str, line: int, code: str = "TST001") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, f"第{line}行", path, Location(line, 1, line, 2))


@pytest.mark.parametrize("in_memory", [0, spill_module.IN_MEMORY])
def test_results_read_back_as_they_were_kept(in_memory: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill_module, "IN_MEMORY", in_memory)  # on disk at once, or in memory
    settings, other = Settings(), Settings(ignore=["SUM"])
    kept = [FileResult("a.txt", [_finding("a.txt", 3)], settings=settings,
                       info=ReportInfo("青山镇人民政府", 2022, "2021", "text", Location(1, 1, 1, 9))),
            FileResult("b.txt", settings=Settings(), info=ReportInfo(year=2023), view={"表": "三"}),
            FileResult("c.pdf", error="c.pdf: cannot read", settings=other)]
    with SpillFile() as file:
        store = ResultStore(file)
        for result in kept:
            store.append(result)
        assert len(store) == 3 and [r.path for r in store] == ["a.txt", "b.txt", "c.pdf"]
        assert [(r.info, r.view, r.error) for r in store] == [(r.info, r.view, r.error) for r in kept]
        assert [r.diagnostics for r in store] == [[_finding("a.txt", 3)], [], []]
        assert store[0].settings is settings and store[1].settings is settings and store[2].settings is other
        assert store[-1].path == "c.pdf" and [r.error for r in store if r.error] == ["c.pdf: cannot read"]
        assert store[0] is not store[0]  # read back each time, not held

        store.add_findings([(1, _finding("b.txt", 9)), (0, _finding("a.txt", 1)), (1, _finding("b.txt", 2))])
        assert [[d.location.line for d in r.diagnostics] for r in store] == [[1, 3], [2, 9], []]
        assert [d.path for r in store for d in r.diagnostics] == ["a.txt", "a.txt", "b.txt", "b.txt"]
        changed = store[1]
        changed.view = {"表": "二"}
        store.replace(1, changed)
        changed = store[0]
        changed.diagnostics = []
        store.replace(0, changed)
        assert [(r.view, len(r.diagnostics)) for r in store] == [(None, 0), ({"表": "二"}, 2), (None, 0)]


def test_summaries_are_found_again_by_position_identity_or_equality() -> None:
    made = [{"year": year} for year in range(2020, 2020 + 300)]
    summaries = Summaries(len(made), lambda k: dict(made[k]))  # a new object at every read, as from a file
    first, last = summaries[0], summaries[-1]
    assert (first, last, len(summaries)) == ({"year": 2020}, {"year": 2319}, 300)
    assert summaries.position(7) == 7
    assert summaries.position(last) == 299  # read lately: by identity
    assert list(summaries)[5] == {"year": 2025}
    assert summaries.position(first) == 0  # forgotten since (more than RECENT read): by equality
    with pytest.raises(ValueError):
        summaries.position({"year": 1999})
    with pytest.raises(IndexError):
        summaries.position(300)


def _province_run(folder: Path, jobs: int, extra_rule=None, monkeypatch: pytest.MonkeyPatch | None = None
                  ) -> check_run.CheckRun:
    """A run over a small generated province; with `extra_rule` registered beside the built-in rules."""
    if extra_rule is not None:
        rules = (*engine.all_rules(), extra_rule)
        monkeypatch.setattr(engine, "all_rules", lambda: rules)
        monkeypatch.setattr(checker, "all_rules", lambda: rules)
    province(seed=5, bodies=12, sites=2, planted=1).write(folder)
    request = CheckRequest([str(folder)], jobs=jobs)
    return check_run.run_check(request, SettingsResolver(checker.known_codes).for_path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_after_the_corpus_step_the_main_process_holds_no_result_or_summary(tmp_path: Path, jobs: int) -> None:
    with _province_run(tmp_path, jobs) as run:
        gc.collect()
        held = [found for found in gc.get_objects()
                if isinstance(found, FileResult | ReportInfo | ReportSummary | YearSummary)
                and str(tmp_path) in (found.path if not isinstance(found, ReportInfo) else found.body or "")]
        assert held == []
        assert len(run.results) == 25 and {d.code for d in run.diagnostics} >= {"CPY001", "CPY003", "CPY004"}
        alone = [checker.check_file(result.path, result.settings) for result in run.results]
        assert [result.info for result in run.results] == [result.info for result in alone]


@corpus_rule("TST010", "yields-summaries", summarize=lambda report: {"path": report.path, "year": report.year})
def _yields_summaries(summaries, context):
    """A plugin's rule in the old style: it keeps every summary, then yields the summaries themselves."""
    kept = list(summaries)
    for summary in reversed(kept):
        if summary["year"] == 2023:
            yield summary, Finding(f"{summary['year']}年", START_OF_FILE)


def test_a_rule_that_yields_summaries_it_kept_reports_on_their_reports(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with _province_run(tmp_path, jobs=1, extra_rule=_yields_summaries, monkeypatch=monkeypatch) as run:
        flagged = sorted(d.path for d in run.diagnostics if d.code == "TST010")
    assert flagged == sorted(str(path) for path in tmp_path.glob("2023/*.txt"))


@corpus_rule("TST011", "crashes", summarize=lambda report: report.year)
def _crashes(summaries, context):
    """A plugin's corpus rule with a bug."""
    yield 0, Finding("先报一个", START_OF_FILE)
    raise RuntimeError("坏了")


def test_a_corpus_rule_that_crashes_is_one_finding_on_the_first_report(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with _province_run(tmp_path, jobs=1, extra_rule=_crashes, monkeypatch=monkeypatch) as run:
        first = run.results[0]
        crashed = [d for d in first.diagnostics if d.code == "PLG002"]
        assert len(crashed) == 1 and "TST011" in crashed[0].message and "坏了" in crashed[0].message
        assert crashed[0].excerpt is None  # it points at no text of the report
        assert [d.message for d in first.diagnostics if d.code == "TST011"] == ["先报一个"]
        assert {d.code for d in run.diagnostics} >= {"CPY001", "CPY003"}  # the other rules still ran
