"""The template as the prose names it: the cited format notice (TPL002) and sections that must hold
a table (TPL005)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.plugins.textscan import HAN, fingerprint, passages

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.model import Report
from linter.rules_api import RuleContext, rule
from linter.templates import all_templates, template_for_year
from linter.textnorm import squash

# "国办公开办函〔2021〕30号", also when extraction lost or moved the brackets: "〔202130号",
# "〔2019〕办 60 号". Only the two notices' own year/number pairs count.
_BRACKETS = r"〔〕\[\]［］【】()（）"
_NOTICE = re.compile(
    rf"(?P<issuer>国办公开办?函\s*)?[{_BRACKETS}]?(?<!\d)(2019|2021)[\s{_BRACKETS}办年第]{{0,5}}?(60|30)\s*号"
)
_NOTICE_NUMBERS = {("2019", "60"): "2019", ("2021", "30"): "2021"}
# Another issuer's code right before the number ("国办发〔2021〕30号") is another document.
_OTHER_ISSUER = re.compile(rf"[{HAN}][{_BRACKETS}]?$")


def _notice_cited(text: str, match: re.Match) -> str | None:
    """The template year of the notice a match cites, None for another document."""
    if not match.group("issuer") and _OTHER_ISSUER.search(text[max(0, match.start() - 2):match.start(2)]):
        return None
    return _NOTICE_NUMBERS.get((match.group(2), match.group(3)))


def _notice_of(template_year: str) -> str:
    return all_templates()[template_year].notice


@rule("TPL002", "format-notice", "warning")
def check_format_notice(report: Report, context: RuleContext) -> Iterator[Finding]:
    """引用的格式通知与报告年度或所用表格模板不符。

    2019、2020年度报告使用国办公开办函〔2019〕60号的格式，2021年度起使用国办公开办函
    〔2021〕30号的格式（DOMAIN.md §3）。2022年的报告仍引用60号，说明格式没有按新通知更新。
    文号在提取中损坏（“〔202130号”“〔2019〕办 60 号”）时仍能识别。

    错误示例：（2022年度报告）依据国办公开办函〔2019〕60号编制。
    正确示例：（2022年度报告）依据国办公开办函〔2021〕30号编制。
    """
    template = template_for_year(report.year) if report.year else None
    expected = template.year if template else None
    for passage in (passage for passage in passages(report) if "号" in passage.text):  # every notice number has it
        for match in _NOTICE.finditer(passage.text):
            cited = _notice_cited(passage.text, match)
            if cited is None:
                continue
            problem = None
            if expected and cited != expected:
                problem = f"{report.year}年度报告应依据{_notice_of(expected)}"
            elif report.template and cited != report.template:
                problem = f"报告表格使用的是{report.template}年版模板（{_notice_of(report.template)}）"
            if problem:
                yield Finding(
                    f"引用的格式通知为{_notice_of(cited)}，但{problem}",
                    passage.locate(match.start(), match.end()),
                    fingerprint=fingerprint("TPL002", cited, report.year),
                )


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b|\[图片\]|\.(?:png|jpe?g|gif)\b", re.IGNORECASE)
_TABLE_SECTIONS = {"二": "主动公开政府信息情况", "三": "收到和处理政府信息公开申请情况", "四": "行政复议、行政诉讼情况"}


_NUMBER = re.compile(r"\d+")
_MIN_NUMBERS = 3


def _numbers_in(report: Report, first_line: int, last_line: int) -> int:
    return sum(len(_NUMBER.findall(line.text)) for line in report.document.lines
               if first_line <= line.locate(0, 0).line <= last_line)


def _has_table(report: Report, number: str) -> bool:
    """A table recognised with a number or blank cell, or a malformed one that holds numbers
    (TPL003's concern); a section that only says "无" has no table."""
    table = report.tables.get(number)
    if table is None:
        return False
    if any(cell.kind != "text" for cell in table.cells.values()):
        return True
    return _numbers_in(report, table.location.line, table.location.end_line) >= _MIN_NUMBERS


def _has_image(report: Report, first: int, last: int) -> bool:
    return any(_IMAGE.search(report.document.lines[i].text) for i in range(first, last + 1))


@rule("TPL005", "section-without-table", "error")
def check_section_tables(report: Report, context: RuleContext) -> Iterator[Finding]:
    """第二、三、四部分没有统计表（或只有一张图片）。

    格式通知规定第二、三、四部分以表格报告数据（DOMAIN.md §4–§6）；没有表格或把表格
    做成图片，数据就无法核对和汇总。表格是否识别出来以表格识别结果为准。

    错误示例：三、收到和处理政府信息公开申请情况 / ![](table3.png)
    正确示例：三、收到和处理政府信息公开申请情况 / （表三的文字表格）
    """
    for number, subject in _TABLE_SECTIONS.items():
        section = report.section(number)
        if section is None or _has_table(report, number):
            continue
        image = _has_image(report, *section.body)
        how = "只有图片，没有可核对的文字表格" if image else "没有识别出统计表"
        yield Finding(f"第{number}部分（{subject}）{how}", section.heading,
                      fingerprint=fingerprint("TPL005", number, squash(how)))


@hookimpl
def govlint_rules() -> list:
    return [check_format_notice, check_section_tables]
