"""`html`: one self-contained page for supervisors — summary, every file's findings, unread files.

No external assets and no network: style and script are inline, and the page's Content Security
Policy allows exactly those two (by hash) and nothing else, so even text that escaped escaping
could not run. Everything from a report (paths, messages, source lines) is escaped. The page reads
completely with JavaScript off; with it on, a filter by severity and code appears, driven by and
written to the URL fragment (`#severity=error,warning&code=SUM001`), so a filtered view can be linked.

Reports are listed worst first (most errors, then warnings, then notes); the summary counts
findings per code and per body and year. Each report's section gives its title, body, year and
template, its findings with the line they are on (the source line; for DOCX the paragraph or
the table row, for PDF the line and its page), and draws each table that has a bad cell with the
template's row and column names, the bad cell marked and linked to its findings and back. For
ten thousand reports the script shows them fifty at a time (`#page=3`); without it all are shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.formatters import SEVERITY_LABELS, Formatter, Output, relative_path, severity_counts
from linter.formatters.full import summary
from linter.formatters.reportview import ReportView, TableView, drawn_tables, report_view
from linter.hookspecs import hookimpl
from linter.source import FlaggedLine

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.5em 0 .5em; word-break: break-all; }
.meta, .note { color: #59636e; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; min-width: 2.5em; text-align: center; border-radius: 3px; padding: 0 .3em;
       font-size: .9em; color: #fff; }
.sev.error { background: #cf222e; } .sev.warning { background: #9a6700; } .sev.info { background: #0969da; }
ol.findings { list-style: none; padding: 0; }
li.finding { border-left: 4px solid #d0d7de; padding: .3em .8em; margin: .6em 0; background: #fafbfc; }
li.finding.error { border-color: #cf222e; } li.finding.warning { border-color: #d4a72c; }
li.finding.info { border-color: #0969da; }
.finding p { margin: .1em 0; }
code.code { font-weight: 600; font-size: 1.05em; margin-left: .3em; }
.where { color: #59636e; margin-left: .5em; }
pre.source { font-family: "Noto Sans Mono CJK SC", ui-monospace, monospace; background: #f6f8fa;
             padding: .3em .6em; margin: .3em 0; white-space: pre-wrap; word-break: break-all; }
pre.source .ln { color: #8c959f; user-select: none; margin-right: 1em; }
mark { background: #ffd8b5; border-bottom: 2px solid #cf222e; }
mark.point { background: none; border-left: 2px solid #cf222e; border-bottom: none; }
form#filter { background: #f6f8fa; border: 1px solid #d0d7de; padding: .5em .8em; }
form#filter label { margin-right: 1em; }
.facts { color: #59636e; margin: .2em 0; }
.facts .k { color: #1f2328; font-weight: 600; margin-right: .3em; }
table.grid { font-size: .85em; margin: .8em 0; }
table.grid caption { text-align: left; font-weight: 600; padding: .2em 0; }
table.grid th { font-weight: normal; max-width: 22em; }
table.grid td { text-align: right; min-width: 2.5em; }
table.grid td.bad { background: #ffebe9; outline: 2px solid #cf222e; font-weight: 600; }
table.grid td.bad.warning { background: #fff8c5; outline-color: #9a6700; }
table.grid td.bad.info { background: #ddf4ff; outline-color: #0969da; }
table.grid td.part { background: #fff1e5; }
table.grid td sup a { font-weight: normal; margin-left: .2em; }
section.file { content-visibility: auto; contain-intrinsic-size: auto 24em; }
:target { scroll-margin-top: 2em; }
li.finding:target, td:target { box-shadow: 0 0 0 3px #0969da; }
nav#pages { margin: 1em 0; } nav#pages span { margin: 0 1em; }
[hidden] { display: none !important; }
@media print { form#filter, #shown, nav#pages { display: none; } }
"""

