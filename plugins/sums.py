"""Arithmetic of tables 三 and 四 (SUM001–SUM004) and the values of every cell (SUM005, SUM006).

The sums are the template's identities (rules/templates/*.yaml, field `code`), evaluated by
linter.identities on tables recognised as aligned only: a malformed table gets one TPL003
finding instead (plugins/template.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from linter.diagnostics import Finding, Related
from linter.hookspecs import hookimpl
from linter.identities import Outcome, broken_instances
from linter.model import Cell, Report
from linter.rules_api import Rule, RuleContext, per_report, rule
from linter.tablenames import cell_name, cell_ref, column_name, followed_year, row_name, row_title, template_of
from linter.templates import Identity, TableTemplate, all_templates
from linter.textnorm import squash

# What the parts of each sum are, as a clerk says it.
_PARTS = {
    "SUM001": "各申请人类别之和",
    "SUM002": "各办理结果之和",
    "SUM004": "结果维持、结果纠正、其他结果、尚未审结之和",
}

# Written in a cell to mean "nothing": reported as blank (SUM006), not as a wrong value.
_PLACEHOLDERS = {"无", "/", "\\", "-", "--", "—", "——", "－", "一"}


def identities(report: Report, code: str) -> Iterator[Identity]:
    """The identities behind `code`, from the template each table follows (either when unknown)."""
    templates = all_templates()
    seen: set[str] = set()
    for table in report.tables.values():
        template = templates.get(followed_year(report, table) or "") or next(iter(templates.values()))
        for identity in template.identities:
            if identity.code == code and identity.table == table.id and identity.id not in seen:
                seen.add(identity.id)
                yield identity


def part_name(cell: Cell, total: Cell, report: Report) -> str:
    """Name a part of a sum relative to the total: by column on its row, by row in its column."""
    template = template_of(report, cell.table)
    if cell.column == total.column:
        return row_name(cell.row, template)
    if cell.row == total.row:
        return column_name(cell.column, template).split("·")[-1]
    return cell_name(cell, template)


def shown(cell: Cell) -> str:
    if cell.kind == "ambiguous":
        return "/".join(map(str, sorted(cell.candidates))) if cell.candidates else "不确定"
    return "空" if cell.value is None else str(cell.value)


def _listing(cells: list[Cell], total: Cell, report: Report) -> str:
    return " + ".join(f"{part_name(c, total, report)} {shown(c)}" for c in cells)


def mismatch_message(code: str, outcome: Outcome, report: Report) -> str:
    total = outcome.total
    assert total is not None
    template = template_of(report, total.table)
    if len(outcome.left.cells) > 1:
        left, right = outcome.left, outcome.right
        return (f"表{total.table}·{column_name(total.column, template)}列：{_listing(left.cells, total, report)}"
                f" = {left.shown}，但 {_listing(right.cells, total, report)} = {right.shown}，两者应相等")
    parts = [c for c in outcome.right.cells if c.value or c.kind == "ambiguous"]
    detail = "、".join(f"{part_name(c, total, report)} {shown(c)}" for c in parts) or "各项均为 0"
    return (f"{cell_name(total, template)} 为 {shown(total)}，"
            f"但{_PARTS.get(code, '各分项之和')}为 {outcome.right.shown}（{detail}）")


_GROUPED = ("SUM001", "SUM002", "SUM003")
"""Identities of table 三 whose totals can be one cell: a wrong （七）总计 breaks all three."""


@dataclass
class _Broken:
    """An identity of the template the report's table does not keep, and how."""

    code: str
    identity: Identity
    outcome: Outcome

    @property
    def fingerprint(self) -> str:
        bindings = ",".join(f"{name}={value}" for name, value in self.outcome.bindings.items())
        return f"{self.identity.id}:{bindings}"


def _broken(report: Report, codes: tuple[str, ...]) -> dict[str, list[_Broken]]:
    """Every identity instance of `codes` that does not hold, by the id of its total cell, in code order."""
    found: dict[str, list[_Broken]] = {}
    for code in codes:
        for identity in identities(report, code):
            for outcome in broken_instances(identity.expr, identity.for_each, identity.table, report.tables):
                total = outcome.total
                # A blank total is one omission, reported once by SUM006, not as a wrong sum.
                if not (total is None or is_blank(total)):
                    found.setdefault(total.id, []).append(_Broken(code, identity, outcome))
    return found


