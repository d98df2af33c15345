"""The codes govlint gives itself, not a rule plugin: one table, with their documentation.

PLG001/PLG002 come from the engine (a plugin that cannot be loaded, a rule that crashed),
GL001 from suppression comments, PARSE001–PARSE003 from what a loader could not read. The
place that produces a code takes it from here; those with a check of their own are registered
as rules through `InternalCode.rule`. The rule catalogue lists the others (PLG001, PLG002) by
their entry here, so `govlint rule CODE` and `govlint rules` show the documentation of all.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from linter.diagnostics import Severity
from linter.rules_api import Check, Rule, rule


@dataclass(frozen=True)
class InternalCode:
    """A code govlint gives itself (not a rule's), with its documentation."""

    code: str
    name: str
    severity: Severity
    doc: str
    """First line: the summary (Chinese); then what it means and what to do."""
    plugin: str
    """The module that reports the code (as a rule's plugin is named)."""

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0]

    @property
    def options(self) -> Mapping[str, Any]:
        """None: the entry reads like a rule's in the catalogue (`govlint rule`, `govlint rules`)."""
        return {}

    def rule(self, check: Check) -> Rule:
        """Declare `check` as the rule of this code, documented by this table."""
        check.__doc__ = self.doc
        return rule(self.code, self.name, self.severity.name.lower())(check)


def _code(code: str, name: str, severity: Severity, plugin: str, doc: str) -> InternalCode:
    return InternalCode(code, name, severity, inspect.cleandoc(doc), plugin)


PLUGIN_LOAD_FAILED = _code("PLG001", "plugin-failed", Severity.ERROR, "linter.engine", """
    插件无法加载，其规则未运行。

    A plugin registered in the `govlint` entry-point group could not be imported. It is reported
    once per run, on the first file, naming the plugin and the error; every other plugin's rules
    still run.
    """)
RULE_CRASHED = _code("PLG002", "rule-crashed", Severity.ERROR, "linter.engine", """
    规则运行出错，已跳过。

    A rule raised an exception while checking a report: a bug of that rule's plugin. The finding
    names the rule, its plugin and the error; the other rules still run on the report.
    """)
UNUSED_SUPPRESSION = _code("GL001", "unused-suppression", Severity.INFO, "linter.suppression", """
    抑制注释没有抑制任何问题（或写了不存在的规则代码）。

    Markdown 和 HTML 报告可以用注释暂时屏蔽某条规则：

        <!-- govlint: disable=SUM102 --> … <!-- govlint: enable -->
        <!-- govlint: disable-next-line=SUM102 -->
        <!-- govlint: disable-file=SUM102 -->

    问题改正后，注释就不再起作用，应当删除，以免将来掩盖新的问题。该检查在其他规则运行之后
    进行（本函数本身不产生结果）；纯文本、DOCX、PDF 报告请用 per-file-ignores 或基线文件。
    """)
NO_TEXT_LAYER = _code("PARSE001", "no-text-layer", Severity.ERROR, "linter.plugins.unread", """
    文件中没有可检查的文字（如没有文字层的扫描版 PDF），需要先进行 OCR。

    The file opens but holds no text at all, so nothing else is checked (instead of reporting
    six missing sections). Run OCR first (e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`).
    """)
UNREAD_PAGES = _code("PARSE002", "unread-pages", Severity.WARNING, "linter.plugins.unread", """
    部分页面没有文字层（扫描的图片），其中的内容（常见的是统计表）未能检查。

    Pages between pages with text that carry no text themselves: a table pasted as a picture,
    a scanned page in the middle of the report. (A picture-only first or last page, such as a
    cover or the seal, is not reported.)
    """)
UNDECODABLE_BYTES = _code("PARSE003", "undecodable-bytes", Severity.WARNING, "linter.plugins.unread", """
    文件中有无法解码的字节（已显示为“�”），该处文字已损坏。

    The file is in UTF-8 or GB18030 except for a few bytes: a last character cut off when the
    file was copied, a line pasted from a file in another encoding. govlint reads the rest and
    reports the damage once, at its first place, naming the lines; the damaged characters
    themselves are lost and must be typed again.

    错误示例：`本机关主动公开政府信息120条�`（最后一个字被截断）
    正确示例：`本机关主动公开政府信息120条。`
    """)

INTERNAL_CODES = {c.code: c for c in (PLUGIN_LOAD_FAILED, RULE_CRASHED, UNUSED_SUPPRESSION, NO_TEXT_LAYER,
                                       UNREAD_PAGES, UNDECODABLE_BYTES)}
"""Every internal code by code."""
