"""What the loader could not read: PARSE001 (nothing to check), PARSE002 (parts left unread),
PARSE003 (bytes that no encoding could decode)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.loaders.encoding import REPLACEMENT
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


_SHOWN_PLACES = 5


@rule("PARSE003", "undecodable-bytes", severity="warning")
def check_undecodable_bytes(report: Report, context: RuleContext) -> Iterator[Finding]:
    """文件中有无法解码的字节（已显示为“�”），该处文字已损坏。

    The file is in UTF-8 or GB18030 except for a few bytes: a last character cut off when the
    file was copied, a line pasted from a file in another encoding. govlint reads the rest and
    reports the damage once, at its first place, naming the lines; the damaged characters
    themselves are lost and must be typed again.

    错误示例：`本机关主动公开政府信息120条�`（最后一个字被截断）
    正确示例：`本机关主动公开政府信息120条。`
    """
    places = [(line, column) for line in report.document.lines
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
