"""What the loader could not read: PARSE001 (nothing to check), PARSE002 (parts left unread),
PARSE003 (bytes that no encoding could decode)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.codes import NO_TEXT_LAYER, UNDECODABLE_BYTES, UNREAD_PAGES
from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.loaders.encoding import REPLACEMENT
from linter.model import Report
from linter.rules_api import Rule, RuleContext


@NO_TEXT_LAYER.rule
def check_no_text(report: Report, context: RuleContext) -> Iterator[Finding]:
    if not report.document.lines:
        for unread in report.document.unread:
            yield Finding(unread.reason, unread.location)


@UNREAD_PAGES.rule
def check_unread_parts(report: Report, context: RuleContext) -> Iterator[Finding]:
    if report.document.lines:
        for unread in report.document.unread:
            yield Finding(unread.reason, unread.location, fingerprint=unread.reason)


_SHOWN_PLACES = 5


@UNDECODABLE_BYTES.rule
def check_undecodable_bytes(report: Report, context: RuleContext) -> Iterator[Finding]:
    places = [(line, column) for line in report.document.lines if REPLACEMENT in line.text
              for column, character in enumerate(line.text) if character == REPLACEMENT]
    if not places:
        return
    first_line, first_column = places[0]
    lines = sorted({line.locate(column, column + 1).line for line, column in places})
    shown = "、".join(str(number) for number in lines[:_SHOWN_PLACES]) + ("等" if len(lines) > _SHOWN_PLACES else "")
    yield Finding(f"文件中有{len(places)}处无法解码的字节（显示为“{REPLACEMENT}”），在第{shown}行；这些文字已损坏，"
                  "请对照原文补正", first_line.locate(first_column, first_column + 1), fingerprint="undecodable")


@hookimpl
def govlint_rules() -> list[Rule]:
    return [check_no_text, check_unread_parts, check_undecodable_bytes]
