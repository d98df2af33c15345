"""Checks across years: the same body's reports for consecutive years, checked in one run
(DOMAIN.md §7 X1 and X2). Run over a supervisor's folder holding several years, or name last
year's report beside this year's: `govlint check 2023/报告.txt 2024/报告.txt`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from linter.corpus.packed import Locations
from linter.corpus.spill import Detail, SpillFile
from linter.diagnostics import CellRef, Finding
from linter.hookspecs import hookimpl
from linter.model import Location, Report
from linter.rules_api import RuleContext, corpus_rule
from linter.tablenames import cell_name, followed_year, table_template
from linter.textnorm import squash

_COMPARED = {"三": ("二", "四"), "二": ("规章", "行政规范性文件")}
"""The rows XYR001 (table 三) and XYR002 (table 二) compare across years."""


class ComparedCell(NamedTuple):
    """Cell `index` of a summary and its value; its place and name are made only for a finding."""

    summary: YearSummary
    index: int
    value: int

    @property
    def ref(self) -> CellRef:
        return CellRef(*self.summary.ids[self.index])

    @property
    def location(self) -> Location:
        return self.summary.places[self.index]

    @property
    def name(self) -> str:
        """As a clerk names it: "表三 二、上年结转政府信息公开申请数量·自然人"."""
        table = self.summary.ids[self.index][0]
        return cell_name(self.ref, table_template(table, dict(self.summary.templates)[table]))


@dataclass(frozen=True, slots=True)
class YearSummary:
    """What the cross-year rules compare of one report, made where the report is checked: its
    body and year, and in a `Detail` the run spills to its temporary file (`linter.corpus.spill`)
    its compared cells, read back for the reports compared with another year and for findings
    (reading the summary back for linking the years does not read them)."""

    path: str
    body: str
    """Squashed, for comparing names."""
    body_kind: str | None
    year: int
    cells: Detail[tuple[tuple[tuple[str, str | None], ...], tuple[tuple[str, str, str], ...], tuple[int, ...],
                        Locations]]
    """(table, the template year it follows) of the tables compared; their compared rows' int
    cells as (table, row, column) in table order; each cell's value; where each stands."""

    @property
    def templates(self) -> tuple[tuple[str, str | None], ...]:
        return self.cells.value[0]

    @property
    def ids(self) -> tuple[tuple[str, str, str], ...]:
        return self.cells.value[1]

    @property
    def values(self) -> tuple[int, ...]:
        return self.cells.value[2]

    @property
    def places(self) -> Locations:
        return self.cells.value[3]

    def __reduce__(self) -> tuple:
        """Pickled as its fields (a slotted dataclass's own state is restored field by field in Python)."""
        return YearSummary, (self.path, self.body, self.body_kind, self.year, self.cells)

    def spill(self, file: SpillFile) -> None:
        """Write the cells to the run's spill file."""
        self.cells.spill(file)

    def value(self, table: str, row: str, column: str) -> ComparedCell | None:
        _, ids, values, _ = self.cells.value
        try:
            index = ids.index((table, row, column))
        except ValueError:
            return None
        return ComparedCell(self, index, values[index])

    def row(self, table: str, row: str) -> list[ComparedCell]:
        _, ids, values, _ = self.cells.value
        return [ComparedCell(self, i, values[i]) for i, (t, r, _) in enumerate(ids) if (t, r) == (table, row)]


def summarize_years(report: Report) -> YearSummary | None:
    """The report's body, year and compared cells; None without a body or a year."""
    if not (report.body and report.year):
        return None
    templates, cells = [], []
    for table_id, rows in _COMPARED.items():
        table = report.tables.get(table_id)
        if table is None or not table.aligned:
            continue
        templates.append((table_id, followed_year(report, table)))
        cells.extend(cell for (row, _), cell in table.cells.items()
                     if row in rows and cell.kind == "int" and cell.value is not None)
    return YearSummary(report.path, sys.intern(squash(report.body)), report.body_kind, report.year,
                       Detail((tuple(templates), tuple((cell.table, cell.row, cell.column) for cell in cells),
                               tuple(cell.value for cell in cells), Locations(cell.location for cell in cells))))


