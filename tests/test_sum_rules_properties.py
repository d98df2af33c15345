"""Properties of the sums on random tables 三: consistent tables pass, and any one changed cell is caught
by a finding that names it (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rule_helpers import run_rule
from tablefixtures import APPLICANTS, make_table, report_with

from linter.diagnostics import CellRef
from linter.identities import broken_instances, evaluate
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


cell_texts = st.one_of(st.integers(0, 9).map(str), st.sampled_from(["", "0.5", "1.50", "无", "若干", "-1"]))


@FAST
@given(st.dictionaries(st.sampled_from(OUTCOMES + ["一", "二", "（七）", "四"]),
                       st.lists(cell_texts, min_size=7, max_size=7), min_size=1, max_size=4),
       st.booleans())
@example({"（一）": ["0.5", "1", "1", "1", "1", "1", "5"]}, False)  # the integers alone would balance
def test_broken_instances_are_the_evaluated_instances_that_do_not_hold(changed, ambiguous) -> None:
    """The shortcut for integer and blank sides gives what evaluating every instance gives."""
    rows = {row.id: ["1"] * 6 + ["6"] for row in all_templates()["2021"].tables["三"].rows} | changed
    table = make_table("三", "2021", rows)
    if ambiguous:  # a total whose digits could be split in two ways
        table.cells[("（七）", "总计")] = replace(next(iter(table.cells.values())), row="（七）", column="总计",
                                                kind="ambiguous", value=None, candidates=frozenset({3, 12}))
    for identity in all_templates()["2021"].identities:
        arguments = (identity.expr, identity.for_each, identity.table, {"三": table})
        expected = [(o.bindings, o.left.value, o.right.value) for o in evaluate(*arguments) if not o.holds]
        assert [(o.bindings, o.left.value, o.right.value) for o in broken_instances(*arguments)] == expected