@per_report
def _broken_totals(report: Report) -> dict[str, list[_Broken]]:
    """What `_broken` gives for SUM001–SUM003, which share their totals: made once per report."""
    return _broken(report, _GROUPED)


def _reports(code: str, report: Report, context: RuleContext) -> bool:
    settings = context.settings
    return settings is None or (settings.enabled(code) and not settings.ignored_in_file(report.path, code))


def _also(other: _Broken, report: Report) -> Related:
    """Another identity the same total breaks, at the first cell of its other side."""
    side = other.outcome.right.cells or other.outcome.left.cells
    return Related(side[0].location, f"{other.code}：{mismatch_message(other.code, other.outcome, report)}")


def sum_findings(report: Report, context: RuleContext, code: str) -> Iterator[Finding]:
    """A finding at the total cell of every instance of `code`'s identities that does not hold.

    A total that breaks identities of several of SUM001–SUM003 is one finding, by the first of
    those codes that reports in this file, naming the others (as related locations)."""
    by_total = _broken_totals(report) if code in _GROUPED else _broken(report, (code,))
    for broken in by_total.values():
        own = [b for b in broken if b.code == code]
        owner = next((b.code for b in broken if _reports(b.code, report, context)), code)
        if not own or owner != code:
            continue
        first, others = own[0], [b for b in broken if b is not own[0]]
        total = first.outcome.total
        assert total is not None
        also = "".join(f"；同一总计也使 {b.code}（{b.identity.id}）不成立" for b in others)
        yield Finding(
            mismatch_message(code, first.outcome, report) + also,
            total.location,
            cell=cell_ref(total),
            fingerprint=first.fingerprint,
            related=tuple(cell_ref(c) for c in first.outcome.left.cells[1:] + first.outcome.right.cells),
            related_locations=tuple(_also(b, report) for b in others),
        )


@rule("SUM001", "row-total-mismatch", "error")
def row_total_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表三某行的"总计"不等于六类申请人之和（恒等式 A2）

    表三每一行按申请人分为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列，
    再加"总计"列（国办公开办函〔2019〕60号、〔2021〕30号模板均没有"小计"列）。总计必然等于六列之和；不等说明
    有数字填错了列或总计漏加。只在能与模板对齐的表上计算（无法对齐的表见 TPL003）。

    错误示例：（七）总计 行：商业企业 1，其余为 0，总计 0。
    正确示例：（七）总计 行：商业企业 1，其余为 0，总计 1。
    """
    yield from sum_findings(report, context, "SUM001")


@rule("SUM002", "outcome-total-mismatch", "error")
def outcome_total_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表三某列的"（七）总计"不等于各办理结果之和（恒等式 A3）

    "三、本年度办理结果"下的（一）予以公开、（二）部分公开、（三）不予公开 1–8、（四）无法提供 1–3、
    （五）不予处理 1–5、（六）其他处理（2021 年模板为 1–3 三行）是互斥的办理结果，（七）总计是它们的和
    （两种模板表三相同）。（三）（四）（五）（六）本身是分组标签，不是小计行。

    错误示例：自然人列 （一）予以公开 3、（四）1 本机关不掌握 1，（七）总计 3。
    正确示例：同样的数字，（七）总计 4。
    """
    yield from sum_findings(report, context, "SUM002")


@rule("SUM003", "carry-over-mismatch", "error")
def carry_over_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表三某列：一（本年新收）+ 二（上年结转）≠（七）总计 + 四（结转下年度）（恒等式 A1）

    这是模板表头印明的勾稽关系："本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
    （2019、2021 年模板表三表头）：收到的申请要么本年办结，要么结转下年。

    错误示例：总计列 一 = 1、二 = 0，（七）总计 = 0、四 = 0。
    正确示例：总计列 一 = 1、二 = 0，（七）总计 = 1、四 = 0。
    """
    yield from sum_findings(report, context, "SUM003")


@rule("SUM004", "review-total-mismatch", "error")
def review_total_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表四某组的"总计"不等于结果维持、结果纠正、其他结果、尚未审结之和（恒等式 A4）

    表四分行政复议、未经复议直接起诉、复议后起诉三组，每组五列，前四列是互斥的结果，第五列为总计
    （2019、2021 年模板表四）。

    错误示例：行政复议 结果维持 10、结果纠正 1、其他结果 0、尚未审结 0、总计 0。
    正确示例：行政复议 结果维持 10、结果纠正 1、其他结果 0、尚未审结 0、总计 11。
    """
    yield from sum_findings(report, context, "SUM004")