SCRIPT = """
(() => {
  const form = document.getElementById("filter");
  const shown = document.getElementById("shown");
  const pages = document.getElementById("pages");
  const findings = [...document.querySelectorAll("li.finding")];
  const sections = [...document.querySelectorAll("section.file")];
  const boxes = [...form.querySelectorAll("input[name=severity]")];
  const PAGE = 50;
  let page = 1;
  form.hidden = false;
  function matched() { return sections.filter(section => section.querySelector("li.finding:not([hidden])")); }
  function apply() {
    const severities = boxes.filter(box => box.checked).map(box => box.value);
    const code = form.elements.code.value;
    for (const item of findings) {
      item.hidden = !severities.includes(item.dataset.severity) || (code !== "" && item.dataset.code !== code);
    }
    const listed = matched();
    const count = Math.max(1, Math.ceil(listed.length / PAGE));
    page = Math.min(Math.max(1, page), count);
    const onPage = new Set(listed.slice((page - 1) * PAGE, page * PAGE));
    for (const section of sections) section.hidden = !onPage.has(section);
    pages.hidden = count === 1;
    pages.querySelector("span").textContent = `第 ${page} / ${count} 页`;
    pages.querySelector("[data-step='-1']").disabled = page === 1;
    pages.querySelector("[data-step='1']").disabled = page === count;
    const count_shown = findings.filter(item => !item.hidden).length;
    shown.textContent = `显示 ${count_shown} / ${findings.length} 个问题`;
  }
  function reveal(id) {  // a link to a finding or a cell on another page: turn to that page
    const target = document.getElementById(id);
    const section = target && target.closest("section.file");
    if (!section) return false;
    if (section.hidden) {
      if (!matched().includes(section)) {
        for (const box of boxes) box.checked = true;
        form.elements.code.value = "";
        apply();
      }
      page = Math.floor(matched().indexOf(section) / PAGE) + 1;
      apply();
    }
    target.scrollIntoView();
    return true;
  }
  function fromFragment() {
    const fragment = decodeURIComponent(location.hash.slice(1));
    if (fragment && !fragment.includes("=")) return reveal(fragment);
    const wanted = new URLSearchParams(location.hash.slice(1));
    if (!wanted.has("severity") && !wanted.has("code") && !wanted.has("page")) return false;
    const severities = (wanted.get("severity") || boxes.map(box => box.value).join(",")).split(",");
    for (const box of boxes) box.checked = severities.includes(box.value);
    form.elements.code.value = wanted.get("code") || "";
    page = Number(wanted.get("page")) || 1;
    apply();
    return true;
  }
  function toFragment() {
    const wanted = new URLSearchParams();
    const severities = boxes.filter(box => box.checked).map(box => box.value);
    if (severities.length < boxes.length) wanted.set("severity", severities.join(","));
    if (form.elements.code.value) wanted.set("code", form.elements.code.value);
    if (page > 1) wanted.set("page", page);
    history.replaceState(null, "", "#" + wanted.toString().replaceAll("%2C", ","));
  }
  form.addEventListener("change", () => { page = 1; apply(); toFragment(); });
  pages.addEventListener("click", event => {
    const step = Number(event.target.dataset.step || 0);
    if (!step) return;
    page += step; apply(); toFragment(); form.scrollIntoView();
  });
  window.addEventListener("hashchange", () => {
    if (fromFragment() && location.hash.includes("=")) form.scrollIntoView();
  });
  if (!fromFragment()) apply();
})();
"""


def _hash(text: str) -> str:
    import base64

    from linter.digests import sha256

    return "'sha256-" + base64.b64encode(sha256(text.encode()).digest()).decode() + "'"


def content_security_policy() -> str:
    """Nothing but the page's own style and script: no network, no other script."""
    return f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}"


def _rule_summaries(diagnostics: list[Diagnostic]) -> dict[str, str]:
    """Each code's one-line summary (rules of plugins and packs); the rule name for the others."""
    from linter.packs import rule_catalogue

    catalogue = {rule.code: rule.summary for rule in rule_catalogue()}
    return {d.code: catalogue.get(d.code, d.rule) for d in diagnostics}


def _severity_badge(severity: Severity) -> str:
    return f'<span class="sev {severity}">{SEVERITY_LABELS[severity]}</span>'


def _has_errors(result: FileResult) -> bool:
    return any(d.severity is Severity.ERROR for d in result.diagnostics)


