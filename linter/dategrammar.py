"""The date grammar: every way a date or a date range is written in a report, garbled or not.

One grammar serves every date rule (DAT001–DAT004), the pack `deadline` kind and the recognition
of the publication and signature dates (`linter.recognize.dates`). It reads text folded by
`linter.textnorm.normalize` (full-width digits and punctuation are ASCII there) and finds:

- standard dates: 2023年12月31日, 二〇二三年十二月三十一日; 2023.12.31, 2023-12-31, 2023/12/31;
- garbled dates, each with every valid reading: 年 lost (20241月1日), 月 lost (2022年1231日),
  年 and 月 lost (202311日), 日 lost (2023年12月31。), written compactly (20230120);
- ranges with 至, 到, —, -, ~ or 起…止, a connector lost (2023年1月1日12月31日), the second end
  without its year (2022年11日至1231日).

Not dates: document numbers (〔2021〕30号, serials before 号), 索引号 (014314799/2024-00002),
phone numbers, amounts and counts (a unit or another digit right after the figures), URLs.
Every pattern has bounded repetitions only and is tried at most a fixed number of times per
position, so scanning is linear in the length of the text (crawler copies put a whole report on
one line). Python's `\\b` sees Han characters as word characters, so boundaries here are explicit
look-arounds on digits.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.memo import per_line

YEAR = r"(?:19|20)\d{2}"
_CN_DIGITS = "〇零○一二三四五六七八九"
_CN_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_CN_NUMBER = "(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_S = r"[ \t]{0,3}"  # PDF text puts spaces around digits ("2024 年 1 月 1 日")
# What may not touch the figures of a garbled or compact date: more digits, a decimal point or
# separator (amounts, 索引号), letters (codes), and the units of counts and amounts.
_NOT_BEFORE = r"(?<![\dA-Za-z./:_年月〔\[])"
_UNIT = "件条次篇个项人家份户元万亿%‰号名期批届位余多天年月周页字"
_NOT_AFTER = rf"(?![\d.]|{_S}[{_UNIT}])"

_CONNECTORS = "至|到|—{1,2}|–|-|~|－"
_DAY_RANGE = rf"{_S}(?:{_CONNECTORS}){_S}\d{{1,2}}{_S}日"  # 1月20—25日: days of one month, not a lost 日

_FORMS = (
    # name (the forms after `separated` are garbled), pattern (groups year, month, day or year, month+day)
    ("standard", rf"(?<!\d)(?P<y>{YEAR}){_S}年{_S}(?P<m>\d{{1,2}}){_S}月{_S}(?P<d>\d{{1,2}}){_S}日"),
    ("chinese", rf"(?P<cy>[{_CN_DIGITS}]{{4}})年(?P<cm>{_CN_NUMBER})月(?P<cd>{_CN_NUMBER})日"),
    ("separated", rf"(?<![\d/.])(?P<sy>{YEAR})(?P<sep>[.\-/])(?P<sm>\d{{1,2}})(?P=sep)(?P<sd>\d{{1,2}})(?![\d.])"),
    ("year-lost", rf"{_NOT_BEFORE}(?P<ly>{YEAR})(?P<lm>\d{{1,2}}){_S}月{_S}(?P<ld>\d{{1,2}}){_S}日"),
    ("month-lost", rf"(?<!\d)(?P<my>{YEAR}){_S}年{_S}(?P<mmd>\d{{2,4}}){_S}日"),
    ("year-month-lost", rf"{_NOT_BEFORE}(?P<gy>{YEAR})(?P<gmd>\d{{2,4}}){_S}日"),
    # In prose only: after or before a word that introduces a date, not after a table label.
    ("compact", rf"(?:(?<=[于为是自从至到:，,（(\s])|^)(?P<cy8>{YEAR})(?P<cm8>[01]\d)(?P<cd8>[0-3]\d)"
     rf"{_NOT_AFTER}|{_NOT_BEFORE}(?P<cy8b>{YEAR})(?P<cm8b>[01]\d)(?P<cd8b>[0-3]\d)"
     rf"(?={_S}(?:[起止至到前后以（(，,。；;]|发布|印发|-\d))"),
    ("day-lost", rf"(?<!\d)(?P<dy>{YEAR}){_S}年{_S}(?P<dm>\d{{1,2}}){_S}月{_S}(?P<dd>\d{{1,2}})"
     rf"{_NOT_AFTER}(?!{_S}日|{_DAY_RANGE})"),
)
# Every form starts with a digit: the lookahead lets the scan skip other characters at once.
_TOKEN = re.compile(f"(?=[\\d{_CN_DIGITS}])(?:"
                    + "|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in _FORMS) + ")")

# The second end of a range may leave out its year.
_SHORT = re.compile(
    rf"(?P<m>\d{{1,2}}){_S}月{_S}(?P<d>\d{{1,2}}){_S}(?P<day>日)?{_NOT_AFTER}"
    rf"|(?<![\d.])(?P<md>\d{{3,4}}){_S}日"
)
_CONNECTOR = re.compile(rf"{_S}(?P<since>起)?{_S}(?P<conn>{_CONNECTORS}){_S}|{_S}(?P<since2>起){_S}")
_UNTIL = re.compile(rf"{_S}止")
_URL = re.compile(r"(?:https?://|www\.)[\w.\-~:/?#\[\]@!$&'()*+,;=%]{1,2000}", re.ASCII)
# A compact date right after these words is a number of another kind.
_NUMBER_WORDS = re.compile(r"(?:(?<!\d)0\d{2,3}-|电话|传真|热线|手机|联系方式|邮编|邮政编码|QQ"
                           r"|账号|编号|代码|索引号|文号|金额|总额|号码|访问量|浏览|点击|阅读)[:：]?\s{0,2}$")

_LOST = {
    "year_lost": "缺少“年”",
    "month_lost": "缺少“月”",
    "year_month_lost": "缺少“年”“月”",
    "compact": "缺少“年”“月”“日”",
    "day_lost": "缺少“日”",
}


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_date(year: int, month: int, day: int) -> bool:
    """Whether the day exists, in any year (`calendar.monthrange`'s days, without importing calendar)."""
    if not 1 <= month <= 12:
        return False
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= _MONTH_DAYS[month - 1] + leap


def month_day_readings(year: int, digits: str) -> list[tuple[int, int]]:
    """Every (month, day) that digits which lost their 月 can be read as: '926' → [(9, 26)]."""
    readings = []
    for cut in (1, 2):
        month, day = digits[:cut], digits[cut:]
        if 1 <= len(day) <= 2 and valid_date(year, int(month), int(day)):
            readings.append((int(month), int(day)))
    return readings


def chinese_number(text: str) -> int:
    """一 … 三十一 as a number."""
    if "十" not in text:
        return _CN_VALUE[text]
    tens, _, units = text.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)


