"""What a worker sends back of one file (`linter.run.payload`): no report, a small pickle, the HTML
page's view only when it is asked for; the page made from views is the page made from reports."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from province import province

from linter import checker
from linter import run as check_run
from linter.config import SettingsResolver
from linter.engine import FileResult
from linter.formatters import Output
from linter.formatters.html import page
from linter.run.payload import compact
from linter.run.results import CheckRequest, FileOutcome
from linter.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reports" / "qingshan-2022.txt"


def _folder(tmp_path: Path) -> Path:
    """A small province with planted copies (corpus findings) and the examples (a table finding)."""
    folder = tmp_path / "province"
    province(seed=5, bodies=12, sites=2, planted=1).write(folder)
    for example in (ROOT / "examples" / "reports").iterdir():
        shutil.copy(example, folder / example.name)
    return folder


class _Arrived(check_run.RunObserver):
    """Whether each result came with its corpus summaries."""

    def __init__(self) -> None:
        self.with_summaries: list[bool] = []

    def file_checked(self, result: FileResult) -> None:
        self.with_summaries.append(bool(result.corpus))


def _run(folder: Path, jobs: int, views: bool, observers: Sequence[check_run.RunObserver] = ()) -> check_run.CheckRun:
    request = CheckRequest([str(folder)], jobs=jobs, views=views)
    return check_run.run_check(request, SettingsResolver(checker.known_codes).for_path, observers)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_keep_no_report_and_share_one_settings_object(tmp_path: Path, jobs: int) -> None:
    arrived = _Arrived()
    run = _run(_folder(tmp_path), jobs, views=False, observers=[arrived])
    assert len(run.results) > 20
    assert all(result.report is None and result.view is None for result in run.results)
    assert all(result.info is not None for result in run.results) and all(arrived.with_summaries)
    assert all(result.corpus == {} for result in run.results)  # let go once the corpus rules have run
    assert len({id(result.settings) for result in run.results}) == 1


def test_the_compact_outcome_is_a_fraction_of_the_whole() -> None:
    result = checker.check_file(str(EXAMPLE), Settings())
    whole = len(pickle.dumps(FileOutcome(result)))
    small = compact(FileOutcome(result), CheckRequest([str(EXAMPLE)]))
    assert small.result.report is None and small.result.diagnostics == result.diagnostics
    assert len(pickle.dumps(small)) < whole / 4


def _without_time(html: str) -> str:
    return re.sub(r"生成于 [^，]*，", "", html)


def test_the_page_made_from_views_in_workers_is_the_page_made_from_reports(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    run = _run(folder, 2, views=True)
    assert all(result.report is None and result.view is not None for result in run.results)
    from_views = page(Output(run.results))
    kept = [checker.check_file(result.path, result.settings) for result in run.results]
    for result, report_kept in zip(run.results, kept, strict=True):
        report_kept.diagnostics = result.diagnostics  # with the corpus rules' findings
    from_reports = page(Output(kept))
    assert _without_time(from_views) == _without_time(from_reports)
    # corpus findings show their lines, read again in the corpus step; the table finding its grid
    copied = re.findall(r'data-code="CPY00\d">.*?</li>', from_views)
    assert copied and all('<pre class="source">' in item for item in copied)
    assert '<table class="grid" data-table="三">' in from_views
