"""Properties of the sums on random tables 三: consistent tables pass, and any one changed cell is caught
by a finding that names it (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rule_helpers import run_rule
from tablefixtures import APPLICANTS, make_table, report_with

from linter.diagnostics import CellRef
from linter.templates import all_templates

OUTCOMES = [r.id for r in all_templates()["2021"].tables["三"].rows if r.id not in ("一", "二", "（七）", "四")]
SUM_CODES = ("SUM001", "SUM002", "SUM003")
FAST = settings(max_examples=40, deadline=None)

counts = st.lists(st.integers(0, 30), min_size=6, max_size=6)


@st.composite
def consistent_rows(draw) -> dict[str, list[int]]:
    """A table 三 whose every identity holds: outcomes and carry-over drawn, the rest derived."""
    rows = {row: draw(counts) for row in OUTCOMES + ["四", "二"]}
    handled = [sum(rows[row][i] for row in OUTCOMES) for i in range(6)]
    rows["（七）"] = handled
    # 一 + 二 = （七） + 四, with 一 never negative: carry over at most what was handled or carried on.
    rows["二"] = [min(c, h + f) for c, h, f in zip(rows["二"], handled, rows["四"], strict=True)]
    rows["一"] = [h + f - c for c, h, f in zip(rows["二"], handled, rows["四"], strict=True)]
    return {row: values + [sum(values)] for row, values in rows.items()}


def findings(rows: dict[str, list[int]]) -> list:
    report = report_with(make_table("三", "2021", rows))
    return [f for code in SUM_CODES for f in run_rule(code, report)]


@FAST
@given(consistent_rows())
def test_a_consistent_table_has_no_sum_finding(rows) -> None:
    assert findings(rows) == []


@FAST
@given(consistent_rows(), st.sampled_from(OUTCOMES + ["一", "二", "（七）", "四"]), st.integers(0, 6),
       st.integers(1, 9))
def test_one_changed_cell_is_named_by_a_sum_finding(rows, row, column, change) -> None:
    rows[row][column] += change
    changed = CellRef("三", row, APPLICANTS[column])
    named = {ref for f in findings(rows) for ref in (f.cell, *f.related)}
    assert changed in named