@dataclass(frozen=True)
class DateMention:
    """A date as written: where it is in the searched text, and what it can be read as."""

    start: int
    end: int
    form: str
    """standard, chinese, separated; or how it is garbled: year_lost, month_lost, year_month_lost, compact,
    day_lost; `short` for the year-less second end of a range."""
    year: int
    readings: tuple[tuple[int, int], ...]
    """Every valid (month, day); empty for an impossible standard date (DAT002's business)."""

    @property
    def garbled(self) -> bool:
        return self.form in _LOST

    @property
    def lost(self) -> str:
        """What is wrong with how it is written, in words ("缺少“年”“月”"); "" when nothing."""
        return _LOST.get(self.form, "")

    @property
    def date(self) -> datetime.date | None:
        """The date, when exactly one reading is valid."""
        return datetime.date(self.year, *self.readings[0]) if len(self.readings) == 1 else None

    def written(self, reading: tuple[int, int], with_year: bool = True) -> str:
        month, day = reading
        return f"{self.year}年{month}月{day}日" if with_year else f"{month}月{day}日"


@dataclass(frozen=True)
class ShortMention(DateMention):
    """The second end of a range written without its year (it takes the first end's)."""

    missing: str = ""

    @property
    def garbled(self) -> bool:
        return bool(self.missing)

    @property
    def lost(self) -> str:
        return self.missing

    def written(self, reading: tuple[int, int], with_year: bool = False) -> str:
        return super().written(reading, with_year)


@dataclass(frozen=True)
class DateRange:
    """A span of dates in text ("2022年1月1日至12月31日"), at `start`:`end`."""

    start: int
    end: int
    first: DateMention
    last: DateMention
    connector_lost: bool

    @property
    def dates(self) -> tuple[datetime.date, datetime.date] | None:
        """Both ends, when each has exactly one valid reading."""
        first, last = self.first.date, self.last.date
        return (first, last) if first and last else None


