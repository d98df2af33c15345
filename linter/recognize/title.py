"""Title, issuing body, body kind and report year."""

from __future__ import annotations

import re
from collections import Counter

from linter.model import Document, Report, Title
from linter.textnorm import squash

_HEAD_LINES = 40
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_BREADCRUMB = ("当前位置", ">", "首页")
_PERIOD = re.compile(
    r"统计(?:时限|期限|期间|时间|周期|区间)[^0-9]{0,8}((?:19|20)\d{2})\s*年?\s*0?1\s*月?\s*0?1\s*日"
    r"|统计(?:时限|期限|期间|时间|周期|区间)[^0-9]{0,8}((?:19|20)\d{2})11日"
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_PROSE = re.compile(r"[《》，。；]|根据")  # a sentence that names the report is not its title

# Suffixes of an issuing body's name, most specific first (DOMAIN.md §1: towns, counties and
# local departments cannot make 规章).
_BODY_SUFFIXES = (
    ("town", ("街道办事处", "镇人民政府", "乡人民政府", "街道", "镇", "乡")),
    ("department", ("局", "委员会", "办公室", "厅", "中心", "委", "办", "院", "署", "所", "站", "队")),
    ("province", ("省人民政府", "自治区人民政府", "省政府")),
    ("city", ("市人民政府", "州人民政府", "盟行政公署", "市政府", "市")),
    ("district", ("区人民政府", "区政府", "区")),
    ("county", ("县人民政府", "旗人民政府", "县政府", "县", "旗")),
)
BODY_KINDS = tuple(kind for kind, _ in _BODY_SUFFIXES)


def classify_body(name: str) -> str | None:
    """'town', 'department', 'province', 'city', 'district' or 'county' from the body's name."""
    name = squash(name)
    for kind, suffixes in _BODY_SUFFIXES:
        if name.endswith(suffixes):
            return kind
    return None


def _is_title_line(text: str, following: str = "") -> bool:
    """A title, or its first line when `following` (the next line) ends it ("…政府信息公开" / "工作年度报告")."""
    flat = squash(text)
    if any(mark in flat for mark in _BREADCRUMB) or len(flat) > 60 or _PROSE.search(flat):
        return False
    ends = "报告" in flat or flat.endswith("年报") or ("报告" in squash(following) and len(squash(following)) <= 12)
    return "政府信息公开" in flat and ends


def _clean(text: str) -> str:
    return _MARKDOWN_HEADING.sub("", text).strip().strip("*").strip()


def find_title(document: Document, start: int = 0) -> Title | None:
    """The report's title among the first lines from `start` (the line after any page metadata)."""
    lines = document.lines
    candidates = [i for i in range(start, min(len(lines), start + _HEAD_LINES)) if lines[i].text.strip()]
    for position, index in enumerate(candidates):
        following = lines[candidates[position + 1]].text if position + 1 < len(candidates) else ""
        if not _is_title_line(lines[index].text, following):
            continue
        first = last = index
        parts = [_clean(lines[index].text)]
        flat = squash(parts[0])
        if "报告" not in flat and not flat.endswith("年报") and position + 1 < len(candidates):
            nxt = candidates[position + 1]
            if "报告" in squash(lines[nxt].text) and len(squash(lines[nxt].text)) <= 12:
                parts.append(_clean(lines[nxt].text))
                last = nxt
        if (re.match(r"^(?:(?:19|20)\d{2}\s*年|政府信息公开)", flat) or flat.startswith("年")) and position:
            prev = candidates[position - 1]
            previous = _clean(lines[prev].text)
            # The issuing body on the line before ("某某镇人民政府" / "2023年…报告"), not a marker ("正文").
            if (0 < len(squash(previous)) <= 30 and not re.search(r"[。，,:：;；|]", previous)
                    and classify_body(previous)):
                parts.insert(0, previous)
                first = prev
        location = document.locate_span(first, last)
        return Title("".join(p.strip() for p in parts), location, (first, last))
    return None


def _body_from_title(title: str) -> str | None:
    flat = squash(title)
    cut = len(flat)
    for pattern in (_YEAR, re.compile("政府信息公开")):
        match = pattern.search(flat)
        if match:
            cut = min(cut, match.start())
    body = flat[:cut].strip("关于")
    year = _YEAR.match(flat)
    if not body and year:  # "2025年上海市人民政府办公厅政府信息公开工作年度报告"
        body = flat[year.end():].split("政府信息公开")[0].strip("度")
    return body or None


def _year_from_period(document: Document) -> tuple[int, int, int] | None:
    for line in document.lines:
        match = _PERIOD.search(squash(line.norm)) if "统计" in line.text else None
        if match:
            year = match.group(1) or match.group(2)
            column = line.norm.find(year[:2])
            return int(year), line.index, max(column, 0)
    return None


def _year_from_prose(document: Document) -> tuple[int, int, int] | None:
    counts: Counter[int] = Counter()
    first_seen: dict[int, tuple[int, int]] = {}
    for line in document.lines:
        for match in _YEAR.finditer(line.norm):
            year = int(match.group(1))
            counts[year] += 1
            first_seen.setdefault(year, (line.index, match.start()))
    if not counts:
        return None
    year = max(counts, key=counts.__getitem__)  # the first most common, as most_common(1) without heapq
    return year, *first_seen[year]


def _metadata_title(report: Report) -> Title | None:
    """The page metadata's 标题 when the report text has no title of its own."""
    field = report.metadata.get("标题")
    if field is None or not _is_title_line(field.value):
        return None
    return Title(field.value.strip(), field.location, (field.line, field.line))


def recognize_title(report: Report, fallback_year: int | None = None) -> None:
    """Fill title, body, body_kind, year and where the year came from."""
    document = report.document
    start = report.metadata_lines[1] + 1 if report.metadata_lines else 0
    report.title = find_title(document, start) or _metadata_title(report)
    publisher = report.metadata.get("发布机构")
    if report.title:
        report.body = _body_from_title(report.title.text)
    if not report.body and publisher and publisher.value.strip():
        report.body = squash(publisher.value)
    report.body_kind = classify_body(report.body) if report.body else None
    if report.title:
        first, last = report.title.lines
        for index in range(first, last + 1):
            match = _YEAR.search(document.lines[index].norm)
            if match:
                report.year = int(match.group(1))
                report.year_source = "title"
                report.year_location = document.lines[index].locate(match.start(), match.end())
                return
    for source, finder in (("period", _year_from_period), ("prose", _year_from_prose)):
        found = finder(document)
        if found:
            year, index, column = found
            report.year, report.year_source = year, source
            report.year_location = document.lines[index].locate(column, column + 4)
            return
    if fallback_year:
        report.year, report.year_source = fallback_year, "config"
