"""`xlsx`: a workbook for supervisors (`pip install 'govlint[xlsx]'`), written with XlsxWriter.

Sheets: 问题 (one row per finding, the columns of `csv`), 报告 (one row per file: body, year,
findings per severity, unreadable or not) and 代码 (one row per code: how many findings, in how
many files). Each has a bold frozen header row and filters. Text is always written as text,
never read as a formula or a number. Binary: written to --output-file or to a redirected stdout.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from linter.diagnostics import Severity
from linter.formatters import SEVERITY_LABELS, Formatter, Output, rule_summaries, severity_counts
from linter.formatters.rows import FINDING_COLUMNS, Value, finding_rows
from linter.hookspecs import hookimpl

_SEVERITIES = tuple(reversed(Severity))
REPORT_COLUMNS = ("文件", "机关", "年度", "模板", "格式", *(SEVERITY_LABELS[s] for s in _SEVERITIES), "合计", "状态")
CODE_COLUMNS = ("代码", "规则", "级别", "问题数", "涉及文件数", "说明")
_WIDTHS = {"文件": 40, "机关": 24, "问题说明": 70, "说明": 50, "状态": 30, "规则": 28, "指纹": 22, "表格单元": 22}


def _report_rows(output: Output) -> Iterable[list[Value]]:
    for result in output.results:
        info = result.info
        counts = severity_counts(result.diagnostics)
        status = f"无法读取：{result.error}" if result.error else "已检查"
        yield [result.path, info and info.body, info and info.year, info and info.template, info and info.format,
               *(counts[s] for s in _SEVERITIES), len(result.diagnostics), status]


def _code_rows(output: Output) -> Iterable[list[Value]]:
    diagnostics = output.diagnostics
    findings = Counter(d.code for d in diagnostics)
    files = Counter(code for result in output.results for code in {d.code for d in result.diagnostics})
    severities: dict[str, set[Severity]] = {}
    names: dict[str, str] = {}
    for d in diagnostics:
        severities.setdefault(d.code, set()).add(d.severity)
        names.setdefault(d.code, d.rule)
    summaries = rule_summaries(diagnostics)
    for code, count in sorted(findings.items(), key=lambda item: (-item[1], item[0])):
        levels = "、".join(SEVERITY_LABELS[s] for s in sorted(severities[code], reverse=True))
        yield [code, names[code], levels, count, files[code], summaries[code]]


def _sheet(workbook: Any, name: str, columns: Sequence[str], rows: Iterable[list[Value]]) -> None:
    sheet = workbook.add_worksheet(name)
    header = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    for index, title in enumerate(columns):
        sheet.set_column(index, index, _WIDTHS.get(title, max(8, 2 * len(title) + 2)))
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, columns, header)
    last = 0
    for last, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(last, column, value)
            elif value is not None:
                sheet.write_number(last, column, value)
    sheet.autofilter(0, 0, last, len(columns) - 1)


def workbook_bytes(output: Output) -> bytes:
    """The whole workbook (.xlsx), in memory."""
    import xlsxwriter
    buffer = io.BytesIO()
    # constant_memory: each row goes to a temporary file as it is written, so 100,000 findings stay cheap.
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    _sheet(workbook, "问题", FINDING_COLUMNS, finding_rows(output))
    _sheet(workbook, "报告", REPORT_COLUMNS, _report_rows(output))
    _sheet(workbook, "代码", CODE_COLUMNS, _code_rows(output))
    workbook.close()
    return buffer.getvalue()


def write_xlsx(output: Output, stream: BinaryIO) -> None:
    stream.write(workbook_bytes(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("xlsx", write_xlsx, "an Excel workbook: findings, reports and codes (govlint[xlsx])",
                      binary=True, needs=("xlsxwriter", "xlsx"))]
