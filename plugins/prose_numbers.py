"""Numbers in the prose: a stated total and the parts listed after 其中 (SUM101, SUM102), and figures
that the tables also give (SUM201)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.plugins.textscan import Passage, fingerprint, passages

from linter.diagnostics import CellRef, Finding
from linter.hookspecs import hookimpl
from linter.memo import per_line
from linter.model import Cell, Report
from linter.rules_api import RuleContext, per_report, rule
from linter.tablenames import cell_ref
from linter.textnorm import squash

_UNITS = "条件个项次篇期份场则"
# Units that count the same things: published items (条, 篇, 则), occasions (次, 场, 期).
_SAME_UNIT = {"篇": "条", "则": "条", "场": "次", "期": "次"}
# "主动公开政府信息66条，其中包括政策文件6条，……"; an approximate total (余/多/约) is not a sum.
_TOTAL = re.compile(rf"(?<![\d.])(\d{{1,9}})\s*([{_UNITS}])(?![余多])\s*[，,:：]?\s*其中(?:包括|包含|有)?\s*[:：]?")
# "主动公开政府信息364条，人事信息17条，……类信息308条，……": a total of information followed
# directly by three or more kinds of information, without 其中.
_INFO_TOTAL = re.compile(
    r"(?:公开|发布)[^，,。；;\d]{0,8}?信息\s*(?:共计?|总计|合计)?\s*(\d{1,9})\s*(条)(?![余多])\s*[，,:：]")
_INFO_PART = re.compile(r"^[^，,。；;\d]{1,20}?信息\s*\d+\s*条$")
_APPROXIMATE = re.compile(r"(?:约|近|超过|逾|达)\s*$")
_PART = re.compile(rf"(?<![\d.%])(\d{{1,9}})\s*([{_UNITS}])")
_LIST_END = re.compile(r"[。；;]|另有|此外|另外|同比|较上年|比上年")
_SENTENCE = re.compile(r"[^。；;]*[。；;]?")
# A sentence that starts anew (a total, a time, a new subject) does not continue a list.
_NEW_STATEMENT = re.compile(r"共|总|累计|全年|合计|其中|本年|\d{4}\s*年")
_CONTINUATIONS = 2
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_UNSAFE_PART = re.compile(r"[%％]|万|亿|千|\d\.\d|余|多|以上|以下|左右")


@dataclass(frozen=True)
class ProseSum:
    """A total stated in prose and the parts listed after it ("共15件，其中…3件、…12件")."""

    total: int
    unit: str
    parts: tuple[int, ...]
    start: int
    end: int
    listed: str = "“其中”所列"


def _unit(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


def _all_parts(segment: str) -> bool:
    clauses = [c for c in re.split(r"[，,、]", segment) if c.strip()]
    return bool(clauses) and not _NEW_STATEMENT.search(segment) and all(_PART.search(c) for c in clauses)


def _list_after(text: str, start: int) -> str:
    """The text of a list from `start`: to the end of its sentence, and on through the following
    sentences that hold nothing but more parts ("…其中A 3条。B 4条、C 5条。"). A list that goes
    on after a "；" with items not counted, or longer than we follow, is only its first sentence."""
    stop = _LIST_END.search(text, start)
    first = end = stop.start() if stop else len(text)
    for _ in range(_CONTINUATIONS + 1):
        if not stop or text[stop.start()] not in "。；;":
            return text[start:end]
        sentence = _SENTENCE.match(text, stop.end())
        segment = sentence.group(0).rstrip("。；;") if sentence else ""
        if not _all_parts(segment):
            return text[start:end if text[stop.start()] == "。" or not segment.strip() else first]
        end = stop.end() + len(segment)
        stop = _LIST_END.search(text, end)
    return text[start:first]


def _parts(listed: str, unit: str) -> list[tuple[int, int]] | None:
    """(value, end offset) of each part, when the list is a plain partition in the total's unit."""
    if _UNSAFE_PART.search(_BRACKETED.sub("", listed)) or "其中" in listed:
        return None  # rates, rounded or nested figures: not a plain partition
    parts = [(int(p.group(1)), p.group(2), p.end()) for p in _PART.finditer(_BRACKETED.sub(_blank, listed))]
    if len(parts) < 2 or any(_unit(part_unit) != _unit(unit) for _, part_unit, _ in parts):
        return None
    return [(value, end) for value, _, end in parts]


