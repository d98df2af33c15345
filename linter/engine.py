"""Running the rules on a report; one crashing rule is reported and the others still run."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from linter.codes import PLUGIN_LOAD_FAILED, RULE_CRASHED
from linter.corpus.summaries import Summaries
from linter.diagnostics import Diagnostic, Finding
from linter.model import START_OF_FILE, Location, Report
from linter.rules_api import CorpusRule, Rule, RuleContext
from linter.settings import Settings


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule from every plugin, by code (the first plugin to claim a code keeps it)."""
    from linter.plugins_manager import plugins

    by_code: dict[str, Rule] = {}
    for rule in plugins().collect("govlint_rules"):
        by_code.setdefault(rule.code, rule)
    return tuple(sorted(by_code.values(), key=lambda r: r.code))


def rule_by_code(code: str) -> Rule | None:
    """The plugin rule with `code` (any case); pack rules are in `linter.packs.rule_catalogue`."""
    return next((r for r in all_rules() if r.code == code.upper()), None)


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What output says of a checked report besides its findings; what the spreadsheets and the ranking read."""

    body: str | None = None
    year: int | None = None
    template: str | None = None
    """"2019" or "2021": the template the report's tables follow, if recognised."""
    format: str = "text"
    title_location: Location | None = None
    """Where the title is: the review copy's place for findings with none in the body."""

    @classmethod
    def of(cls, report: Report) -> ReportInfo:
        """The body's name interned: the corpus summaries' squashed name is most often the same
        string, and then one object in what a worker sends back."""
        return cls(sys.intern(report.body) if report.body else None, report.year, report.template,
                   report.document.format, report.title.location if report.title else None)

    def __reduce__(self) -> tuple:
        return _report_info, (self.body, self.year, self.template, self.format, self.title_location)


def _report_info(body: str | None, year: int | None, template: str | None, format: str,
                 title_location: Location | None) -> ReportInfo:
    """A ReportInfo as unpickled in the main process (from a worker or the cache): its template
    and format names are one string for all results, not one each."""
    return ReportInfo(body, year, sys.intern(template) if template else None, sys.intern(format), title_location)


@dataclass(slots=True)
class FileResult:
    """What checking one file gave: its diagnostics, or the error that kept it from being read.

    `report` is set by `checker.check_file`; a run drops it where the file was checked (a worker)
    and keeps only what output and the corpus rules read (`linter.run.payload`): the corpus rules
    use `corpus` (the summaries their `summarize` made), the spreadsheets and the ranking `info`
    (None when the file could not be read or recognised), the HTML page `view`."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    report: Report | None = None
    settings: Settings | None = None
    """The settings the file was checked with, its packs applied once it was read (None: not checked
    by `linter.checker`)."""
    info: ReportInfo | None = None
    corpus: Mapping[str, Any] = field(default_factory=dict)
    """What each corpus rule enabled for this file needs of its report (`CorpusRule.summarize`), by code."""
    view: Any = None
    """What the HTML page shows of the report (`linter.formatters.reportview.ReportView`), made where
    the file was checked when a formatter reads views (`Formatter.report_views`); else None."""


def plugin_failures(path: str) -> list[Diagnostic]:
    """One diagnostic per plugin that could not be loaded or implements an unknown hook (attached
    to the first file checked)."""
    from linter.plugins_manager import plugins

    code = PLUGIN_LOAD_FAILED
    return [
        Diagnostic(code.code, code.severity, f.describe(), path, START_OF_FILE, rule=code.name)
        for f in plugins().failures
    ]


def _context(rule: Rule, settings: Settings, reference: Sequence[Any] = ()) -> RuleContext:
    return RuleContext(rule, {**rule.options, **settings.options.get(rule.code, {})}, settings, reference)


def _diagnostic(rule: Rule, settings: Settings, path: str, finding: Finding) -> Diagnostic:
    return Diagnostic(rule.code, settings.severity_of(rule.code, rule.severity), finding.message, path,
                      finding.location, rule.name, finding.cell, finding.fix, finding.fingerprint, finding.related,
                      finding.related_locations)


def _crash(rule: Rule, path: str, error: Exception) -> Diagnostic:
    return Diagnostic(RULE_CRASHED.code, RULE_CRASHED.severity,
                      f"规则 {rule.code}（{rule.plugin}）运行出错，已跳过：{type(error).__name__}: {error}",
                      path, START_OF_FILE, rule=RULE_CRASHED.name)


def run_rules(report: Report, rules: Iterable[Rule], settings: Settings) -> list[Diagnostic]:
    """The findings of the enabled per-report rules on one report, at the configured severities, sorted
    by place; a rule that raises gives one PLG002 diagnostic instead of its findings (corpus rules
    run once per run: `run_corpus_rules`)."""
    diagnostics = []
    for rule in rules:
        if isinstance(rule, CorpusRule) or not settings.enabled(rule.code):
            continue
        try:
            for finding in rule.check(report, _context(rule, settings)) or ():
                diagnostics.append(_diagnostic(rule, settings, report.path, finding))
        except Exception as error:  # a plugin's bug is reported, never fatal
            diagnostics.append(_crash(rule, report.path, error))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def summarize_for_corpus(report: Report, rules: Iterable[Rule], settings: Settings) -> tuple[dict[str, Any],
                                                                                              list[Diagnostic]]:
    """What each enabled corpus rule needs of the report (`CorpusRule.summarize`), by code, and a
    PLG002 diagnostic for each summarize that raised. Rules sharing a summarize function share
    its one result."""
    summaries: dict[str, Any] = {}
    crashes = []
    by_function: dict[Callable, Any] = {}
    for rule in rules:
        if not isinstance(rule, CorpusRule) or not settings.enabled(rule.code):
            continue
        try:
            if rule.summarize not in by_function:
                by_function[rule.summarize] = rule.summarize(report)
        except Exception as error:  # a plugin's bug is reported, never fatal
            crashes.append(_crash(rule, report.path, error))
            continue
        if by_function[rule.summarize] is not None:
            summaries[rule.code] = by_function[rule.summarize]
    return summaries, crashes


class CorpusReports(Protocol):
    """The reports of a run as the corpus rules read them (`linter.run.store.ResultStore`; a list of
    results through `run_corpus_rules`): by position in the run."""

    def taking_part(self, rule: CorpusRule) -> Sequence[int]:
        """The positions of the reports whose settings enable `rule` and that have its summary."""

    def summaries(self, rule: CorpusRule, taking_part: Sequence[int]) -> Summaries:
        """Their summaries for `rule`, in that order (one sequence for rules that share a summarize)."""

    def settings(self, index: int) -> Settings:
        """The settings report `index` was checked with."""

    def path(self, index: int) -> str:
        """Report `index`'s path."""


