"""How the tables follow the national template: TPL001, TPL003, TPL004, TPL006.

TPL002 and TPL005 (the cited notice, a section without its table) live with the text rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.memo import per_line
from linter.model import START_OF_FILE, Label, Location, Report, Table
from linter.recognize.title import BODY_KINDS
from linter.rules_api import Option, Rule, RuleContext, rule
from linter.tablenames import cell_ref, column_name, followed_year, table_template
from linter.templates import TableTemplate, all_templates, template_for_year
from linter.textnorm import squash

_BODY_KIND_NAMES = {"town": "乡镇（街道）", "county": "县级政府", "district": "区级政府", "department": "政府部门"}
# 规章 are made by 国务院部门 and provincial / 设区的市 governments: a national body may report them.
_NATIONAL_PREFIXES = ("国务院", "国家", "中华人民共和国", "中国")


def shorten(reasons: list[str], keep: int) -> str:
    """The first `keep` distinct reasons, joined, with how many there are in all."""
    distinct = list(dict.fromkeys(reasons))
    return "；".join(distinct[:keep]) + (f" 等 {len(distinct)} 处" if len(distinct) > keep else "")


# --- TPL001 -------------------------------------------------------------------------------------

def evidence_location(report: Report, template: str) -> Location:
    """Where the report shows which template its tables follow."""
    for evidence in report.template_evidence:
        if evidence.template == template:
            return evidence.location
    tables = [t for t in report.tables.values() if followed_year(report, t) == template]
    return tables[0].location if tables else (report.title.location if report.title else START_OF_FILE)


@rule("TPL001", "wrong-template-for-year", "error")
def wrong_template_for_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表格所用模板与报告年度不符（2021 年及以后用了 2019 年模板，或 2019–2020 年用了 2021 年模板）

    国办公开办函〔2019〕60号 规定 2019、2020 年度报告的格式；国办公开办函〔2021〕30号 规定 2021 年度
    及以后的格式。实际中见过 2022 年报告仍用 2019 年的表格。2018 年及以前没有全国
    模板，不检查。

    错误示例：《2022年政府信息公开工作年度报告》表二仍有"本年新制作数量""本年增/减"等 2019 年栏目。
    正确示例：2022 年报告的表二为"本年制发件数、本年废止件数、现行有效件数"。
    """
    expected = template_for_year(report.year) if report.year else None
    used = report.template
    if expected is None or used is None or used == expected.year:
        return
    reasons = [e.reason for e in report.template_evidence if e.template == used and e.reason]
    because = f"（{shorten(reasons, 2)}）" if reasons else ""
    yield Finding(
        f"本报告为 {report.year} 年度报告，应采用 {expected.year} 年模板（{expected.notice}），"
        f"但表格采用的是 {used} 年模板{because}",
        evidence_location(report, used),
        fingerprint=f"template:{used}:{report.year}",
    )


# --- TPL003 -------------------------------------------------------------------------------------

