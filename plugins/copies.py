"""Copied reports (雷同) across a corpus: text taken from the same body's previous report
(CPY001) or from another body's report (CPY002), a report that is a copy as a whole
(CPY003) and a body's second report for one year (CPY004). Method and limits: docs/copies.md."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from linter.diagnostics import Finding, Related
from linter.hookspecs import hookimpl
from linter.model import START_OF_FILE, Location, Report
from linter.rules_api import RuleContext, corpus_rule

if TYPE_CHECKING:  # the corpus modules are imported by a run that has corpus rules to run
    from linter.corpus.detect import CopyOptions, CopyResult, Passage, Source
    from linter.corpus.summary import ReportSummary

    Found = Iterator[tuple[int, Finding]]
    """What a CPY rule yields: (the position of the report a finding is in, the finding)."""

_CORPUS_OPTIONS = {"standard_share": 0.5, "standard_bodies": 10}
"""Options every CPY rule takes, for the standard phrases learned from the corpus."""
_NEAR_DUPLICATE = "CPY003"

_last: tuple[tuple, Sequence[ReportSummary], Sequence[ReportSummary], dict[int, CopyResult]] | None = None


def _options(context: RuleContext) -> CopyOptions:
    from linter.corpus.detect import CopyOptions

    return CopyOptions(float(context.option("standard_share")), int(context.option("standard_bodies")))


def _corpus(reports: Sequence[ReportSummary],
            context: RuleContext) -> tuple[Sequence[ReportSummary], dict[int, CopyResult]]:
    """The run's corpus joined once for all four rules: its summaries (the reports', made where
    each report was checked, then the reference index's) and the results of the run's own reports
    that share something, by position (most share nothing: a result each would be a good part
    of the corpus step's memory). The join itself (postings, buckets) is let go."""
    from linter.corpus.detect import Corpus

    global _last
    key = (_options(context), id(context.reference))
    if _last is None or _last[0] != key or not _same(_last[1], reports):
        reference = list(context.reference)
        if reference:
            checked = {os.path.abspath(r.path) for r in reports}
            reference = [s for s in reference if os.path.abspath(s.path) not in checked]
        corpus = Corpus(_Joined(reports, reference), _options(context))
        results = ((i, corpus.result(i)) for i in range(len(reports)))
        _last = (key, list(reports) if isinstance(reports, list) else reports, corpus.summaries,
                 {i: result for i, result in results if result.duplicate_of is not None or result.sources})
    return _last[2], _last[3]


def _same(seen: Sequence[ReportSummary], reports: Sequence[ReportSummary]) -> bool:
    """Whether `reports` are the summaries `seen`: the same sequence (a run gives the four rules
    one), or lists of the same objects in the same order."""
    if seen is reports:
        return True
    return (isinstance(reports, list) and len(seen) == len(reports)
            and all(one is other for one, other in zip(seen, reports, strict=True)))


class _Joined(Sequence):
    """The run's summaries, then the reference index's, read where each is kept."""

    def __init__(self, reports: Sequence[ReportSummary], reference: list[ReportSummary]) -> None:
        self._reports, self._reference = reports, reference

    def __len__(self) -> int:
        return len(self._reports) + len(self._reference)

    def __getitem__(self, index: int) -> ReportSummary:  # type: ignore[override]  # no slices
        count = len(self._reports)
        return self._reports[index] if index < count else self._reference[index - count]


def _summarize(report: Report) -> ReportSummary:
    """The copy-detection summary (`linter.corpus.summary.summarize`), made where the report is
    checked (a worker with --jobs); the four rules share it."""
    from linter.corpus.summary import summarize

    return summarize(report)


def _near_duplicate(context: RuleContext, result: CopyResult) -> bool:
    settings = context.settings
    if settings is not None and not settings.enabled(_NEAR_DUPLICATE):
        return False
    options = settings.options.get(_NEAR_DUPLICATE, {}) if settings is not None else {}
    return result.share >= float(options.get("report_share", check_near_duplicate.options["report_share"]))


def _where(summary: ReportSummary, previous: bool = False) -> str:
    body = f"{summary.body} " if summary.body and not previous else ""
    year = f"{summary.year}年" if summary.year else "年份不明的"
    return f"{body}{year}报告 {os.path.basename(summary.path)}"


def _span(summary: ReportSummary, passage: Passage) -> Location:
    return summary.sentences.locations[passage.first].through(summary.sentences.locations[passage.last])


def _changes(passage: Passage) -> str:
    if not passage.changes:
        return "，未改动文字"
    words = "、".join(f"“{old or '（无）'}”→“{new or '（删）'}”" for old, new in passage.changes)
    return f"，改动了 {words}"


def _passages(reports: Sequence[ReportSummary], context: RuleContext,
              previous: bool) -> Found:
    summaries, results = _corpus(reports, context)
    for index, result in sorted(results.items()):
        if _near_duplicate(context, result):
            continue
        copy = summaries[index]
        for source in result.sources:
            if source.previous != previous:
                continue
            yield from ((index, _passage_finding(summaries, copy, source, passage, context))
                        for passage in source.passages if passage.size >= context.option("min_chars"))


def _passage_finding(summaries: list[ReportSummary], copy: ReportSummary, source: Source, passage: Passage,
                     context: RuleContext) -> Finding:
    original = summaries[source.index]
    at = original.sentences.locations[passage.source_first]
    there = at.through(original.sentences.locations[passage.source_last])
    text = copy.sentences.text(passage.first)
    where = f"{'本机关' if source.previous else ''}{_where(original, source.previous)}"
    return Finding(
        f"该段（{passage.size}字）与{where} 第{at.line}行起的"
        f"内容相同{_changes(passage)}；本报告 {source.share:.0%} 的内容见于该报告：“{text[:20]}…”",
        _span(copy, passage),
        fingerprint=f"{context.rule.code}:{original.body}:{original.year}:{copy.sentences.keys[passage.first]:x}",
        related_locations=(Related(there, "来源报告中的相同内容", original.path),))


@corpus_rule("CPY001", "copied-from-last-year", severity="warning", summarize=_summarize, min_chars=40,
             **_CORPUS_OPTIONS)
def check_copied_from_last_year(reports: list[ReportSummary], context: RuleContext) -> Found:
    """与往年报告雷同：一段文字照抄本机关以前年度的报告。

    Each passage of the report (consecutive sentences, at least `min_chars` compared characters)
    that stands in the same body's previous report (the latest earlier year in the run or in the
    index given with `--against`; only that one, not every earlier year). Years, numbers and the body's name are
    normalised before comparing, and the finding says which of them were changed; the template's
    wording, statutory citations, tables and the phrases many bodies share (options
    `standard_share`, `standard_bodies`) never count. A report that is a copy as a whole gets one
    CPY003 instead. Scoring tables deduct points for a report "与往年雷同".

    错误示例：2023年报告 “存在的主要问题”一节与2022年报告逐字相同，只把“2022年”改成“2023年”。
    正确示例：写出本年度实际存在的问题和改进措施。
    """
    yield from _passages(reports, context, previous=True)


@corpus_rule("CPY002", "copied-from-another-body", severity="warning", summarize=_summarize, min_chars=40,
             **_CORPUS_OPTIONS)
def check_copied_from_another_body(reports: list[ReportSummary], context: RuleContext) -> Found:
    """与其他机关报告雷同：一段文字照抄另一个机关的报告。

    Each passage of the report (consecutive sentences, at least `min_chars` compared characters)
    that stands in another body's report of the run or of the index given with `--against`. Each
    body's own name is normalised, so "白水镇" copied as "青山镇" is still found, and the finding
    says which words were changed. The template's wording, statutory citations, tables and the
    phrases many bodies share are not copying (a sentence in the reports of `standard_bodies`
    bodies, or of `standard_share` of all bodies, at least 3, is a standard phrase). A report
    that is a copy as a whole gets one CPY003 instead.

    错误示例：（青山镇的报告）“一是政策解读形式较为单一……”整段与白水镇报告相同。
    正确示例：各机关写本机关的实际情况；相同的只有模板规定的标题、表格和法规名称。
    """
    yield from _passages(reports, context, previous=False)


@corpus_rule("CPY003", "near-duplicate-report", severity="warning", summarize=_summarize,
             report_share=0.5, top=3, **_CORPUS_OPTIONS)
def check_near_duplicate(reports: list[ReportSummary], context: RuleContext) -> Found:
    """报告整体雷同：报告的大部分内容与其他报告相同。

    One finding for a report of which at least `report_share` (default 0.5: the 50 % 重复率 of
    local scoring tables) of the compared text stands in other reports, naming the `top` sources
    with each one's share, instead of a CPY001/CPY002 finding for every passage. A pack may make
    it an error: `severity: {CPY003: error}`, `options: {CPY003: {report_share: 0.5}}`.

    错误示例：青山镇2023年报告的文字 92% 与白水镇2023年报告相同（只替换了机关名称和数字）。
    正确示例：报告主要写本机关本年度的情况，与其他报告相同的只有模板文字和常用表述。
    """
    summaries, results = _corpus(reports, context)
    for index, result in sorted(results.items()):
        if result.duplicate_of is not None or result.share < context.option("report_share"):
            continue
        sources = "、".join(f"{_where(summaries[s.index])}（{'本机关，' if s.previous else ''}{s.share:.0%}）"
                            for s in result.sources[:context.option("top")])
        related = tuple(Related(_first_shared(summaries[s.index], s), f"来源报告（{s.share:.0%}）",
                                summaries[s.index].path) for s in result.sources[:context.option("top")])
        yield index, Finding(f"本报告 {result.share:.0%} 的内容与其他报告相同：{sources}",
                              _title(summaries[index]), fingerprint="CPY003", related_locations=related)


@corpus_rule("CPY004", "duplicate-submission", severity="warning", summarize=_summarize, **_CORPUS_OPTIONS)
def check_duplicate_submission(reports: list[ReportSummary], context: RuleContext) -> Found:
    """同一机关同一年度有两份报告（重复报送）。

    Reported once, on the second report found (in the order of the run), naming the first and
    how much of the text they share; the second is not compared for copying (CPY001–CPY003),
    and the cross-year rules compare the next year's report with the first only.

    错误示例：目录中有“青山镇2023年报告.txt”和“青山镇2023年报告（修改）.txt”两份。
    正确示例：每个机关每年只报送一份（修改后替换原文件）。
    """
    summaries, results = _corpus(reports, context)
    for index, result in sorted(results.items()):
        if result.duplicate_of is None:
            continue
        original = summaries[result.duplicate_of]
        share = f"{result.duplicate_share:.0%}"
        message = f"同一机关同一年度已有报告 {original.path}（重复报送）；两份报告 {share} 的内容相同"
        yield index, Finding(message, _title(summaries[index]), fingerprint="CPY004",
                              related_locations=(Related(_title(original), "先报送的报告", original.path),))
    _forget()


def _forget() -> None:
    """Let the joined corpus go: CPY004 runs last of the four (a run's rules run in code order),
    and the run's summaries are not held through its output. Without CPY004 it stays until the
    next corpus is joined."""
    global _last
    _last = None


def _first_shared(summary: ReportSummary, source: Source) -> Location:
    """Where a source's shared text begins: its first copied passage, else (only standard
    phrases shared) its title."""
    if source.passages:
        return summary.sentences.locations[source.passages[0].source_first]
    return _title(summary)


def _title(summary: ReportSummary) -> Location:
    """Where a finding about a whole report points: its title, else the start of the file."""
    return summary.title or START_OF_FILE


@hookimpl
def govlint_rules() -> list:
    return [check_copied_from_last_year, check_copied_from_another_body, check_near_duplicate,
            check_duplicate_submission]
