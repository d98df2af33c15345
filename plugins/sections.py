"""The six sections: missing (SEC001), out of order (SEC002), repeated (SEC003), empty (SEC004),
title without year or body (SEC005), Markdown heading levels that drift (SEC006)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from linter.plugins.textscan import fingerprint, is_filler, where

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.model import START_OF_FILE, Location, Report, Section
from linter.recognize.dates import is_date_line
from linter.recognize.title import classify_body
from linter.rules_api import RuleContext, rule
from linter.templates import section_templates
from linter.textnorm import SECTION_NUMERALS, squash


def _heading_name(number: str) -> str:
    return f"“{number}、{section_templates()[number].title}”"


def _place_for_missing(report: Report, number: str) -> Location:
    """The heading of the next section present, else the end of the last one."""
    ordinal = SECTION_NUMERALS.index(number)
    later = [s for s in report.sections if s.ordinal > ordinal + 1]
    if later:
        heading = min(later, key=lambda s: s.heading_line).heading
        return Location(heading.line, heading.column, heading.line, heading.column)
    last = report.document.lines[report.sections[-1].body[1]].locate()
    return Location(last.end_line, last.end_column, last.end_line, last.end_column)


@rule("SEC001", "missing-section", "error")
def check_missing_sections(report: Report, context: RuleContext) -> Iterator[Finding]:
    """缺少模板规定的某一部分（一、总体情况 … 六、其他需要报告的事项）。

    条例第五十条规定年度报告的内容，国务院办公厅格式通知（国办公开办函〔2019〕60号、
    〔2021〕30号）把它固定为六个部分（DOMAIN.md §1、§2）。缺少的部分报告在它本应出现的
    位置：下一部分的标题处。

    错误示例：“四、政府信息公开行政复议、行政诉讼情况”之后直接是“六、其他需要报告的事项”。
    正确示例：一至六六个部分依次出现。
    """
    if not report.sections:
        yield Finding("未识别出任何部分标题（应有“一、总体情况”至“六、其他需要报告的事项”六个部分）", START_OF_FILE,
                      fingerprint=fingerprint("SEC001", "all"))
        return
    present = {s.number for s in report.sections}
    for number in SECTION_NUMERALS:
        if number not in present:
            yield Finding(f"缺少第{number}部分{_heading_name(number)}", _place_for_missing(report, number),
                          fingerprint=fingerprint("SEC001", number))


@rule("SEC002", "section-order", "error")
def check_section_order(report: Report, context: RuleContext) -> Iterator[Finding]:
    """各部分顺序与模板不符（如“三”出现在“四”之后）。

    格式通知规定六个部分的顺序（DOMAIN.md §2），读者和检查者按这一顺序查找内容。
    同一编号重复出现由 SEC003 报告。

    错误示例：四、政府信息公开行政复议、行政诉讼情况 …… 三、收到和处理政府信息公开申请情况
    正确示例：三、收到和处理政府信息公开申请情况 …… 四、政府信息公开行政复议、行政诉讼情况
    """
    highest: Section | None = None
    for section in report.sections:
        if highest and section.ordinal < highest.ordinal:
            yield Finding(
                f"第{section.number}部分出现在第{highest.number}部分（{where(highest.heading)}）之后，顺序有误",
                section.heading, fingerprint=fingerprint("SEC002", section.number, highest.number))
        elif not highest or section.ordinal > highest.ordinal:
            highest = section


@rule("SEC003", "repeated-section", "error")
def check_repeated_sections(report: Report, context: RuleContext) -> Iterator[Finding]:
    """同一部分编号或标题重复出现（同一标题连写两次，或两个部分都编为“二”）。

    六个部分各出现一次（DOMAIN.md §2）；重复的编号说明标题被复制了两次，或部分编号错了。
    报告在第二次出现的标题处，并指出第一次出现的行号。

    错误示例：一、总体情况 / 一、总体情况；二、政府信息公开工作情况 … 二、主动公开政府信息情况
    正确示例：一、总体情况 … 二、主动公开政府信息情况 … 三、收到和处理政府信息公开申请情况
    """
    first_seen: dict[str, Section] = {}
    for section in report.sections:
        first = first_seen.setdefault(section.number, section)
        if first is section:
            continue
        same_title = squash(first.title) == squash(section.title)
        what = f"标题“{section.number}、{section.title}”" if same_title else f"编号“{section.number}”"
        yield Finding(
            f"{what}重复出现（{where(first.heading)}已有“{first.number}、{first.title}”）",
            section.heading,
            fingerprint=fingerprint("SEC003", section.number, section.title),
        )


_MAX_SIGNATURE = 30


def _is_date_line(report: Report, index: int) -> bool:
    return is_date_line(report, report.document.lines[index])


def _is_signature(report: Report, index: int) -> bool:
    """The issuing body's name closing the report: part of the title's body, or a body name followed by
    the date."""
    flat = squash(report.document.lines[index].text)
    if len(flat) > _MAX_SIGNATURE or not classify_body(flat):
        return False
    if report.body and flat in squash(report.body):
        return True
    following = next((i for i in range(index + 1, len(report.document.lines))
                      if report.document.lines[i].text.strip()), None)
    return following is not None and _is_date_line(report, following)


def _is_content(report: Report, index: int) -> bool:
    text = report.document.lines[index].text
    return not (is_filler(text) or _is_date_line(report, index) or _is_signature(report, index))


def _followed_by_same_heading(report: Report, position: int) -> bool:
    sections = report.sections
    return position + 1 < len(sections) and sections[position + 1].number == sections[position].number


@rule("SEC004", "empty-section", "warning")
def check_empty_sections(report: Report, context: RuleContext) -> Iterator[Finding]:
    """某一部分只有标题，没有内容（模板要求至少写“无”）。

    格式通知要求六个部分都要填写，没有可报告的事项也应写明“无”（DOMAIN.md §2）。
    网页残留、页码和落款不算内容。标题紧接着重复一次时（第一个是多余的副本），由 SEC003
    报告，不在此重复。

    错误示例：六、其他需要报告的事项 / 扫一扫在手机打开当前页面
    正确示例：六、其他需要报告的事项 / 无。
    """
    for position, section in enumerate(report.sections):
        first, last = section.body
        if _followed_by_same_heading(report, position):
            continue
        if not any(_is_content(report, index) for index in range(first, last + 1)):
            yield Finding(f"第{section.number}部分“{section.title}”没有内容（没有可报告的事项也应写明“无”）",
                          section.heading, fingerprint=fingerprint("SEC004", section.number))


@rule("SEC005", "title-incomplete", "warning")
def check_title(report: Report, context: RuleContext) -> Iterator[Finding]:
    """标题没有写明报告年度或发布机关。

    年度报告的标题应为“（机关名称）（年度）年政府信息公开工作年度报告”；年度和机关
    决定适用哪一版模板、哪一个公布期限（条例第四十九条，DOMAIN.md §3）。

    错误示例：# 南岳镇政府信息公开工作年度报告
    正确示例：# 南岳镇人民政府2020年政府信息公开工作年度报告
    """
    if report.title is None:
        yield Finding("未找到报告标题（应为“机关名称＋年度＋政府信息公开工作年度报告”）", START_OF_FILE,
                      fingerprint=fingerprint("SEC005", "no-title"))
        return
    missing = []
    if report.year_source != "title":
        inferred = f"（正文推断为{report.year}年）" if report.year else ""
        missing.append(f"报告年度{inferred}")
    if not report.body:
        missing.append("发布机关")
    if missing:
        yield Finding(f"标题“{report.title.text}”没有写明{'和'.join(missing)}", report.title.location,
                      fingerprint=fingerprint("SEC005", report.title.text))


@rule("SEC006", "heading-levels", "info")
def check_heading_levels(report: Report, context: RuleContext) -> Iterator[Finding]:
    """Markdown 中同级部分的标题层级不一致（##、###、#### 混用）。

    六个部分是同一级标题（DOMAIN.md §2）；层级漂移会打乱目录和导出后的文档结构。
    以最常见的层级为准，报告与之不同的标题。

    错误示例：## 一、总体情况 … ### 三、收到和处理政府信息公开申请情况
    正确示例：## 一、总体情况 … ## 三、收到和处理政府信息公开申请情况
    """
    levels = Counter(s.level for s in report.sections if s.level is not None)
    if len(levels) < 2:
        return
    usual = max(levels, key=lambda level: (levels[level], -level))
    for section in report.sections:
        if section.level is not None and section.level != usual:
            yield Finding(
                f"第{section.number}部分标题为{section.level}级（{'#' * section.level}），"
                f"其他部分多为{usual}级（{'#' * usual}）",
                section.heading, fingerprint=fingerprint("SEC006", section.number, section.level))


@hookimpl
def govlint_rules() -> list:
    return [check_missing_sections, check_section_order, check_repeated_sections, check_empty_sections,
            check_title, check_heading_levels]