@rule("TPL003", "table-not-aligned", "error")
def table_not_aligned(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表格无法与模板对齐（缺少或多出单元格、行），不计算该表的合计

    从 PDF、网页复制的表格常常丢列、串行（实例：表三每行只剩 4 个数，表四 15 格只剩 8 格）。
    在错位的数字上核对合计只会得出错误的结论，所以每张这样的表只提示一次，SUM001–SUM006 不在该表上运行。

    错误示例：表三"一、本年新收政府信息公开申请数量"一行只有 4 个数字（模板为 7 列）。
    正确示例：每行 7 个数字：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计。
    """
    for table in report.tables.values():
        if table.aligned:
            continue
        shown = shorten([m.reason for m in table.malformed], 3)
        yield Finding(f"表{table.id}无法与模板对齐：{shown}，未计算合计", table.malformed[0].location,
                      fingerprint=f"table:{table.id}")


# --- TPL004 -------------------------------------------------------------------------------------

_PARENTHESISED = re.compile(r"\([^()]*\)")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、]|\(\d+\))+")
_NOT_WORDING = re.compile(r"[^\w/]")


def as_written(text: str) -> str:
    """A label as written, without the line breaks and spaces extraction put inside it."""
    return re.sub(r"\s+", "", text)


@per_line
def wording(text: str) -> str:
    """A label reduced to its words: no numbering, remarks in brackets, spaces or punctuation."""
    flat = _PARENTHESISED.sub("", squash(text).replace("**", ""))
    return _NOT_WORDING.sub("", _NUMBERING.sub("", flat))


def in_order(part: str, text: str) -> bool:
    """Whether every character of `part` occurs in `text`, in the same order."""
    rest = iter(text)
    return all(char in rest for char in part)


def same_wording(label: Label) -> bool:
    """Whether a label says what the template says.

    A remark in brackets may differ. Extra characters interleaved with the whole template wording
    are what extraction makes of a neighbouring merged cell ("没有现成信息提供需要另行制作", with
    "提供" from "（四）无法提供"), so only missing or changed wording counts.
    """
    return _same_words(label.text, label.template_label or label.template_id)


@functools.lru_cache(maxsize=4096)  # labels are mostly the template's own words, in every report
def _same_words(text: str, template_text: str) -> bool:
    written, template = wording(text), wording(template_text)
    # Table 四's column ids carry their group ("行政复议/结果维持"); the header cell names one part.
    candidates = {template, template.split("/")[-1], template.replace("/", "")}
    return any(in_order(candidate, written) for candidate in candidates if candidate)


def foreign_labels(table: Table, year: str | None) -> list[Label]:
    """Rows and columns of the table that belong to the other template year."""
    labels = list(table.foreign_rows)
    labels += [lbl for lbl in table.row_labels + table.column_labels
               if year and lbl.template_year and lbl.template_year != year and lbl not in labels]
    return labels


def split_rows_note(foreign: list[Label], template: TableTemplate | None, year: str | None) -> str:
    """"（2021 年模板中“（六）其他处理”分为 3 行）" for a foreign row the table's template splits."""
    for label in foreign if template else []:
        parts = [r for r in template.rows if r.id.startswith(label.template_id) and r.id != label.template_id]
        if parts:
            return f"（{year} 年模板中“{as_written(label.text)}”分为 {len(parts)} 行）"
    return ""


def verbatim_other_year(label: Label, table_id: str, year: str | None) -> bool:
    """Whether a label is, word for word, a row or column of the other template year's table."""
    written = wording(label.text)
    for other, template in all_templates().items():
        table = template.tables.get(table_id)
        if other == year or table is None:
            continue
        words = {r.label for r in table.rows} | {c.label for r in table.rows for c in table.columns_of(r.id)}
        if written in {wording(w) for w in words}:
            return True
    return False


def mixed_template_finding(table: Table, year: str | None, foreign: list[Label]) -> Finding:
    other = foreign[0].template_year or ("2019" if year == "2021" else "2021")
    names = "、".join(dict.fromkeys(f"“{as_written(lbl.text)}”" for lbl in foreign))
    note = split_rows_note(foreign, table_template(table.id, year), year)
    return Finding(
        f"表{table.id}混用了两种模板：{names} 是 {other} 年模板的写法，而本表其余部分为 {year or '另一'} 年模板{note}",
        foreign[0].location,
        fingerprint=f"mixed:{table.id}",
    )


@rule("TPL004", "label-wording", "warning")
def label_wording(report: Report, context: RuleContext) -> Iterator[Finding]:
    """行、列标签与模板用语不一致，或混用了 2019 年和 2021 年两种模板的标签

    两种模板的表三行名不同（2021 年模板"（六）其他处理"分为 3 行，2019 年模板只有 1 行），表二的栏目也不同
    （国办公开办函〔2019〕60号、〔2021〕30号）。混用说明表格是从旧报告改来的，数据口径可能不一致；标签被改写或损坏
    （"其他法律法规禁止公开"少了"行政"，"本年增/" 缺字）会让读者无法确定数字的含义。括号里的说明
    （如"（单位：万元，保留4位小数）"）、编号和空格不算差异。无法与模板对齐的表（TPL003）不再逐个提示标签：
    标签多是被同一处损坏截断或错配的；只有与另一年模板一字不差的标签仍按混用模板提示。

    错误示例：2021 年模板的表三中"（六）其他处理"只有一行；行名写作"2. 其他法律法规禁止公开"。
    正确示例："（六）其他处理"下分 1.、2.、3. 三行；行名为"2. 其他法律行政法规禁止公开"。
    """
    for table in report.tables.values():
        year = followed_year(report, table)
        template = table_template(table.id, year)
        foreign = foreign_labels(table, year)
        if not table.aligned:
            # TPL003 says the table cannot be aligned: its labels are cut and matched to the wrong
            # rows by the same damage. Only a label written exactly as the other year writes it counts.
            foreign = [lbl for lbl in foreign if verbatim_other_year(lbl, table.id, year)]
        if foreign:
            yield mixed_template_finding(table, year, foreign)
        if not table.aligned:
            continue
        said: set[tuple[Location, str]] = set()
        for label in table.row_labels + table.column_labels:
            if label in foreign or same_wording(label) or (label.location, label.text) in said:
                continue  # one written label taken for two rows (cut by a page break) is said once
            said.add((label.location, label.text))
            is_row = label in table.row_labels
            expected = label.template_label if is_row else column_name(label.template_label, template)
            yield Finding(
                f"表{table.id}的{'行' if is_row else '列'}标签“{as_written(label.text)}”与模板用语“{expected}”不一致",
                label.location,
                fingerprint=f"label:{table.id}:{label.template_id}:{squash(label.text)}",
            )


# --- TPL006 -------------------------------------------------------------------------------------

def makes_no_rules(report: Report, kinds: list[str]) -> bool:
    """Whether the issuing body is one that cannot make 规章 (立法法 Art. 93)."""
    body = squash(report.body or "")
    return report.body_kind in kinds and not body.startswith(_NATIONAL_PREFIXES)


@rule("TPL006", "rules-by-body-without-power", "warning",
      body_kinds=Option(["town", "county", "district", "department"], [BODY_KINDS]))
def rules_by_body_without_power(report: Report, context: RuleContext) -> Iterator[Finding]:
    """无权制定规章的机关（乡镇、街道、县、区、地方政府部门）在表二"规章"行填了非零数字

    规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州人民政府制定（《立法法》第九十三条）。
    乡镇、县区和地方政府部门报告中出现规章数字，多半是把规范性文件填进了规章行，
    或照抄了上级政府的报告。选项 body_kinds 列出被视为无权制定规章的机关类别。

    错误示例：某镇人民政府报告 表二 规章·本年制发件数 为 2。
    正确示例：规章行全部为 0，这 2 件填在"行政规范性文件"行。
    """
    table = report.tables.get("二")
    if table is None or not table.aligned or not makes_no_rules(report, list(context.option("body_kinds"))):
        return
    cells = [c for (row, _), c in table.cells.items() if row == "规章" and c.value]
    if not cells:
        return
    filled = "、".join(f"{c.column} {c.value}" for c in cells)
    kind = _BODY_KIND_NAMES.get(report.body_kind or "", report.body_kind or "")
    yield Finding(
        f"表二 规章 行填报了 {filled}，但{report.body or '本机关'}属于{kind}，无权制定规章"
        f"（《立法法》第九十三条）；请核实是否误填（如应填入规范性文件行）",
        cells[0].location,
        cell=cell_ref(cells[0]),
        fingerprint="二:规章",
        related=tuple(cell_ref(c) for c in cells[1:]),
    )


RULES = [wrong_template_for_year, table_not_aligned, label_wording, rules_by_body_without_power]


@hookimpl
def govlint_rules() -> list[Rule]:
    return RULES
