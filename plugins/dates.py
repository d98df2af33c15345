"""Dates: garbled (DAT001), impossible (DAT002), statistical period (DAT003), deadline (DAT004),
and prose that names another year as the report year (DAT005)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.plugins.textscan import (
    CHINESE_DATE,
    GARBLED_DATE,
    HAN,
    ISO_DATE,
    YEAR,
    date_readings,
    fingerprint,
    is_standalone_garbled_date,
    passages,
    signature_zone_start,
    valid_date,
)

from linter.diagnostics import Finding, Fix
from linter.hookspecs import hookimpl
from linter.model import Location, Report
from linter.recognize.title import BODY_KINDS
from linter.rules_api import MONTH_DAY, Option, RuleContext, rule


def _stripped_span(match: re.Match) -> tuple[int, int]:
    """The match's span without surrounding white space."""
    text = match.group(0)
    start = match.start() + len(text) - len(text.lstrip())
    return start, start + len(text.strip())


def _garbled_message(raw: str, year: int, readings: list[tuple[int, int]]) -> str:
    options = "或".join(f"“{year}年{m}月{d}日”" for m, d in readings)
    if len(readings) == 1:
        return f"日期“{raw}”缺少“年”“月”，应为{options}"
    return f"日期“{raw}”缺少“年”“月”，可能是{options}，请核对"


def _garbled(line, match: re.Match) -> Finding | None:
    year, digits = int(match.group(1)), match.group(2)
    readings = date_readings(year, digits)
    if not readings:
        return None
    start, end = _stripped_span(match)
    raw = line.text[start:end]
    location = line.locate(start, end)
    fix = None
    if len(readings) == 1:
        month, day = readings[0]
        fixed = f"{year}年{month}月{day}日"
        fix = Fix(location, fixed, f"改为“{fixed}”")
    return Finding(_garbled_message(raw, year, readings), location, fix=fix,
                   fingerprint=fingerprint("DAT001", raw))


@rule("DAT001", "garbled-date", "error")
def check_garbled_dates(report: Report, context: RuleContext) -> Iterator[Finding]:
    """日期缺少“年”“月”：年份后直接跟 2–4 位数字和“日”，或单独一行的“20240126”。

    从 PDF、网页提取文字时常丢掉“年”“月”（DOMAIN.md §8）：“202311日至20231231日”原为
    “2023年1月1日至2023年12月31日”，落款“20240126”原为“2024年1月26日”。统计期限和
    发布日期是报告的法定要素（条例第四十九条、第五十条），必须能读懂。只有一种拆分能得到
    有效日期时提供自动修复。

    错误示例：本报告中所列数据的统计时限为202311日至20231231日。
    正确示例：本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。
    """
    for line in report.document.lines:
        for match in GARBLED_DATE.finditer(line.norm):
            finding = _garbled(line, match)
            if finding:
                yield finding
        if "日" not in line.norm:
            match = is_standalone_garbled_date(report, line.index)
            if match:
                finding = _garbled(line, match)
                if finding:
                    yield finding


_YEAR_MONTH_DAY = re.compile(rf"(?<!\d)({YEAR})\s*年\s*(\d{{1,3}})\s*月(?:\s*(\d{{1,3}})\s*日)?")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,3})\s*月\s*(\d{1,3})\s*日")
_ISO = re.compile(ISO_DATE)
_LEAP_YEAR = 2000  # a date without a year is possible when it exists in some year