def corpus_findings(reports: CorpusReports, reference: Sequence[Any] = ()) -> list[tuple[int, Diagnostic]]:
    """Run every corpus rule over the summaries of the reports taking part; its findings, each with
    the position of its report.

    A finding gets the severity and per-file-ignores of the report it belongs to. The rule's
    options are those of the first report taking part (one run usually shares one
    configuration); inline suppression comments do not reach corpus findings (per-file-ignores
    and the baseline do). `reference` is what a reference index holds (`govlint check
    --against`): the rules compare with it but never report on it. The findings have no
    excerpt yet: the rules saw no document."""
    added = []
    for rule in all_rules():
        if not isinstance(rule, CorpusRule):
            continue
        taking_part = reports.taking_part(rule)
        if not taking_part:
            continue
        summaries = reports.summaries(rule, taking_part)
        try:
            for report, finding in rule.check(summaries, _context(rule, reports.settings(taking_part[0]),
                                                                   reference)) or ():
                index = taking_part[summaries.position(report)]
                settings, path = reports.settings(index), reports.path(index)
                if not settings.ignored_in_file(path, rule.code):
                    added.append((index, _diagnostic(rule, settings, path, finding)))
        except Exception as error:  # a plugin's bug is reported, never fatal
            added.append((taking_part[0], _crash(rule, reports.path(taking_part[0]), error)))
    return added


class _HeldResults:
    """`CorpusReports` over results held in memory, their summaries in `FileResult.corpus`."""

    def __init__(self, results: Sequence[FileResult]) -> None:
        self._results = results
        self._summaries: dict[tuple[Callable, tuple[int, ...]], Summaries] = {}

    def taking_part(self, rule: CorpusRule) -> list[int]:
        return [index for index, r in enumerate(self._results)
                if rule.code in r.corpus and r.settings is not None and r.settings.enabled(rule.code)]

    def summaries(self, rule: CorpusRule, taking_part: Sequence[int]) -> Summaries:
        key = (rule.summarize, tuple(taking_part))
        if key not in self._summaries:
            self._summaries[key] = Summaries(len(taking_part),
                                             lambda k: self._results[taking_part[k]].corpus[rule.code])
        return self._summaries[key]

    def settings(self, index: int) -> Settings:
        return self._results[index].settings  # type: ignore[return-value]  # taking part: checked

    def path(self, index: int) -> str:
        return self._results[index].path


def run_corpus_rules(checked: Sequence[FileResult],
                     reference: Sequence[Any] = ()) -> list[tuple[FileResult, Diagnostic]]:
    """`corpus_findings` over results held in memory (each with its summaries in `corpus`),
    its findings added to their results; returns them, each with its result."""
    added = [(checked[index], diagnostic) for index, diagnostic in corpus_findings(_HeldResults(checked), reference)]
    for result, diagnostic in added:
        result.diagnostics.append(diagnostic)
        result.diagnostics.sort(key=Diagnostic.sort_key)
    return added