def _prose_sums(text: str) -> Iterator[ProseSum]:
    for match in _TOTAL.finditer(text):
        if _APPROXIMATE.search(text[max(0, match.start() - 3):match.start()]):
            continue
        total, unit = int(match.group(1)), match.group(2)
        parts = _parts(_list_after(text, match.end()), unit)
        if parts:
            yield ProseSum(total, unit, tuple(value for value, _ in parts), match.start(), match.end() + parts[-1][1])
    yield from _information_sums(text)


def _information_sums(text: str) -> Iterator[ProseSum]:
    """A total of information followed by its kinds without 其中: only when every clause up to the
    end of the sentence is "…信息 N条" and there are at least three of them."""
    for match in _INFO_TOTAL.finditer(text):
        if _APPROXIMATE.search(text[max(0, match.start(1) - 3):match.start(1)]):
            continue
        stop = _LIST_END.search(text, match.end())
        listed = text[match.end():stop.start() if stop else len(text)]
        clauses = re.split(r"[，,、]", listed)
        if len(clauses) < 3 or not all(_INFO_PART.match(c.strip()) for c in clauses):
            continue
        parts = _parts(listed, "条")
        if parts:
            yield ProseSum(int(match.group(1)), "条", tuple(value for value, _ in parts), match.start(1),
                           match.end() + parts[-1][1], "其后所列")


def _blank(match: re.Match) -> str:
    """Keep offsets while hiding bracketed asides (含上年结转34件) from the list of parts."""
    return " " * len(match.group(0))


def _message(found: ProseSum, relation: str) -> str:
    parts = " + ".join(str(p) for p in found.parts)
    return (f"正文称总数{found.total}{found.unit}，但{found.listed}各项之和为 {parts} = {sum(found.parts)}"
            f"{found.unit}，{relation}")


@per_report
def _passage_sums(report: Report) -> list[tuple[Passage, ProseSum]]:
    """Every total with its listed parts in the report's prose (SUM101 and SUM102 read both)."""
    return [(passage, found) for passage in passages(report) for found in _sums_in(passage.text)]


@per_line  # a stock paragraph comes again in report after report
def _sums_in(text: str) -> tuple[ProseSum, ...]:
    return tuple(_prose_sums(text))


def _sum_findings(report: Report, exceeds: bool) -> Iterator[Finding]:
    for passage, found in _passage_sums(report):
        listed = sum(found.parts)
        if (listed > found.total) if exceeds else (listed < found.total):
            relation = "超过了总数"
            if not exceeds:
                relation = f"比总数少{found.total - listed}{found.unit}（若所列不是全部类别，可忽略）"
            yield Finding(_message(found, relation), passage.locate(found.start, found.end),
                          fingerprint=fingerprint("SUM1", found.total, *found.parts))