def _impossible(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return True
    return day is not None and not valid_date(year, month, day)


def _date_spans(text: str) -> Iterator[tuple[re.Match, int, int, int | None]]:
    taken: list[tuple[int, int]] = []
    for match in _YEAR_MONTH_DAY.finditer(text):
        taken.append(match.span())
        day = match.group(3)
        yield match, int(match.group(1)), int(match.group(2)), int(day) if day else None
    for match in _ISO.finditer(text):
        yield match, int(match.group(1)), int(match.group(2)), int(match.group(3))
    for match in _MONTH_DAY.finditer(text):
        if not any(start <= match.start(1) < end for start, end in taken):
            yield match, _LEAP_YEAR, int(match.group(1)), int(match.group(2))


@rule("DAT002", "impossible-date", "error")
def check_impossible_dates(report: Report, context: RuleContext) -> Iterator[Finding]:
    """不存在的日期：月份不在 1–12 之间，或日数超过该月天数（2月30日、13月、4月31日）。

    统计期限、成文日期和发布日期都要据以判断报告是否按期公布（条例第四十九条），
    不存在的日期使读者无法核对。

    错误示例：统计期限自2023年1月1日至2023年2月30日。
    正确示例：统计期限自2023年1月1日至2023年12月31日。
    """
    for line in report.document.lines:
        for match, year, month, day in _date_spans(line.norm):
            if _impossible(year, month, day):
                start, end = _stripped_span(match)
                raw = line.text[start:end]
                yield Finding(f"日期“{raw}”不存在（{'月份' if not 1 <= month <= 12 else '日数'}超出范围）",
                              line.locate(start, end), fingerprint=fingerprint("DAT002", raw))


_PERIOD = re.compile(
    rf"统计(?:时限|期限|期间|时间|周期|区间|时段|范围|口径)?[^。；;\d]{{0,16}}?{CHINESE_DATE}\s*起?\s*"
    rf"(?:至|到|—+|-|－|~|～)\s*{CHINESE_DATE}"
)


@rule("DAT003", "statistical-period", "error")
def check_statistical_period(report: Report, context: RuleContext) -> Iterator[Finding]:
    """统计期限不是报告年度的1月1日至12月31日。

    年度报告统计的是报告年度全年的数据（DOMAIN.md §1；四川 DB51/T 2660—2019 明确规定），
    统计期限写错会使表格数据的口径不明。能读出的错乱日期（“202311日至20231231日”）
    由 DAT001 报告，不在此重复。

    错误示例：（2022年度报告）统计期限自2022年1月1日起至2022年11月30日止。
    正确示例：（2022年度报告）统计期限自2022年1月1日起至2022年12月31日止。
    """
    for passage in passages(report):
        for match in _PERIOD.finditer(passage.text):
            y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
            if not (valid_date(y1, m1, d1) and valid_date(y2, m2, d2)):
                continue  # DAT002
            year = report.year or y1
            if (y1, m1, d1, y2, m2, d2) == (year, 1, 1, year, 12, 31):
                continue
            start = match.start(1)
            yield Finding(
                f"统计期限为{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日，"
                f"应为报告年度的{year}年1月1日至{year}年12月31日",
                passage.locate(start, match.end()),
                fingerprint=fingerprint("DAT003", passage.text[start:match.end()]),
            )


@dataclass
class _Published:
    date: datetime.date
    location: Location
    source: str


_HEADER_DATE = re.compile(rf"(?:发布时间|发布日期|成文日期|日期)\s*[:：]\s*(?:{ISO_DATE}|{CHINESE_DATE})")
_DATE_LINE = re.compile(rf"^\s*(?:{CHINESE_DATE}|{ISO_DATE})\s*$")
_HEADER_LINES = 20


def _date_from(match: re.Match) -> datetime.date | None:
    numbers = [int(g) for g in match.groups() if g is not None][:3]
    return datetime.date(*numbers) if len(numbers) == 3 and valid_date(*numbers) else None


def _line_date(report: Report, index: int) -> datetime.date | None:
    """The date a line consists of: written out, ISO, or garbled with one valid reading."""
    line = report.document.lines[index]
    match = _DATE_LINE.match(line.norm)
    if match:
        return _date_from(match)
    garbled = is_standalone_garbled_date(report, index)
    if garbled:
        year = int(garbled.group(1))
        readings = date_readings(year, garbled.group(2))
        return datetime.date(year, *readings[0]) if len(readings) == 1 else None
    return None


def _publication_dates(report: Report) -> Iterator[_Published]:
    """Publication dates in the web page header, and the signature date (the last date line)."""
    lines = report.document.lines
    for line in lines[:_HEADER_LINES]:
        match = _HEADER_DATE.search(line.norm)
        date = _date_from(match) if match else None
        if date:
            yield _Published(date, line.locate(match.start(), match.end()), "网页发布日期")
    for line in reversed(lines[signature_zone_start(report):]):
        date = _line_date(report, line.index)
        if date:
            start = len(line.text) - len(line.text.lstrip())
            yield _Published(date, line.locate(start, len(line.text.rstrip())), "落款日期")
            return


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
    government_kinds），地方规则包可以修改；机关类别不明时按较晚的期限判断。

    错误示例：（某镇2023年度报告）落款日期 2024年2月26日。
    正确示例：（某镇2023年度报告）落款日期 2024年1月26日。
    """
    if not report.year:
        return
    deadline = _deadline(report, context)
    for published in _publication_dates(report):
        if published.date > deadline:
            yield Finding(
                f"{published.source}{published.date.year}年{published.date.month}月{published.date.day}日"
                f"晚于公布期限{deadline.year}年{deadline.month}月{deadline.day}日（条例第四十九条）",
                published.location,
                fingerprint=fingerprint("DAT004", published.source, published.date.isoformat()),
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
                text = "".join(passage.raw[match.start(1):match.end()].split())
                yield Finding(
                    f"正文“{text}”所说年度为{year}年，与报告年度{report.year}年不符（可能沿用了往年报告）",
                    passage.locate(match.start(1), match.end()),
                    fingerprint=fingerprint("DAT005", text),
                )


@hookimpl
def govlint_rules() -> list:
    return [check_garbled_dates, check_impossible_dates, check_statistical_period, check_publication_deadline,
            check_carried_over_year]
