"""Numbers in the prose: a stated total and the parts listed after 其中 (SUM101, SUM102)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.plugins.textscan import fingerprint, passages

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.model import Report
from linter.rules_api import RuleContext, rule

_UNITS = "条件个项次篇期份场"
# "主动公开政府信息66条，其中包括政策文件6条，……"; an approximate total (余/多/约) is not a sum.
_TOTAL = re.compile(rf"(?<![\d.])(\d+)\s*([{_UNITS}])(?![余多])\s*[，,:：]?\s*其中(?:包括|包含|有)?\s*[:：]?")
_APPROXIMATE = re.compile(r"(?:约|近|超过|逾|达)\s*$")
_PART = re.compile(rf"(?<![\d.%])(\d+)\s*([{_UNITS}])")
_LIST_END = re.compile(r"[。；;]|另有|此外|另外|同比|较上年|比上年")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_UNSAFE_PART = re.compile(r"[%％]|万|亿|千|\d\.\d|余|多|以上|以下|左右")


@dataclass
class ProseSum:
    total: int
    unit: str
    parts: list[int]
    start: int
    end: int


def _prose_sums(text: str) -> Iterator[ProseSum]:
    for match in _TOTAL.finditer(text):
        if _APPROXIMATE.search(text[max(0, match.start() - 3):match.start()]):
            continue
        total, unit = int(match.group(1)), match.group(2)
        tail = text[match.end():]
        stop = _LIST_END.search(tail)
        listed = tail[:stop.start()] if stop else tail
        if _UNSAFE_PART.search(_BRACKETED.sub("", listed)) or "其中" in listed:
            continue  # rates, rounded or nested figures: not a plain partition
        parts = [(int(p.group(1)), p.group(2), p.end()) for p in _PART.finditer(_BRACKETED.sub(_blank, listed))]
        if len(parts) < 2 or any(part_unit != unit for _, part_unit, _ in parts):
            continue
        yield ProseSum(total, unit, [value for value, _, _ in parts], match.start(), match.end() + parts[-1][2])


def _blank(match: re.Match) -> str:
    """Keep offsets while hiding bracketed asides (含上年结转34件) from the list of parts."""
    return " " * len(match.group(0))


def _message(found: ProseSum, relation: str) -> str:
    parts = " + ".join(str(p) for p in found.parts)
    return (f"正文称总数{found.total}{found.unit}，但“其中”所列各项之和为 {parts} = {sum(found.parts)}"
            f"{found.unit}，{relation}")


def _sum_findings(report: Report, exceeds: bool) -> Iterator[Finding]:
    for passage in passages(report):
        for found in _prose_sums(passage.text):
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


@hookimpl
def govlint_rules() -> list:
    return [check_parts_exceed_total, check_parts_short_of_total]