def _summary(output: Output, bodies_years: list[tuple[str | None, int | None]]) -> str:
    results = output.results
    unread = sum(1 for r in results if r.error)
    with_errors = sum(1 for r in results if _has_errors(r))
    counts = severity_counts(output.diagnostics)
    severity_rows = "".join(f'<tr><th>{_severity_badge(s)}</th><td class="n">{counts[s]}</td></tr>'
                            for s in reversed(Severity))
    return (f'<section id="summary"><h2>概况</h2>'
            f"<p>检查文件 {len(results)} 个，其中有错误的 {with_errors} 个，无法读取的 {unread} 个。"
            f"{escape(summary(output.diagnostics))}</p>"
            f'<table class="severities"><tbody>{severity_rows}</tbody></table>'
            f"{_code_table(output.diagnostics)}{_body_year_table(output.results, bodies_years)}</section>")


def _body_year_table(results: Sequence[FileResult], bodies_years: list[tuple[str | None, int | None]]) -> str:
    """Findings per body and year (the reports whose body and year were recognised)."""
    groups: dict[tuple[str, int], list[list[Diagnostic]]] = {}
    for result, (body, year) in zip(results, bodies_years, strict=True):
        if body and year:
            groups.setdefault((body, year), []).append(result.diagnostics)
    if not groups:
        return ""
    rows = []
    for (body, year), members in sorted(groups.items()):
        counts = severity_counts([d for diagnostics in members for d in diagnostics])
        rows.append(f"<tr><td>{escape(body)}</td><td>{year}</td><td class=\"n\">{len(members)}</td>"
                    + "".join(f'<td class="n">{counts[s]}</td>' for s in reversed(Severity)) + "</tr>")
    head = "".join(f"<th>{SEVERITY_LABELS[s]}</th>" for s in reversed(Severity))
    return ('<table class="bodies"><thead><tr><th>机关</th><th>年度</th><th>报告数</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def worst_first(results: list[FileResult]) -> list[int]:
    """Indices of `results`, the reports with most errors first, then warnings, then notes."""
    def key(index: int) -> tuple:
        counts = severity_counts(results[index].diagnostics)
        return tuple(-counts[s] for s in reversed(Severity)) + (index,)

    return sorted(range(len(results)), key=key)


def _code_table(diagnostics: list[Diagnostic]) -> str:
    from urllib.parse import quote

    if not diagnostics:
        return ""
    summaries = _rule_summaries(diagnostics)
    per_code = Counter(d.code for d in diagnostics)
    severities: dict[str, set[Severity]] = {}
    for d in diagnostics:
        severities.setdefault(d.code, set()).add(d.severity)
    rows = "".join(
        f'<tr data-code="{escape(code)}"><td><a href="#code={escape(quote(code))}"><code>{escape(code)}</code></a></td>'
        f"<td>{''.join(_severity_badge(s) for s in sorted(severities[code], reverse=True))}</td>"
        f'<td class="n">{per_code[code]}</td><td>{escape(summaries[code])}</td></tr>'
        for code in sorted(per_code))
    return ('<table class="codes"><thead><tr><th>代码</th><th>级别</th><th>数量</th><th>说明</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _file_table(results: list[FileResult], order: list[int], names: list[str]) -> str:
    rows = []
    for index in order:
        result = results[index]
        path = escape(names[index])
        if result.error:
            rows.append(f'<tr><td>{path}</td><td colspan="3">无法读取</td></tr>')
            continue
        counts = severity_counts(result.diagnostics)
        name = f'<a href="#file-{index}">{path}</a>' if result.diagnostics else path
        rows.append(f"<tr><td>{name}</td>"
                    + "".join(f'<td class="n">{counts[s]}</td>' for s in reversed(Severity)) + "</tr>")
    head = "".join(f"<th>{SEVERITY_LABELS[s]}</th>" for s in reversed(Severity))
    return (f'<section id="files"><h2>各文件</h2><table><thead><tr><th>文件</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def _unread(results: list[FileResult]) -> str:
    errors = [r.error for r in results if r.error]
    if not errors:
        return ""
    items = "".join(f"<li>{escape(error)}</li>" for error in errors)
    return f'<section id="unread"><h2>无法读取的文件</h2><ul>{items}</ul></section>'


def _filter_form(diagnostics: list[Diagnostic]) -> str:
    """Shown by the script only: without JavaScript the controls would do nothing."""
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {_severity_badge(s)}</label>'
                    for s in reversed(Severity))
    options = "".join(f'<option value="{escape(code)}">{escape(code)}</option>'
                      for code in sorted({d.code for d in diagnostics}))
    return (f'<form id="filter" hidden>筛选：{boxes}<label>代码 <select name="code">'
            f'<option value="">全部</option>{options}</select></label></form><p id="shown" class="note"></p>')


def _source(flagged: FlaggedLine, label: str) -> str:
    """The flagged line around the span, the span marked; `label` names the line."""
    shown = flagged.around()
    text, start, end = shown.text, shown.start, shown.end
    mark = f"<mark>{escape(text[start:end])}</mark>" if end > start else '<mark class="point"></mark>'
    return (f'<pre class="source"><span class="ln">{escape(label)}</span>{escape(text[:start])}{mark}'
            f"{escape(text[end:])}</pre>")


class _Anchors:
    """Ids of one report's findings and of the drawn cells, to link one to the other."""

    def __init__(self, index: int, diagnostics: list[Diagnostic], tables: tuple[TableView, ...]) -> None:
        self.prefix = f"file-{index}"
        drawn = {(table.id, *key) for table in tables for key in table.cells}
        self.cells: dict[tuple[str, str, str], int] = {}
        self.by_cell: dict[tuple[str, str, str], list[int]] = {}
        self.parts: set[tuple[str, str, str]] = set()
        for number, d in enumerate(diagnostics):
            if d.cell and (d.cell.table, d.cell.row, d.cell.column) in drawn:
                key = (d.cell.table, d.cell.row, d.cell.column)
                self.cells.setdefault(key, len(self.cells))
                self.by_cell.setdefault(key, []).append(number)
                self.parts.update((r.table, r.row, r.column) for r in d.related)

    def finding(self, number: int) -> str:
        return f"{self.prefix}-d{number}"

    def cell(self, key: tuple[str, str, str]) -> str:
        return f"{self.prefix}-c{self.cells[key]}"


def _finding(number: int, d: Diagnostic, view: ReportView, anchors: _Anchors) -> str:
    loc = d.location
    where = f"{loc.line}:{loc.column}" + (f" · {loc.place}" if loc.place else "")
    flagged = view.excerpts.get(loc)
    label = str(loc.line) if not loc.place else (f"第{loc.page}页 第{loc.line}行" if loc.page else "")
    key = (d.cell.table, d.cell.row, d.cell.column) if d.cell else None
    to_cell = (f' <a class="to-cell" href="#{anchors.cell(key)}">在表{escape(key[0])}中查看</a>'
               if key in anchors.cells else "")
    return (f'<li class="finding {d.severity}" id="{anchors.finding(number)}" data-severity="{d.severity}" '
            f'data-code="{escape(d.code)}">'
            f'<p>{_severity_badge(d.severity)} <code class="code">{escape(d.code)}</code>'
            f'<span class="where">{escape(where)}</span>{to_cell}</p>'
            f'<p class="message">{escape(d.message)}</p>'
            f"{_source(flagged, label) if flagged else ''}</li>")


def _facts(view: ReportView) -> str:
    facts = [("标题", view.title), ("机关", view.body), ("年度", str(view.year) if view.year else None),
             ("模板", f"{view.template}年版" if view.template else None)]
    shown = "；".join(f'<span class="k">{name}</span>{escape(value)}' for name, value in facts if value)
    return f'<p class="facts">{shown}</p>' if shown else ""


def _grid(table: TableView, diagnostics: list[Diagnostic], anchors: _Anchors) -> str:
    """The table with the template's row and column names, bad cells marked and linked."""
    from linter.tablenames import column_name, row_name, table_template

    template = table_template(table.id, table.template)
    if template is None:
        return ""
    parts, columns = [], None
    for row in template.rows:
        row_columns = template.columns_of(row.id)
        if row_columns != columns:  # table 二's parts each have their own columns
            columns = row_columns
            parts.append("<tr><th></th>" + "".join(f"<th>{escape(column_name(c.id, template))}</th>"
                                                   for c in columns) + "</tr>")
        cells = "".join(_grid_cell(table, row.id, c.id, diagnostics, anchors) for c in columns)
        parts.append(f"<tr><th>{escape(row_name(row.id, template))}</th>{cells}</tr>")
    return (f'<table class="grid" data-table="{escape(table.id)}"><caption>表{escape(table.id)}</caption>'
            f'{"".join(parts)}</table>')


def _grid_cell(table: TableView, row: str, column: str, diagnostics: list[Diagnostic], anchors: _Anchors) -> str:
    key = (table.id, row, column)
    text = escape(table.cells.get((row, column), ""))
    if key not in anchors.cells:
        return f'<td class="part">{text}</td>' if key in anchors.parts else f"<td>{text}</td>"
    numbers = anchors.by_cell[key]
    worst = max(diagnostics[n].severity for n in numbers)
    codes = "".join(f'<sup><a href="#{anchors.finding(n)}">{escape(diagnostics[n].code)}</a></sup>' for n in numbers)
    title = escape("；".join(diagnostics[n].message for n in numbers))
    return (f'<td class="bad {worst}" id="{anchors.cell(key)}" title="{title}">'
            f'<a href="#{anchors.finding(numbers[0])}">{text or "（空）"}</a>{codes}</td>')


def _file_section(index: int, result: FileResult, view: ReportView, name: str) -> str:
    drawn = drawn_tables(view, result.diagnostics)
    anchors = _Anchors(index, result.diagnostics, drawn)
    items = "".join(_finding(n, d, view, anchors) for n, d in enumerate(result.diagnostics))
    tables = "".join(_grid(table, result.diagnostics, anchors) for table in drawn)
    return (f'<section class="file" id="file-{index}"><h3>{escape(name)}</h3>{_facts(view)}'
            f'<p class="note">{escape(summary(result.diagnostics))}</p><ol class="findings">{items}</ol>'
            f"{tables}</section>")


_PAGES = ('<nav id="pages" hidden><button type="button" data-step="-1">上一页</button><span></span>'
          '<button type="button" data-step="1">下一页</button></nav>')


def _findings(output: Output, order: list[int], names: list[str]) -> str:
    sections = []
    for index in order:
        result = output.results[index]
        if result.diagnostics:
            sections.append(_file_section(index, result, _view(result), names[index]))
    if not sections:
        return '<section id="findings"><h2>问题明细</h2><p>未发现问题。</p></section>'
    return (f'<section id="findings"><h2>问题明细</h2>{_filter_form(output.diagnostics)}{"".join(sections)}'
            f"{_PAGES}</section>")


def page(output: Output) -> str:
    """The whole report page."""
    from datetime import datetime

    from linter import __version__

    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    script = f"<script>{SCRIPT}</script>" if output.diagnostics else ""  # nothing to filter otherwise
    # Each view is read when it is written (a province's views are hundreds of megabytes).
    bodies_years = [(view.body, view.year) for view in map(_view, output.results)]
    order = worst_first(output.results)
    names = [relative_path(r.path) for r in output.results]
    return ("<!DOCTYPE html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>govlint 检查报告</title><style>{STYLE}</style></head><body>"
            f'<h1>govlint 检查报告</h1><p class="meta">生成于 {generated}，govlint {escape(__version__)}</p>'
            f"{_summary(output, bodies_years)}{_file_table(output.results, order, names)}{_unread(output.results)}"
            f"{_findings(output, order, names)}"
            f"{script}</body></html>\n")


def _view(result: FileResult) -> ReportView:
    """A run made each view where its file was checked; a result made otherwise may still hold its report."""
    return result.view or report_view(result.report, result.diagnostics)


def write_html(output: Output, stream: TextIO) -> None:
    from linter.i18n import speaking

    with speaking("zh"):  # the page is a Chinese document, whatever the locale
        stream.write(page(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("html", write_html, "one self-contained HTML page for supervisors", report_views=True)]
