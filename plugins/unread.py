"""What the loader could not read: PARSE001 (nothing to check), PARSE002 (parts left unread)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.model import Report
from linter.rules_api import Rule, RuleContext, rule


@rule("PARSE001", "no-text-layer", severity="error")
def check_no_text(report: Report, context: RuleContext) -> Iterator[Finding]:
    """文件中没有可检查的文字（如没有文字层的扫描版 PDF），需要先进行 OCR。

    The file opens but holds no text at all, so nothing else is checked (instead of reporting
    six missing sections). Run OCR first (e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`).
    """
    if not report.document.lines:
        for unread in report.document.unread:
            yield Finding(unread.reason, unread.location)


@rule("PARSE002", "unread-pages", severity="warning")
def check_unread_parts(report: Report, context: RuleContext) -> Iterator[Finding]:
    """部分页面没有文字层（扫描的图片），其中的内容（常见的是统计表）未能检查。

    Pages between pages with text that carry no text themselves: a table pasted as a picture,
    a scanned page in the middle of the report. (A picture-only first or last page, such as a
    cover or the seal, is not reported.)
    """
    if report.document.lines:
        for unread in report.document.unread:
            yield Finding(unread.reason, unread.location, fingerprint=unread.reason)


@hookimpl
def govlint_rules() -> list[Rule]:
    return [check_no_text, check_unread_parts]