def _mention(match: re.Match[str]) -> DateMention:
    form = match.lastgroup or ""
    groups = match.groupdict()
    if form == "chinese":
        year = int("".join(str(_CN_VALUE[c]) for c in groups["cy"]))
        month, day = chinese_number(groups["cm"]), chinese_number(groups["cd"])
        readings = ((month, day),) if valid_date(year, month, day) else ()
        return DateMention(match.start(), match.end(), form, year, readings)
    prefix = {"standard": "", "separated": "s", "year_lost": "l", "compact": "", "day_lost": "d"}.get(form)
    if form == "compact":
        suffix = "" if groups["cy8"] else "b"
        year, month, day = (int(groups[f"c{part}8{suffix}"]) for part in "ymd")
    elif prefix is not None:
        year, month, day = (int(groups[prefix + part]) for part in "ymd")
    else:  # the digits of month and day ran together
        key = "m" if form == "month_lost" else "g"
        year = int(groups[key + "y"])
        return DateMention(match.start(), match.end(), form, year,
                           tuple(month_day_readings(year, groups[key + "md"])))
    readings = ((month, day),) if valid_date(year, month, day) else ()
    return DateMention(match.start(), match.end(), form, year, readings)


def _in_url(urls: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in urls)


def _is_number(text: str, mention: DateMention) -> bool:
    """A garbled-looking figure that is a number of another kind (a phone number, an amount …)."""
    if not mention.garbled:
        return False
    return bool(_NUMBER_WORDS.search(text, max(mention.start - 12, 0), mention.start)) or \
        text[mention.start - 1:mention.start] in ("\t", "|") or text[mention.end:mention.end + 1] in ("\t", "|")


@per_line
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every date mention in `text` (folded), left to right, not overlapping."""
    if "20" not in text and "19" not in text and "年" not in text:  # what every form's year needs
        return ()
    urls = [m.span() for m in _URL.finditer(text)] if "://" in text or "www." in text else []
    found = []
    for match in _TOKEN.finditer(text):
        mention = _mention(match)
        if _in_url(urls, mention.start) or _is_number(text, mention):
            continue
        if mention.garbled and not mention.readings:
            continue  # figures that no reading makes a date: not a date
        found.append(mention)
    return tuple(found)


def _short(text: str, position: int, year: int) -> ShortMention | None:
    match = _SHORT.match(text, position)
    if not match:
        return None
    if match.group("md"):
        readings = tuple(month_day_readings(year, match.group("md")))
        missing = "缺少“月”"
    else:
        month, day = int(match.group("m")), int(match.group("d"))
        readings = ((month, day),) if valid_date(year, month, day) else ()
        missing = "" if match.group("day") else "缺少“日”"
    if missing and not readings:
        return None
    return ShortMention(match.start(), match.end(), "short", year, readings, missing)


def find_ranges(text: str, mentions: Sequence[DateMention] | None = None) -> list[DateRange]:
    """Every range: a date, a connector (or none: lost), a second date with or without its year."""
    mentions = find_dates(text) if mentions is None else mentions
    starting = {m.start: m for m in mentions}
    ranges = []
    skip_until = -1
    for first in mentions:
        if first.start < skip_until:
            continue
        connector = _CONNECTOR.match(text, first.end)
        position = connector.end() if connector else first.end
        last = starting.get(position) or _short(text, position, first.year)
        if last is None or (connector is None and last.start != first.end):
            continue
        until = _UNTIL.match(text, last.end)
        end = until.end() if until else last.end
        ranges.append(DateRange(first.start, end, first, last, connector is None))
        skip_until = end
    return ranges


# Impossible dates are read more widely (a month of 3 digits, a month without its day, a month and
# day without a year) so that a wrong figure is reported rather than taken for no date at all.
_YEAR_MONTH_DAY = re.compile(rf"(?<!\d)({YEAR})\s*年\s*(\d{{1,3}})\s*月(?:\s*(\d{{1,3}})\s*日)?")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,3})\s*月\s*(\d{1,3})\s*日")
_ISO = re.compile(rf"(?<!\d)({YEAR})-(\d{{1,2}})-(\d{{1,2}})(?!\d)")
_LEAP_YEAR = 2000  # a date without a year is possible when it exists in some year


def _impossible(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return True
    return day is not None and not valid_date(year, month, day)


def impossible_dates(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, whether the month is out of range) of each date written in full that does not exist."""
    if "月" not in text and "-" not in text:  # what every pattern below needs
        return
    taken: list[tuple[int, int]] = []
    spans: list[tuple[re.Match[str], int, int, int | None]] = []
    for match in _YEAR_MONTH_DAY.finditer(text):
        taken.append(match.span())
        day = match.group(3)
        spans.append((match, int(match.group(1)), int(match.group(2)), int(day) if day else None))
    for match in _ISO.finditer(text):
        spans.append((match, int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in _MONTH_DAY.finditer(text):
        if not any(start <= match.start(1) < end for start, end in taken):
            spans.append((match, _LEAP_YEAR, int(match.group(1)), int(match.group(2))))
    for match, year, month, day in spans:
        if _impossible(year, month, day):
            yield match.start(), match.end(), not 1 <= month <= 12