def consecutive_years(reports: Sequence[YearSummary]) -> Iterator[tuple[int, YearSummary, YearSummary]]:
    """(the position of this year's report, it, last year's report) for each report whose body
    has a report for the year before in the run (`linter.corpus.bodies.predecessors`: one
    predecessor per report, found in time linear in the number of reports)."""
    from linter.corpus.bodies import BodyYear, predecessors

    for index, previous in enumerate(predecessors([BodyYear(r.body, r.body_kind, r.year) for r in reports])):
        if previous is not None:
            yield index, reports[index], reports[previous]


@corpus_rule("XYR001", "carry-over-across-years", severity="warning", summarize=summarize_years)
def check_carry_over(reports: Sequence[YearSummary], context: RuleContext) -> Iterator[tuple[int, Finding]]:
    """表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致。

    What a request carried forward at the end of year N−1 (四、结转下年度继续办理) is what year N
    carries over (二、上年结转政府信息公开申请数量), column by column (DOMAIN.md §7 X1). Checked
    when the same body's reports for both years are in one run, on aligned tables only. A warning:
    a body may have been merged or split between the years.

    错误示例：2023年报告 四、结转下年度继续办理·自然人 为 2，2024年报告 二、上年结转·自然人 为 0。
    正确示例：两者均为 2。
    """
    for index, current, previous in consecutive_years(reports):
        for this_year in current.row("三", "二"):
            column = this_year.ref.column
            last_year = previous.value("三", "四", column)
            if last_year is None or this_year.value == last_year.value:
                continue
            yield index, Finding(
                f"{this_year.name} 为 {this_year.value}，但上一年度（{previous.year}年）报告 "
                f"{os.path.basename(previous.path)} 的 {last_year.name} 为 {last_year.value}，两者应相等",
                this_year.location, cell=this_year.ref, related=(last_year.ref,),
                fingerprint=f"X1:{column}:{previous.year}")


@corpus_rule("XYR002", "regulations-in-force-across-years", severity="info", summarize=summarize_years)
def check_in_force(reports: Sequence[YearSummary], context: RuleContext) -> Iterator[tuple[int, Finding]]:
    """表二“现行有效件数”与上一年度报告及本年制发、废止件数对不上。

    In the 2021 template, 现行有效件数 of year N should be 现行有效件数 of year N−1 plus 本年制发件数
    minus 本年废止件数 of year N, for 规章 and 行政规范性文件 (DOMAIN.md §7 X2). Clean-ups of old
    documents legitimately break it, so it is only information. Checked when the same body's
    reports for both years are in one run and both tables 二 follow the 2021 template.

    错误示例：2023年 行政规范性文件·现行有效件数 5；2024年 制发 3、废止 0、现行有效 7。
    正确示例：2024年 现行有效 8（5 + 3 − 0）。
    """
    for index, current, previous in consecutive_years(reports):
        for row in _COMPARED["二"]:
            cells = [current.value("二", row, column) for column in ("现行有效件数", "本年制发件数", "本年废止件数")]
            cells.append(previous.value("二", row, "现行有效件数"))
            if None in cells:
                continue
            in_force, _, _, before = cells
            now, new, gone, then = (c.value for c in cells)
            if now != then + new - gone:
                yield index, Finding(
                    f"{in_force.name} 为 {now}，但上一年度（{previous.year}年）现行有效 {then} "
                    f"+ 本年制发 {new} − 本年废止 {gone} = {then + new - gone}（如有集中清理，可忽略）",
                    in_force.location, cell=in_force.ref, related=(before.ref,),
                    fingerprint=f"X2:{row}:{previous.year}")


@hookimpl
def govlint_rules() -> list:
    return [check_carry_over, check_in_force]