# --- cell values ----------------------------------------------------------------------------------

@per_report
def typed_cells(report: Report) -> list[tuple[Cell, str, TableTemplate]]:
    """Each cell of each aligned table with its column kind (count/signed/money) and table template
    (listed once per report: SUM005 and SUM006 read it)."""
    typed = []
    for table in report.tables.values():
        template = template_of(report, table.id)
        if template is None or not table.aligned:
            continue
        for cell in table.cells.values():
            column = template.column(cell.row, cell.column)
            if column is not None:
                typed.append((cell, column.kind, template))
    return typed


def is_placeholder(cell: Cell) -> bool:
    return cell.kind == "text" and squash(cell.raw) in _PLACEHOLDERS


def value_problem(cell: Cell, kind: str) -> str | None:
    """Why `cell`'s value does not fit a column of `kind`, or None when it does."""
    if cell.kind == "int" and cell.value >= 0:  # most cells
        return None
    if is_blank(cell) or cell.kind == "ambiguous":  # every candidate of an ambiguous cell fits its column
        return None
    if cell.kind == "text" or cell.value is None:
        return f"填写了“{cell.raw.strip()}”，应为数字"
    if cell.value < 0 and kind != "signed":
        return f"为 {cell.raw.strip()}，{'金额' if kind == 'money' else '件数'}不能为负数"
    if kind != "money" and isinstance(cell.value, Decimal) and cell.value != cell.value.to_integral_value():
        return f"为 {cell.raw.strip()}，{'增减数' if kind == 'signed' else '件数'}应为整数"
    return None


@rule("SUM005", "invalid-cell-value", "error")
def invalid_cell_value(report: Report, context: RuleContext) -> Iterator[Finding]:
    """单元格的值不符合该列的要求：件数为负数或小数，或填了文字

    表二、三、四的件数列只能是非负整数；例外是 2019 年模板的"本年增/减"（可带正负号，如 "+2"、"-3"）
    和金额列（采购总金额、本年收费金额，可为小数并带单位，如 "50.920543 万元"）。
    "无"、"/"、"—" 等表示"没有"的符号按空白处理（见 SUM006）。

    错误示例：（一）予以公开·自然人 填 "-1"、"1.5" 或 "若干"。
    正确示例：（一）予以公开·自然人 填 "1"；本年增/减 填 "+2"；采购总金额 填 "50.92 万元"。
    """
    for cell, kind, template in typed_cells(report):
        problem = value_problem(cell, kind)
        if problem:
            yield Finding(f"{cell_name(cell, template)} {problem}", cell.location, cell=cell_ref(cell),
                          fingerprint=cell.id)


def is_blank(cell: Cell) -> bool:
    return cell.kind == "blank" or is_placeholder(cell)


def ends_its_line(cell: Cell, report: Report) -> bool:
    """Whether nothing but white space follows a cell on its line of a text file (a trailing
    tab-separated field; a Markdown pipe table closes its blank cells with "|")."""
    document = report.document
    if document.format not in ("text", "markdown") or not 0 < cell.location.line <= len(document.lines):
        return False
    return not document.lines[cell.location.line - 1].text[cell.location.column - 1:].strip()


def lost_trailing_zero(blank: Cell, row: list[Cell], report: Report) -> bool:
    """A trailing empty field of a line whose other cells are all 0.

    Web and Word exports drop or add the last cell of rows next to merged cells, so such a blank
    is more often an artefact than an omission, and reading it as 0 changes nothing.
    """
    return ends_its_line(blank, report) and all(c.value == 0 for c in row if c is not blank)


def _runs(blanks: set[str], lines: list[list[Cell]]) -> list[list[Cell]]:
    """Maximal runs of consecutive cells in `lines` (rows or columns) whose ids are in `blanks`."""
    runs, current = [], []
    for line in lines:
        for cell in line + [None]:
            if cell is not None and cell.id in blanks:
                current.append(cell)
            elif current:
                runs.append(current)
                current = []
    return runs


