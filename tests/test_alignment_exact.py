"""The exact alignment and the score bound (recognize/align.py) agree with the dynamic programme.

Recognition skips the dynamic programme when a report follows the template, and skips a template
year that cannot score as well: both are only valid if they give what the programme would."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, recognize_text

from linter.recognize.align import align, exact_alignment, find_runs, score_bound
from linter.recognize.regions import find_regions
from linter.recognize.tables import _row_specs
from linter.templates import all_templates

FILES = sorted((FIXTURES / "tables").iterdir()) + sorted((FIXTURES.parent.parent / "examples" / "reports").iterdir())


def _cases():
    for path in FILES:
        report = recognize_text(path.read_text(encoding="utf-8"), path.name)
        lines = report.document.lines
        for table_id, (first, last) in find_regions(report).items():
            runs = find_runs(lines[first:last + 1])[0]
            for year, template in all_templates().items():
                if runs:
                    yield pytest.param(runs, _row_specs(template, table_id), id=f"{path.name}-{table_id}-{year}")


CASES = list(_cases())


@pytest.mark.parametrize(("runs", "rows"), CASES)
def test_the_exact_alignment_is_the_programmes_and_no_alignment_beats_the_bound(runs, rows) -> None:
    programme = align(runs, rows)
    assert programme.score <= score_bound(runs, rows)
    exact = exact_alignment(runs, rows)
    if exact is not None:
        assert (exact.score, exact.missing, exact.extra) == (programme.score, programme.missing, programme.extra)
        assert [(m.run, m.row, m.label, m.similarity) for m in exact.matches] == \
               [(m.run, m.row, m.label, m.similarity) for m in programme.matches]


def test_the_fixtures_include_tables_aligned_exactly_and_tables_that_are_not() -> None:
    exact = [exact_alignment(runs, rows) is not None for runs, rows in (case.values for case in CASES)]
    assert any(exact) and not all(exact)
