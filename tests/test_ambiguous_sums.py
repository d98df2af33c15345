"""Sum rules on ambiguous cells (digits run together, several readings): an identity is broken
only when every reading of its cells breaks it."""

from __future__ import annotations

import dataclasses

from rule_helpers import run_rule
from tablefixtures import report_with, table_four, table_three

from linter.model import Table


def ambiguous(table: Table, row: str, column: str, candidates: set[int] | None) -> Table:
    cell = table.cells[(row, column)]
    table.cells[(row, column)] = dataclasses.replace(
        cell, value=None, kind="ambiguous", candidates=None if candidates is None else frozenset(candidates))
    return table


def test_a_total_one_reading_reaches_holds() -> None:
    # （七）总计·总计 is 3 = （一）2 + （四）1 1; （一）·总计 may be 2 or 20.
    report = report_with(ambiguous(table_three(), "（一）", "总计", {2, 20}))
    assert run_rule("SUM002", report) == []


def test_a_total_no_reading_reaches_is_reported_with_the_readings() -> None:
    report = report_with(ambiguous(table_three(), "（一）", "总计", {5, 50}))
    [finding] = run_rule("SUM002", report)
    assert (finding.cell.row, finding.cell.column) == ("（七）", "总计")
    assert "5/50" in finding.message and "1/" not in finding.message


def test_an_ambiguous_total_is_checked_against_its_candidates() -> None:
    table = ambiguous(table_four([1, 0, 0, 0, 1] + [0] * 10), "数量", "行政复议/总计", {1, 10})
    assert run_rule("SUM004", report_with(table)) == []
    table = ambiguous(table_four([1, 0, 0, 0, 1] + [0] * 10), "数量", "行政复议/总计", {2, 20})
    [finding] = run_rule("SUM004", report_with(table))
    assert "2/20" in finding.message


def test_unknown_candidates_never_break_a_sum_nor_are_invalid_values() -> None:
    report = report_with(ambiguous(table_three(), "（一）", "总计", None))
    assert run_rule("SUM002", report) == run_rule("SUM005", report) == run_rule("SUM006", report) == []
