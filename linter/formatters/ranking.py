"""The summary that ranks, written after the findings of a run over several files by the human
formats (`full`, `concise`): findings per code, the reports with the most errors, the files that
could not be read and the files skipped as not reports. Its wording is in `TEXT` (one place, for
translation)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from linter.diagnostics import Severity
from linter.engine import FileResult
from linter.formatters import SEVERITY_LABELS, Output, rule_summaries, severity_counts
from linter.i18n import _

TEXT = {
    "title": "—— Summary ({files} files) ——",
    "per_code": "Findings per code:",
    "worst": "Reports with the most errors:",
    "errors": "errors {errors}, warnings {warnings}",
    "unknown_body": "(body unknown)",
    "year": "year {year}",
    "unknown_year": "(year unknown)",
    "unreadable": "Files that could not be read ({count}):",
    "not_reports": "Files that are not annual reports, not checked ({count}):",
    "more": "... and {count} more (the full list: --format xlsx)",
}
"""The summary's wording, in English; linter.i18n translates it (Chinese on a Chinese locale)."""
WORST = 10
"""Reports listed under 错误最多的报告."""
LISTED = 20
"""Files listed under each of the other headings before "……另有 N 个"."""


def wants_ranking(output: Output) -> bool:
    """A run over more than one file (a single file's findings say it all)."""
    return len(output.results) + len(output.not_reports) > 1


def _listed(lines: list[str]) -> list[str]:
    shown = [f"  {line}" for line in lines[:LISTED]]
    if len(lines) > LISTED:
        shown.append("  " + _(TEXT["more"]).format(count=len(lines) - LISTED))
    return shown


def _per_code(output: Output) -> list[str]:
    diagnostics = output.diagnostics
    if not diagnostics:
        return []
    counts = Counter(d.code for d in diagnostics)
    severities: dict[str, set[Severity]] = {}
    for d in diagnostics:
        severities.setdefault(d.code, set()).add(d.severity)
    summaries = rule_summaries(diagnostics)
    lines = [_(TEXT["per_code"])]
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        levels = "/".join(SEVERITY_LABELS[s] for s in sorted(severities[code], reverse=True))
        lines.append(f"  {count:6}  {code:8} {levels:5} {summaries[code]}")
    return lines


def _worst(results: Sequence[FileResult]) -> list[str]:
    ranked = []  # what a line shows of each report with errors, not the result (a province's results are read back)
    for result in results:
        counts = severity_counts(result.diagnostics)
        if counts[Severity.ERROR]:
            ranked.append((counts, result.path, result.info))
    if not ranked:
        return []
    ranked.sort(key=lambda item: (-item[0][Severity.ERROR], -item[0][Severity.WARNING], item[1]))
    lines = [_(TEXT["worst"])]
    for counts, path, info in ranked[:WORST]:
        body = info.body if info and info.body else _(TEXT["unknown_body"])
        year = _(TEXT["year"]).format(year=info.year) if info and info.year else _(TEXT["unknown_year"])
        tally = _(TEXT["errors"]).format(errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING])
        lines.append(f"  {tally}  {body}  {year}  {path}")
    return lines


def ranking(output: Output) -> str:
    """The summary's lines (each ending with a newline); "" for a run over one file or with
    nothing to rank (no finding, every file read and a report)."""
    if not wants_ranking(output):
        return ""
    unreadable = [r.error for r in output.results if r.error]
    lines = [*_per_code(output), *_worst(output.results)]
    if unreadable:
        lines += [_(TEXT["unreadable"]).format(count=len(unreadable)), *_listed(unreadable)]
    if output.not_reports:
        lines += [_(TEXT["not_reports"]).format(count=len(output.not_reports)), *_listed(output.not_reports)]
    if not lines:
        return ""
    title = _(TEXT["title"]).format(files=len(output.results) + len(output.not_reports))
    return "".join(line + "\n" for line in (title, *lines))