@rule("SUM101", "prose-parts-exceed-total", "error")
def check_parts_exceed_total(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文中“其中”所列各项之和超过所述总数。

    “主动公开政府信息285条，其中A 274条、B 5条……”：各项是总数的组成部分，之和不能超过
    总数（DOMAIN.md §7 N1）。约数（“5500余条”）、百分比和括号中的补充说明不参与计算。
    列举可以跨句（下一句只有各项数字时接着相加），可以以“等”结尾；条、篇、则视为同一单位，
    次、场、期也是；不写“其中”而在信息总数后直接列出三类以上“……信息N条”的也计算。

    错误示例：办理申请10件，其中予以公开6件，不予公开5件。
    正确示例：办理申请10件，其中予以公开6件，不予公开4件。
    """
    yield from _sum_findings(report, exceeds=True)


@rule("SUM102", "prose-parts-short-of-total", "warning")
def check_parts_short_of_total(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文中“其中”所列各项之和少于所述总数（列举可能不完整，故为警告）。

    “主动公开政府信息66条，其中包括政策文件6条……政务动态等53条”，各项相加为65条：
    要么总数错了，要么漏列了一类（DOMAIN.md §7 N1：少于总数只作警告）。

    错误示例：主动公开政府信息66条，其中政策文件6条，重点领域信息3条，政务动态等56条。
    正确示例：主动公开政府信息65条，其中政策文件6条，重点领域信息3条，政务动态等56条。
    """
    yield from _sum_findings(report, exceeds=False)


@dataclass(frozen=True)
class _Fact:
    """A figure the prose states and the table cells that give the same figure."""

    what: str
    pattern: re.Pattern
    table: str
    cells: tuple[tuple[str, str], ...]
    """(row, column) pairs added up; a column id may differ by template year: see `_CELL_BY_YEAR`."""
    result: bool = False
    """A handling result of the year's requests: "其中，同意公开3件" is still the body's whole count."""
    word: str = "件"
    """Words every match contains: a passage without them is not searched (most patterns start with
    look-behinds, which the regular expression engine tries at every character)."""


def _total_of(*rows: str) -> tuple[tuple[str, str], ...]:
    return tuple((row, "总计") for row in rows)


_N = r"(?<![\d.])(\d{1,9})\s*件"
_FACTS = (
    _Fact("本年新收政府信息公开申请",
          re.compile(rf"(?:收到|受理|新收)[^，,。；;\d复诉]{{0,12}}?公开申请\s*(?:共计?)?{_N}(?![余多])"),
          "三", (("一", "总计"),), word="公开申请"),
    _Fact("上年结转政府信息公开申请", re.compile(rf"(?:上年|上一年|上年度)结转[^，,。；;\d]{{0,8}}?{_N}"),
          "三", (("二", "总计"),), word="结转"),
    _Fact("结转下年度继续办理的申请", re.compile(rf"{_N}[^，,。；;\d]{{0,6}}?(?:结转|顺延)(?:到|至)?下一?年度"),
          "三", (("四", "总计"),), word="年度"),
    # "收到申请70件，办结69件，结转1件": the year's applications, handled and carried forward.
    _Fact("结转下年度继续办理的申请", re.compile(rf"(?<!上年)(?<!上一年)(?<!上年度)(?<!去年)结转\s*{_N}(?![余多])"),
          "三", (("四", "总计"),), word="结转"),
    _Fact("本年度办结的申请",
          re.compile(rf"(?<!按时)(?<!限时)(?<!及时)(?<!逾期)(?<!超期)(?<!按期)办结(?:申请)?\s*(?:共计?)?{_N}(?![余多])"),
          "三", (("（七）", "总计"),), word="办结"),
    # "予以公开及部分公开208件" adds two results: a result joined to another is not compared.
    _Fact("予以公开的申请", re.compile(rf"(?<![不及和与、])(?:予以公开|同意公开)\s*(?:共计?)?{_N}(?![余多])"),
          "三", _total_of("（一）"), result=True, word="公开"),
    _Fact("部分公开的申请", re.compile(rf"(?<![及和与、])(?:部分公开|区分处理后?(?:予以)?公开)\s*{_N}(?![余多])"),
          "三", _total_of("（二）"), result=True, word="公开"),
    _Fact("不予公开的申请", re.compile(rf"(?<![及和与、])不予公开\s*{_N}(?![余多])"),
          "三", _total_of(*(f"（三）{i}" for i in range(1, 9))), result=True, word="不予公开"),
    _Fact("无法提供的申请", re.compile(rf"(?<![及和与、])无法提供\s*{_N}(?![余多])"),
          "三", _total_of("（四）1", "（四）2", "（四）3"), result=True, word="无法提供"),
    _Fact("不予处理的申请", re.compile(rf"(?<![及和与、])不予处理\s*{_N}(?![余多])"),
          "三", _total_of(*(f"（五）{i}" for i in range(1, 6))), result=True, word="不予处理"),
    _Fact("政府信息公开行政复议", re.compile(rf"行政复议(?:案件|申请)?\s*(?:共计?|累计)?{_N}"),
          "四", (("数量", "行政复议/总计"),), word="行政复议"),
    _Fact("政府信息公开行政诉讼", re.compile(rf"行政诉讼(?:案件)?\s*(?:共计?|累计)?{_N}"),
          "四", (("数量", "未经复议直接起诉/总计"), ("数量", "复议后起诉/总计")), word="行政诉讼"),
    _Fact("本年制发规章", re.compile(rf"(?:制发|新制作|出台|制定|印发)[^，,。；;\d]{{0,6}}?规章\s*{_N}"),
          "二", (("规章", "本年制发件数"),), word="规章"),
    _Fact("本年制发规范性文件", re.compile(rf"(?:制发|新制作|出台|制定|印发)[^，,。；;\d]{{0,6}}?规范性文件\s*{_N}"),
          "二", (("规范性文件", "本年制发件数"),), word="规范性文件"),
)
# The 2019 template names the same rows and columns differently (DOMAIN.md §4).
_CELL_BY_YEAR = {
    "2019": {"本年制发件数": "本年新制作数量"},
    "2021": {"规范性文件": "行政规范性文件"},
}
# Words that show a statement is about part of the body or about more than the body: the office
# answering on the government's behalf (hongze: 区政府办 17 vs 95), departments, a platform.
_SCOPE = re.compile(r"代表|政府办|办公室|部门|各|所属|下属|本级|系统|平台|热线|其中|含|累计受理")
_SUBSET_WORDS = ("其中", "含")
# "全市" is the body's own total in a city's report, another scope in a department's or a town's.
_TERRITORY = re.compile(r"全([省市区县镇乡])")
_SENTENCE_END = re.compile(r"[。；;]")
# "申请12件（含上年结转2件）": the figure is not the table's row.
_INCLUDES_AFTER = re.compile(r"^\s*[（(]?\s*(?:含|包括|包含|其中含)")


def _sentence_before(text: str, position: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    return text[starts[-1] if starts else 0:position]


def _own_territory(report: Report) -> str:
    """The character a body's territory is called by: 镇 for 某某镇人民政府, 市 for 淮安市人民政府."""
    name = re.sub(r"(?:人民政府|政府)$", "", squash(report.body or ""))
    return name[-1:] if report.body_kind in ("town", "city", "district", "county", "province") else ""


def _other_scope(report: Report, sentence: str, result: bool = False) -> bool:
    """Whether a sentence is about another scope than the body's whole count (for a handling result,
    "其中" only says which part of the year's requests it is)."""
    if any(not (result and m.group(0) in _SUBSET_WORDS) for m in _SCOPE.finditer(sentence)):
        return True
    own = _own_territory(report)
    return any(match.group(1) != own for match in _TERRITORY.finditer(sentence))


def _table_cells(report: Report, fact: _Fact) -> list[Cell] | None:
    table = report.tables.get(fact.table)
    if table is None or not table.aligned:
        return None
    renames = _CELL_BY_YEAR.get(table.template or "", {})
    cells = [table.cell(renames.get(row, row), renames.get(column, column)) for row, column in fact.cells]
    if any(cell is None or cell.kind != "int" for cell in cells):
        return None
    return cells


def _figure_findings(report: Report, passage: Passage) -> Iterator[Finding]:
    for fact in (fact for fact in _FACTS if fact.word in passage.text):
        for match in fact.pattern.finditer(passage.text):
            sentence = _sentence_before(passage.text, match.start())
            if _other_scope(report, sentence, fact.result) or _INCLUDES_AFTER.match(passage.text[match.end():]):
                continue
            cells = _table_cells(report, fact)
            stated = int(match.group(1))
            if cells is None or stated == sum(cell.value for cell in cells):
                continue
            total = sum(cell.value for cell in cells)
            shown = " + ".join(str(cell.value) for cell in cells) + f" = {total}" if len(cells) > 1 else str(total)
            refs = tuple(cell_ref(c) for c in cells)
            yield Finding(
                f"正文称{fact.what}{stated}件，但表{fact.table}中为 {shown}"
                f"（{'、'.join(f'{c.row}·{c.column}' for c in cells)}）",
                passage.locate(match.start(1), match.end()),
                cell=refs[0], related=refs[1:],
                fingerprint=fingerprint("SUM201", fact.what, stated),
            )


# "申请人为个人": every request of the year came from natural persons ("申请人为个人的3件" is a part).
_ALL_INDIVIDUALS = re.compile(r"申请人(?:均|都|全部)?(?:为|是)(?:个人|自然人|公民)(?![的\d])")
_APPLICANT_ROWS = ("一", "二")


def _applicant_totals(report: Report) -> tuple[int, int, dict[str, int]] | None:
    """Natural persons, all applicants and the other non-zero columns over rows 一 and 二 of table 三."""
    table = report.tables.get("三")
    if table is None or not table.aligned:
        return None
    cells = [c for c in table.cells.values() if c.row in _APPLICANT_ROWS]
    if not cells or any(c.kind != "int" for c in cells):
        return None
    by_column: dict[str, int] = {}
    for cell in cells:
        by_column[cell.column] = by_column.get(cell.column, 0) + cell.value
    others = {k: v for k, v in by_column.items() if k not in ("自然人", "总计") and v}
    return by_column.get("自然人", 0), by_column.get("总计", 0), others


def _applicant_findings(report: Report, passage: Passage) -> Iterator[Finding]:
    for match in _ALL_INDIVIDUALS.finditer(passage.text):
        totals = _applicant_totals(report)
        if totals is None or _other_scope(report, _sentence_before(passage.text, match.start())):
            continue
        natural, total, others = totals
        if natural == total:
            continue
        listed = "、".join(f"{column} {value}" for column, value in others.items())
        yield Finding(
            f"正文称申请人为个人，但表三“一、本年新收”“二、上年结转”中自然人为{natural}件、总计为{total}件"
            + (f"（{listed}）" if listed else ""),
            passage.locate(match.start(), match.end()),
            cell=CellRef("三", "一", "自然人"), related=(CellRef("三", "一", "总计"),),
            fingerprint=fingerprint("SUM201", "申请人为个人", natural, total),
        )


@rule("SUM201", "prose-contradicts-table", "warning")
def check_prose_against_tables(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文所述数字与统计表不一致（新收申请、上年结转、办结、办理结果、结转下年度、行政复议、行政诉讼、规章、规范性文件、申请人类别）。

    正文和表格说的是同一批数据（DOMAIN.md §7 N2）：“全年受理政府信息公开申请12件”应与
    表三“一、本年新收政府信息公开申请数量·总计”相同；“申请人为个人”时表三的申请应记在
    “自然人”列；“收到申请70件，办结69件，结转1件”中的办结、结转分别与“（七）总计”“四、结转下年度
    继续办理”比较（“按时办结”是其中一部分，不比较）；“其中，同意公开3件……无法提供4件”等办理结果
    与表三相应的行比较（“予以公开及部分公开208件”这样合并的说法不比较）。只比较明显指本机关全部数量的说法（包括市政府报告中的“全市”、镇报告中的
    “全镇”）；“区政府办代表区政府受理申请17件”“各部门……”“镇报告中的全县……”之类口径
    不同的说法不比较，表格无法对齐时也不比较。

    错误示例：全年受理政府信息公开申请12件。（表三 一、本年新收·总计 为 10）
    正确示例：全年受理政府信息公开申请10件。（表三 一、本年新收·总计 为 10）
    """
    for passage in passages(report):
        yield from _figure_findings(report, passage)
        yield from _applicant_findings(report, passage)


@hookimpl
def govlint_rules() -> list:
    return [check_parts_exceed_total, check_parts_short_of_total, check_prose_against_tables]
