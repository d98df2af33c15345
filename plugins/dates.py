"""Dates: garbled (DAT001), impossible (DAT002), statistical period (DAT003), deadline (DAT004),
and prose that names another year as the report year (DAT005)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from linter.plugins.textscan import HAN, fingerprint, passages

from linter.dategrammar import YEAR, DateMention, find_dates, find_ranges, impossible_dates
from linter.diagnostics import Finding, Fix
from linter.hookspecs import hookimpl
from linter.model import Dated, Line, Report
from linter.recognize.dates import is_standalone_date
from linter.recognize.title import BODY_KINDS
from linter.rules_api import MONTH_DAY, Option, RuleContext, rule

_HAN = re.compile(f"[{HAN}]")


def _stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    part = text[start:end]
    start += len(part) - len(part.lstrip())
    return start, start + len(part.strip())


def _garbled(line: Line, mention: DateMention) -> Finding:
    start, end = _stripped_span(line.norm, mention.start, mention.end)
    raw = line.text[start:end]
    location = line.locate(start, end)
    options = "或".join(f"“{mention.written(r)}”" for r in mention.readings)
    if len(mention.readings) == 1:
        fixed = mention.written(mention.readings[0])
        return Finding(f"日期“{raw}”{mention.lost}，应为{options}", location,
                       fix=Fix(location, fixed, f"改为“{fixed}”"), fingerprint=fingerprint("DAT001", raw))
    return Finding(f"日期“{raw}”{mention.lost}，可能是{options}，请核对", location,
                   fingerprint=fingerprint("DAT001", raw))


def _lost_connector(line: Line, first: DateMention, last: DateMention) -> Finding:
    raw = line.text[first.start:last.end]
    location = line.locate(first.start, last.end)
    fix = None
    if first.date and last.date and not (first.garbled or last.garbled):
        fixed = line.text[first.start:first.end] + "至" + line.text[last.start:last.end]
        fix = Fix(location, fixed, f"改为“{fixed}”")
    return Finding(f"日期范围“{raw}”缺少“至”，两个日期连在了一起", location, fix=fix,
                   fingerprint=fingerprint("DAT001", raw))


def _is_date(report: Report, line: Line, mention: DateMention) -> bool:
    """Figures alone on a line are a date only where a signature stands (not a table cell)."""
    return bool(_HAN.search(line.norm)) or is_standalone_date(report, line, mention)


@rule("DAT001", "garbled-date", "error")
def check_garbled_dates(report: Report, context: RuleContext) -> Iterator[Finding]:
    """日期写法错乱：丢了“年”“月”或“日”，写成连续数字，或日期范围丢了“至”。

    从 PDF、网页提取文字时常丢掉“年”“月”“日”和范围的连接词（DOMAIN.md §8）：
    “202311日至20231231日”原为“2023年1月1日至2023年12月31日”，“20241月1日”丢了“年”，
    “2022年1231日”丢了“月”，“2023年12月31。”丢了“日”，“2023年1月1日12月31日”丢了“至”，
    正文里的“20230120”和单独一行的落款“20240126”是连续数字。统计期限和发布日期是报告的
    法定要素（条例第四十九条、第五十条），必须能读懂。每个错乱日期都列出它可能的读法；
    只有一种读法是有效日期时提供自动修复。文号（〔2021〕30号）、索引号、电话号码、金额、
    件数（“2023年共收到申请12件”）和网址中的数字不是日期。

    错误示例：本报告中所列数据的统计时限为202311日至20231231日。
    正确示例：本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。
    """
    for line in report.document.lines:
        found = find_dates(line.norm)
        if not found:  # most lines
            continue
        mentions = [m for m in found if not m.garbled or _is_date(report, line, m)]
        ranges = find_ranges(line.norm, mentions)
        garbled = [m for m in mentions if m.garbled] + [r.last for r in ranges if r.last.garbled
                                                        and r.last.form == "short"]
        for mention in sorted(garbled, key=lambda m: m.start):
            yield _garbled(line, mention)
        for found in ranges:
            if found.connector_lost:
                yield _lost_connector(line, found.first, found.last)


@rule("DAT002", "impossible-date", "error")
def check_impossible_dates(report: Report, context: RuleContext) -> Iterator[Finding]:
    """不存在的日期：月份不在 1–12 之间，或日数超过该月天数（2月30日、13月、4月31日）。

    统计期限、成文日期和发布日期都要据以判断报告是否按期公布（条例第四十九条），
    不存在的日期使读者无法核对。

    错误示例：统计期限自2023年1月1日至2023年2月30日。
    正确示例：统计期限自2023年1月1日至2023年12月31日。
    """
    for line in report.document.lines:
        for start, end, bad_month in impossible_dates(line.norm):
            start, end = _stripped_span(line.norm, start, end)
            raw = line.text[start:end]
            yield Finding(f"日期“{raw}”不存在（{'月份' if bad_month else '日数'}超出范围）",
                          line.locate(start, end), fingerprint=fingerprint("DAT002", raw))


_PERIOD_WORD = re.compile(r"统计(?:时限|期限|期间|时间|周期|区间|时段|范围|口径)?")
_PERIOD_GAP = re.compile(r"[^。；;\d]{0,16}")


@rule("DAT003", "statistical-period", "error")
def check_statistical_period(report: Report, context: RuleContext) -> Iterator[Finding]:
    """统计期限不是报告年度的1月1日至12月31日。

    年度报告统计的是报告年度全年的数据（DOMAIN.md §1；四川 DB51/T 2660—2019 明确规定），
    统计期限写错会使表格数据的口径不明。统计期限的任何写法都能读出：“2023年1月1日至
    2023年12月31日”“2022.1.1-2022.12.31”“20220101至20221231”“二〇二二年一月一日至……”，
    以及错乱的“202311日至20231231日”（错乱本身由 DAT001 报告）；有不止一种读法的不判断。

    错误示例：（2022年度报告）统计期限自2022年1月1日起至2022年11月30日止。
    正确示例：（2022年度报告）统计期限自2022年1月1日起至2022年12月31日止。
    """
    for passage in passages(report):
        ranges = {r.start: r for r in find_ranges(passage.text)}
        for word in _PERIOD_WORD.finditer(passage.text):
            gap = _PERIOD_GAP.match(passage.text, word.end())
            found = next((ranges[p] for p in range(word.end(), gap.end() + 1) if p in ranges), None) if gap else None
            dates = found.dates if found else None
            if found is None or dates is None:
                continue
            first, last = dates
            year = report.year or first.year
            if (first, last) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
                continue
            start, end = found.first.start, found.last.end
            yield Finding(
                f"统计期限为{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日，"
                f"应为报告年度的{year}年1月1日至{year}年12月31日",
                passage.locate(start, end),
                fingerprint=fingerprint("DAT003", passage.text[start:end]),
            )


def _deadline(report: Report, context: RuleContext) -> datetime.date:
    kinds = context.option("government_kinds")
    government = report.body_kind is None or report.body_kind in kinds
    month, day = (int(part) for part in context.option("government_deadline" if government else "deadline").split("-"))
    return datetime.date(report.year + 1, month, day)


@rule("DAT004", "late-publication", "warning", deadline=Option("01-31", MONTH_DAY),
      government_deadline=Option("03-31", MONTH_DAY),
      government_kinds=Option(("province", "city", "district", "county"), [BODY_KINDS]))
def check_publication_deadline(report: Report, context: RuleContext) -> Iterator[Finding]:
    """发布或落款日期晚于法定期限。

    条例第四十九条：县级以上人民政府部门应当在每年1月31日前公布本部门上一年度的报告；
    县级以上地方人民政府的本级报告在每年3月31日前公布。乡镇、街道的报告按各地规定一般也在
    1月31日前公布（DOMAIN.md §1、§9）。期限是规则选项（deadline、government_deadline、
    government_kinds），地方规则包可以修改；机关类别不明时按较晚的期限判断。日期是识别报告时
    读出的网页发布日期（页首的“发布时间：”）和落款日期（报告末尾单独的日期行），与规则包的
    deadline 规则所用的是同一个。

    错误示例：（某镇2023年度报告）落款日期 2024年2月26日。
    正确示例：（某镇2023年度报告）落款日期 2024年1月26日。
    """
    if not report.year:
        return
    deadline = _deadline(report, context)
    dated: list[Dated] = [d for d in (report.publication_date, report.signature_date) if d is not None]
    for published in dated:
        if published.when > deadline:
            yield Finding(
                f"{published.what}{published.when.year}年{published.when.month}月{published.when.day}日"
                f"晚于公布期限{deadline.year}年{deadline.month}月{deadline.day}日（条例第四十九条）",
                published.location,
                fingerprint=fingerprint("DAT004", published.what, published.when.isoformat()),
            )


_BODY_WORD = rf"(?:我|本|全)[镇乡区县市局委办厅处所院]|本(?:机关|单位|部门)|[{HAN}]{{2,12}}(?:人民政府|政府|街道|镇|乡)"
_REPORT_INTRO = re.compile(rf"现将[^。]{{0,20}}?({YEAR})\s*年度?[^。]{{0,30}}?报告如下")
_YEAR_OPENING = re.compile(rf"(?:^|[。；])\s*({YEAR})\s*年度?\s*[，,]\s*(?:{_BODY_WORD})")


@rule("DAT005", "other-report-year", "warning")
def check_carried_over_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文把另一个年份说成报告年度（沿用往年报告的文字）。

    每年的报告应写本年度的情况（条例第五十条）；照抄上一年报告而未改年份，是评议中
    常见的问题（DOMAIN.md §8）。只检查明确的说法：“现将……X年……报告如下”，以及段落或
    句子开头的“X年，我镇……”（X 早于报告年度）。“2018年度财政决算”“2025年我们将”等
    提到其他年份的正常写法不报告。

    错误示例：（2021年度报告）现将我镇2020年政府信息公开工作情况报告如下。
    正确示例：（2021年度报告）现将我镇2021年政府信息公开工作情况报告如下。
    """
    if not report.year:
        return
    for passage in passages(report):
        for pattern, earlier_only in ((_REPORT_INTRO, False), (_YEAR_OPENING, True)):
            for match in pattern.finditer(passage.text):
                year = int(match.group(1))
                if year == report.year or (earlier_only and year > report.year):
                    continue
                text = "".join(passage.quote(match.start(1), match.end()).split())
                yield Finding(
                    f"正文“{text}”所说年度为{year}年，与报告年度{report.year}年不符（可能沿用了往年报告）",
                    passage.locate(match.start(1), match.end()),
                    fingerprint=fingerprint("DAT005", text),
                )


@hookimpl
def govlint_rules() -> list:
    return [check_garbled_dates, check_impossible_dates, check_statistical_period, check_publication_deadline,
            check_carried_over_year]
