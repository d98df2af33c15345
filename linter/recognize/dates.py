"""The dates a report is dated by, recognised once for every rule: the signature date closing it
and the publication date of the page header (DAT004 and the pack `deadline` kind both read them)."""

from __future__ import annotations

import re

from linter.dategrammar import DateMention, find_dates
from linter.model import Dated, Document, Line, Report
from linter.rules_api import per_report
from linter.textnorm import squash

_HAN = re.compile("[\u4e00-\u9fff]")
_PUBLISHED = re.compile(r"(?:(?:发布|成文|公开)(?:日期|时间)|日期)\s*[:：]")
_HEADER_LINES = 30
_SIGNATURE_LINES = 15
_SIGNATURE_CHARS = 40


@per_report
def signature_zone_start(report: Report) -> int:
    """Line index from which a short dated line is taken as the signature (the last section); made
    once per report (every figures-only date asks)."""
    if report.sections:
        return max(s.heading_line for s in report.sections)
    return max(len(report.document.lines) - _SIGNATURE_LINES, 0)


def _previous_text_line(document: Document, index: int) -> str:
    for position in range(index - 1, -1, -1):
        text = document.lines[position].text.strip()
        if text:
            return text
    return ""


def is_standalone_date(report: Report, line: Line, mention: DateMention) -> bool:
    """Whether a date of figures only ("20240126") on a line of its own is a date: in the signature
    zone, and not one number among others laid out one per line (a table, cell by cell)."""
    if line.index < signature_zone_start(report):
        return False
    return not re.fullmatch(r"[\d\s.,%+\-]+", _previous_text_line(report.document, line.index))


def is_date_line(report: Report, line: Line) -> bool:
    """Whether a line holds a date and nothing else (figures only: see `is_standalone_date`)."""
    text = line.norm.strip()
    mentions = find_dates(text)
    if len(mentions) != 1 or (mentions[0].start, mentions[0].end) != (0, len(text)):
        return False
    return not mentions[0].garbled or is_standalone_date(report, line, mentions[0])


def _signature_mention(report: Report, line: Line) -> DateMention | None:
    """The last date on a short line without sentence punctuation (a signature, "某镇人民政府 2024年1月26日")."""
    flat = squash(line.norm)
    if not flat or len(flat) > _SIGNATURE_CHARS or re.search(r"[。，；]", line.norm):
        return None
    mentions = [m for m in find_dates(line.norm) if m.date is not None]
    if not mentions:
        return None
    last = mentions[-1]
    if not _HAN.search(line.norm) and not is_standalone_date(report, line, last):
        return None
    return last


def _signature(report: Report) -> Dated | None:
    lines = report.document.lines
    for line in reversed(lines[signature_zone_start(report):]):
        mention = _signature_mention(report, line)
        if mention is not None and mention.date is not None:
            return Dated(mention.date, line.locate(mention.start, mention.end), "落款日期")
    return None


_METADATA_DATES = ("发布时间", "发布日期", "成文日期", "发文日期")


def _header_date(line: Line, after: int) -> Dated | None:
    mention = next((m for m in find_dates(line.norm) if m.start >= after), None)
    if mention is None or mention.date is None or mention.garbled:
        return None
    return Dated(mention.date, line.locate(mention.start, mention.end), "网页发布日期")


def _published(report: Report) -> Dated | None:
    """The page's publication date: a date field of the metadata block, else a labelled date
    (发布时间：…) in the page header."""
    lines = report.document.lines
    for key in _METADATA_DATES:
        field = report.metadata.get(key)
        line = lines[field.line] if field else None
        dated = line and _header_date(line, max(line.text.find(field.value), 0))
        if dated:
            return dated
    for line in lines[:_HEADER_LINES]:
        label = _PUBLISHED.search(line.norm)
        dated = label and _header_date(line, label.end())
        if dated:
            return dated
    return None


def recognize_dates(report: Report) -> None:
    """Set the report's signature and publication dates (after its sections are known)."""
    report.signature_date = _signature(report)
    report.publication_date = _published(report)