def _blank_runs(cells: list[Cell], blanks: set[str]) -> Iterator[list[Cell]]:
    """The blanks of one table as runs along rows or columns, longest first, each blank in one run."""
    if not blanks:
        return
    rows: dict[str, list[Cell]] = {}
    columns: dict[str, list[Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
        columns.setdefault(cell.column, []).append(cell)
    remaining = set(blanks)
    while remaining:
        runs = _runs(remaining, list(rows.values())) + _runs(remaining, list(columns.values()))
        longest = max(runs, key=len)
        if len(longest) == 1:
            yield from ([c] for c in cells if c.id in remaining)
            return
        remaining -= {c.id for c in longest}
        yield longest


def blank_groups(report: Report) -> Iterator[tuple[list[Cell], TableTemplate]]:
    """Blank cells grouped into runs along a row or a column (a trailing blank of a row of zeros aside)."""
    tables: dict[str, tuple[list[Cell], TableTemplate]] = {}
    for cell, _, template in typed_cells(report):
        tables.setdefault(cell.table, ([], template))[0].append(cell)
    for cells, template in tables.values():
        candidates = [c for c in cells if is_blank(c)]
        if not candidates:
            continue
        by_row: dict[str, list[Cell]] = {}
        for cell in cells:
            by_row.setdefault(cell.row, []).append(cell)
        blanks = {c.id for c in candidates if not lost_trailing_zero(c, by_row[c.row], report)}
        yield from ((run, template) for run in _blank_runs(cells, blanks))


def _blank_message(group: list[Cell], template: TableTemplate, row: list[Cell]) -> tuple[str, str]:
    """What is blank, in words, and the fingerprint (a single cell's or a whole row's as before)."""
    first, last = group[0], group[-1]
    if len(group) == 1:
        return f"{cell_name(first, template)} 为空", first.id
    if len(group) == len(row) and first.row == last.row:
        return f"{row_title(first.table, first.row, template)} 整行为空", f"{first.table}:{first.row}:*"
    if first.row == last.row:
        columns = f"{column_name(first.column, template)}至{column_name(last.column, template)}"
        return f"{row_title(first.table, first.row, template)} {columns} {len(group)}格为空", first.id
    rows = f"{row_name(first.row, template)}至{row_name(last.row, template)}"
    return f"表{first.table}·{column_name(first.column, template)}列 {rows} {len(group)}格为空", first.id


@rule("SUM006", "blank-cell", "warning")
def blank_cell(report: Report, context: RuleContext) -> Iterator[Finding]:
    """应填数字的单元格为空（或只填了"无""/""—"）

    模板要求每格填数，没有发生的事项填 0。空格在核对合计时按 0 计算，但读者无法
    区分"没有"与"漏填"，所以单独提示；同一行或同一列连续的空格只提示一次，写明几格、从哪格到哪格，
    其余各格作为相关位置。总计为空时只在此提示，不再报合计错误。
    同一行其余各格都是 0 时，制表符分隔的行末空字段不提示：网页、Word 导出时合并单元格旁的行常多出
    或少掉行末的格，多半不是漏填，按 0 理解也不改变任何合计。

    错误示例：表四 未经复议直接起诉·尚未审结 一格为空（制表符之间什么也没有）。
    正确示例：该格填 0。
    """
    for group, template in blank_groups(report):
        cell = group[0]
        row = [c for c in report.tables[cell.table].cells.values() if c.row == cell.row]
        what, fingerprint = _blank_message(group, template, row)
        yield Finding(f"{what}，应填写数字（没有发生的填 0）", cell.location, cell=cell_ref(cell),
                      fingerprint=fingerprint, related=tuple(cell_ref(c) for c in group[1:]),
                      related_locations=tuple(Related(c.location, f"{cell_name(c, template)} 为空") for c in group[1:]))


RULES = [row_total_mismatch, outcome_total_mismatch, carry_over_mismatch, review_total_mismatch,
         invalid_cell_value, blank_cell]


@hookimpl
def govlint_rules() -> list[Rule]:
    return RULES
