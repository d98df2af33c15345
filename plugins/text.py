"""Text residue and malformed citations: FMT001 (web page chrome), FMT002 (document numbers)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.plugins.textscan import HAN, fingerprint, is_chrome, is_site_footer

from linter.dategrammar import YEAR
from linter.diagnostics import Finding, Fix
from linter.hookspecs import hookimpl
from linter.model import Report
from linter.recognize.dates import signature_zone_start
from linter.rules_api import RuleContext, rule

_SNIPPET = 24


def _chrome_lines(report: Report) -> list[int]:
    """Lines of web residue; the page metadata block before the report is the page's, not residue."""
    zone = signature_zone_start(report)
    first, last = report.metadata_lines or (-1, -1)
    return [
        line.index
        for line in report.document.lines
        if not first <= line.index <= last
        and (is_chrome(line.text) or (line.index > zone and is_site_footer(line.text)))
    ]


def _blocks(indices: list[int], report: Report) -> list[list[int]]:
    """Group chrome lines that are separated only by blank lines."""
    lines = report.document.lines
    blocks: list[list[int]] = []
    for index in indices:
        if blocks and all(not lines[i].text.strip() for i in range(blocks[-1][-1] + 1, index)):
            blocks[-1].append(index)
        else:
            blocks.append([index])
    return blocks


@rule("FMT001", "web-page-residue", "warning")
def check_web_residue(report: Report, context: RuleContext) -> Iterator[Finding]:
    """网页残留：导航栏、语音播报、字体大小、打印、“扫一扫”、网页头部的发布信息和页脚。

    报告从网页复制时常带进网站的导航栏（“您当前位置：首页 > …”）、页面控件（“语音播报”
    “字体：[大 中 小]”“打印本页”“扫一扫在手机打开当前页面”）、头部元数据（发布时间、索引号）
    和签署之后的网站页脚。这些不是报告内容（DOMAIN.md §8），应在发布的报告文本中删除。
    连续的残留行合并为一条提示。文件开头、报告之前由“标题:”“发布时间:”“发布机构:”等
    `键: 值` 行组成的页面元数据块（常以 “==== 正文 ====” 之类的分隔行结束）是采集页面时
    记下的页面信息，不是报告正文里的残留，不提示。

    错误示例：
        您当前位置: 首页 > 武陵镇人民政府 > 政务公开 > 政府信息公开年报
        语音播报
    正确示例：报告正文从标题开始，到署名和日期结束。
    """
    lines = report.document.lines
    for block in _blocks(_chrome_lines(report), report):
        first, last = lines[block[0]], lines[block[-1]]
        start = len(first.text) - len(first.text.lstrip())
        location = first.locate(start)
        end = last.locate()
        shown = " ".join(first.text.split())
        shown = shown if len(shown) <= _SNIPPET else shown[:_SNIPPET] + "…"
        count = f"（共{len(block)}行）" if len(block) > 1 else ""
        yield Finding(
            f"网页残留内容“{shown}”{count}不属于报告正文，应删除",
            location.through(end),
            fingerprint=fingerprint("FMT001", *(lines[i].text for i in block)),
        )


_WRONG_BRACKETS = re.compile(
    rf"(?<=[{HAN}])([［﹝\[【(（〔])\s*({YEAR})\s*([］﹞\]】)）〕])(?=\s*\d{{1,4}}\s*号)"
)
_MISSING_CLOSE = re.compile(rf"〔\s*({YEAR})\s*(\d{{1,4}})\s*号")
_WORD_INSIDE = re.compile(rf"([{HAN}]{{2,10}}?)〔\s*({YEAR})\s*〕\s*([{HAN}]{{1,3}})\s*(\d{{1,4}})\s*号")
_NOTICES = {("2019", "60"): "国办公开办函〔2019〕60号", ("2021", "30"): "国办公开办函〔2021〕30号"}


def _bracket_findings(line) -> Iterator[Finding]:
    for match in _WRONG_BRACKETS.finditer(line.text):
        opening, year, closing = match.group(1), match.group(2), match.group(3)
        if opening == "〔" and closing == "〕":
            continue
        location = line.locate(match.start(), match.end())
        replacement = f"〔{year}〕"
        yield Finding(
            f"文号中的年份应使用六角括号〔〕：“{match.group(0)}”应为“{replacement}”",
            location,
            fix=Fix(location, replacement, f"改为“{replacement}”"),
            fingerprint=fingerprint("FMT002", match.group(0)),
        )


def _missing_close_findings(line) -> Iterator[Finding]:
    for match in _MISSING_CLOSE.finditer(line.text):
        year, number = match.group(1), match.group(2)
        yield Finding(
            f"文号“{match.group(0)}”缺少“〕”，应为“〔{year}〕{int(number)}号”",
            line.locate(match.start(), match.end()),
            fingerprint=fingerprint("FMT002", match.group(0)),
        )


def _word_inside_findings(line) -> Iterator[Finding]:
    for match in _WORD_INSIDE.finditer(line.text):
        prefix, year, word, number = match.groups()
        notice = _NOTICES.get((year, str(int(number))))
        expected = notice or f"{prefix}{word}〔{year}〕{int(number)}号"
        yield Finding(
            f"文号“{match.group(0)}”格式有误，应为“{expected}”",
            line.locate(match.start(), match.end()),
            fingerprint=fingerprint("FMT002", match.group(0)),
        )


@rule("FMT002", "malformed-document-number", "warning")
def check_document_numbers(report: Report, context: RuleContext) -> Iterator[Finding]:
    """文号格式有误：缺少“〕”、年份用了其他括号、机关代字错位。

    文号的规范写法是“机关代字〔年份〕序号号”，如格式通知“国办公开办函〔2021〕30号”
    （DOMAIN.md §3）。文本提取常丢掉“〕”（“〔202130号”），或把〔〕写成［］﹝﹞[]【】()（）。
    只更换括号时提供自动修复。

    错误示例：国办公开办函〔202130号；国办公开函〔2019〕办 60 号；国办公开办函[2021]30号
    正确示例：国办公开办函〔2021〕30号
    """
    for line in report.document.lines:
        if "号" not in line.text:  # every document number ends with it
            continue
        yield from _bracket_findings(line)
        yield from _missing_close_findings(line)
        yield from _word_inside_findings(line)


@hookimpl
def govlint_rules() -> list:
    return [check_web_residue, check_document_numbers]
