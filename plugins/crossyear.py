"""Checks across years: the same body's reports for consecutive years, checked in one run
(DOMAIN.md §7 X1 and X2). Run over a supervisor's folder holding several years, or name last
year's report beside this year's: `govlint check 2023/报告.txt 2024/报告.txt`."""

from __future__ import annotations

import os
from collections.abc import Iterator

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.model import Cell, Report, Table
from linter.rules_api import RuleContext, corpus_rule
from linter.tablenames import cell_name, cell_ref, template_of
from linter.textnorm import squash


def consecutive_years(reports: list[Report]) -> Iterator[tuple[Report, Report]]:
    """(this year's report, last year's report) for each report whose body has a report for the
    year before in the run (`linter.corpus.bodies.predecessors`: one predecessor per report,
    found in time linear in the number of reports)."""
    from linter.corpus.bodies import BodyYear, predecessors

    entries = [BodyYear(squash(r.body) if r.body else None, r.body_kind, r.year) for r in reports]
    for report, previous in zip(reports, predecessors(entries), strict=True):
        if previous is not None:
            yield report, reports[previous]


def _aligned(report: Report, table_id: str) -> Table | None:
    table = report.tables.get(table_id)
    return table if table is not None and table.aligned else None


def _name(report: Report, cell: Cell) -> str:
    return cell_name(cell, template_of(report, cell.table))


def _value(cell: Cell | None) -> int | None:
    return cell.value if cell is not None and cell.kind == "int" else None


@corpus_rule("XYR001", "carry-over-across-years", severity="warning")
def check_carry_over(reports: list[Report], context: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致。

    What a request carried forward at the end of year N−1 (四、结转下年度继续办理) is what year N
    carries over (二、上年结转政府信息公开申请数量), column by column (DOMAIN.md §7 X1). Checked
    when the same body's reports for both years are in one run, on aligned tables only. A warning:
    a body may have been merged or split between the years.

    错误示例：2023年报告 四、结转下年度继续办理·自然人 为 2，2024年报告 二、上年结转·自然人 为 0。
    正确示例：两者均为 2。
    """
    for current, previous in consecutive_years(reports):
        this_year, last_year = _aligned(current, "三"), _aligned(previous, "三")
        if this_year is None or last_year is None:
            continue
        for (row, column), cell in this_year.cells.items():
            carried = last_year.cell("四", column)
            if row != "二" or _value(cell) is None or _value(carried) is None or cell.value == carried.value:
                continue
            yield current, Finding(
                f"{_name(current, cell)} 为 {cell.value}，但上一年度（{previous.year}年）报告 "
                f"{os.path.basename(previous.path)} 的 {_name(previous, carried)} 为 {carried.value}，两者应相等",
                cell.location, cell=cell_ref(cell), related=(cell_ref(carried),),
                fingerprint=f"X1:{column}:{previous.year}")


@corpus_rule("XYR002", "regulations-in-force-across-years", severity="info")
def check_in_force(reports: list[Report], context: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """表二“现行有效件数”与上一年度报告及本年制发、废止件数对不上。

    In the 2021 template, 现行有效件数 of year N should be 现行有效件数 of year N−1 plus 本年制发件数
    minus 本年废止件数 of year N, for 规章 and 行政规范性文件 (DOMAIN.md §7 X2). Clean-ups of old
    documents legitimately break it, so it is only information. Checked when the same body's
    reports for both years are in one run and both tables 二 follow the 2021 template.

    错误示例：2023年 行政规范性文件·现行有效件数 5；2024年 制发 3、废止 0、现行有效 7。
    正确示例：2024年 现行有效 8（5 + 3 − 0）。
    """
    for current, previous in consecutive_years(reports):
        this_year, last_year = _aligned(current, "二"), _aligned(previous, "二")
        if this_year is None or last_year is None:
            continue
        for row in ("规章", "行政规范性文件"):
            in_force, made, repealed = (this_year.cell(row, column)
                                        for column in ("现行有效件数", "本年制发件数", "本年废止件数"))
            before = last_year.cell(row, "现行有效件数")
            values = [_value(c) for c in (in_force, made, repealed, before)]
            if None in values:
                continue
            now, new, gone, then = values
            if now != then + new - gone:
                yield current, Finding(
                    f"{_name(current, in_force)} 为 {now}，但上一年度（{previous.year}年）现行有效 {then} "
                    f"+ 本年制发 {new} − 本年废止 {gone} = {then + new - gone}（如有集中清理，可忽略）",
                    in_force.location, cell=cell_ref(in_force), related=(cell_ref(before),),
                    fingerprint=f"X2:{row}:{previous.year}")


@hookimpl
def govlint_rules() -> list:
    return [check_carry_over, check_in_force]
