"""`html`: one self-contained page for supervisors — summary, every file's findings, unread files.

No external assets and no network: style and script are inline, and the page's Content Security
Policy allows exactly those two (by hash) and nothing else, so even text that escaped escaping
could not run. Everything from a report (paths, messages, source lines) is escaped. The page reads
completely with JavaScript off; with it on, a filter by severity and code appears, driven by and
written to the URL fragment (`#severity=error,warning&code=SUM001`), so a filtered view can be linked.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TextIO

from linter.diagnostics import Diagnostic, Severity
from linter.engine import FileResult
from linter.formatters import SEVERITY_LABELS, Formatter, Output, relative_path, severity_counts
from linter.formatters.full import summary
from linter.hookspecs import hookimpl
from linter.source import FlaggedLine, flagged_line

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
[hidden] { display: none !important; }
@media print { form#filter, #shown { display: none; } }
"""

SCRIPT = """
(() => {
  const form = document.getElementById("filter");
  const shown = document.getElementById("shown");
  const findings = [...document.querySelectorAll("li.finding")];
  const boxes = [...form.querySelectorAll("input[name=severity]")];
  form.hidden = false;
  function apply() {
    const severities = boxes.filter(box => box.checked).map(box => box.value);
    const code = form.elements.code.value;
    for (const item of findings) {
      item.hidden = !severities.includes(item.dataset.severity) || (code !== "" && item.dataset.code !== code);
    }
    for (const section of document.querySelectorAll("section.file")) {
      section.hidden = !section.querySelector("li.finding:not([hidden])");
    }
    const count = findings.filter(item => !item.hidden).length;
    shown.textContent = `显示 ${count} / ${findings.length} 个问题`;
  }
  function fromFragment() {
    const wanted = new URLSearchParams(location.hash.slice(1));
    if (!wanted.has("severity") && !wanted.has("code")) return false;  // a link to a file, not a filter
    const severities = (wanted.get("severity") || boxes.map(box => box.value).join(",")).split(",");
    for (const box of boxes) box.checked = severities.includes(box.value);
    form.elements.code.value = wanted.get("code") || "";
    apply();
    return true;
  }
  function toFragment() {
    const wanted = new URLSearchParams();
    const severities = boxes.filter(box => box.checked).map(box => box.value);
    if (severities.length < boxes.length) wanted.set("severity", severities.join(","));
    if (form.elements.code.value) wanted.set("code", form.elements.code.value);
    history.replaceState(null, "", "#" + wanted.toString().replaceAll("%2C", ","));
  }
  form.addEventListener("change", () => { apply(); toFragment(); });
  window.addEventListener("hashchange", () => { if (fromFragment()) form.scrollIntoView(); });
  if (!fromFragment()) apply();
})();
"""


def _hash(text: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


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


def _summary(output: Output) -> str:
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
            f"{_code_table(output.diagnostics)}</section>")


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


def _file_table(results: list[FileResult]) -> str:
    rows = []
    for index, result in enumerate(results):
        path = escape(relative_path(result.path))
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


def _source(flagged: FlaggedLine, line: int) -> str:
    """The flagged line around the span, the span marked."""
    shown = flagged.around()
    text, start, end = shown.text, shown.start, shown.end
    mark = f"<mark>{escape(text[start:end])}</mark>" if end > start else '<mark class="point"></mark>'
    return f'<pre class="source"><span class="ln">{line}</span>{escape(text[:start])}{mark}{escape(text[end:])}</pre>'


def _finding(d: Diagnostic, output: Output) -> str:
    loc = d.location
    where = f"{loc.line}:{loc.column}" + (f" · {loc.place}" if loc.place else "")
    flagged = flagged_line(output.document_of(d), loc)
    return (f'<li class="finding {d.severity}" data-severity="{d.severity}" data-code="{escape(d.code)}">'
            f'<p>{_severity_badge(d.severity)} <code class="code">{escape(d.code)}</code>'
            f'<span class="where">{escape(where)}</span></p>'
            f'<p class="message">{escape(d.message)}</p>'
            f"{_source(flagged, loc.line) if flagged else ''}</li>")


def _file_section(index: int, result: FileResult, output: Output) -> str:
    items = "".join(_finding(d, output) for d in result.diagnostics)
    return (f'<section class="file" id="file-{index}"><h3>{escape(relative_path(result.path))}</h3>'
            f'<p class="note">{escape(summary(result.diagnostics))}</p><ol class="findings">{items}</ol></section>')


def _findings(output: Output) -> str:
    sections = "".join(_file_section(i, r, output) for i, r in enumerate(output.results) if r.diagnostics)
    if not sections:
        return '<section id="findings"><h2>问题明细</h2><p>未发现问题。</p></section>'
    return f'<section id="findings"><h2>问题明细</h2>{_filter_form(output.diagnostics)}{sections}</section>'


def page(output: Output) -> str:
    """The whole report page."""
    from datetime import datetime

    from linter import __version__

    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    script = f"<script>{SCRIPT}</script>" if output.diagnostics else ""  # nothing to filter otherwise
    return ("<!DOCTYPE html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>govlint 检查报告</title><style>{STYLE}</style></head><body>"
            f'<h1>govlint 检查报告</h1><p class="meta">生成于 {generated}，govlint {escape(__version__)}</p>'
            f"{_summary(output)}{_file_table(output.results)}{_unread(output.results)}{_findings(output)}"
            f"{script}</body></html>\n")


def write_html(output: Output, stream: TextIO) -> None:
    from linter.i18n import speaking

    with speaking("zh"):  # the page is a Chinese document, whatever the locale
        stream.write(page(output))


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("html", write_html, "one self-contained HTML page for supervisors")]
