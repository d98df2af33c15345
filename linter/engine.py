"""Running the rules on a report; one crashing rule is reported and the others still run."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from linter.diagnostics import Diagnostic, Severity
from linter.model import START_OF_FILE, Report
from linter.rules_api import Rule, RuleContext
from linter.settings import Settings

PLUGIN_LOAD_FAILED = "PLG001"
RULE_CRASHED = "PLG002"


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


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    report: Report | None = None


def plugin_failures(path: str) -> list[Diagnostic]:
    """One diagnostic per plugin that could not be loaded (attached to the first file checked)."""
    from linter.plugins_manager import plugins

    return [
        Diagnostic(PLUGIN_LOAD_FAILED, Severity.ERROR, f"插件 {f.plugin} 无法加载，其规则未运行：{f.message}",
                   path, START_OF_FILE, rule="plugin-failed")
        for f in plugins().failures
    ]


def run_rules(report: Report, rules: Iterable[Rule], settings: Settings) -> list[Diagnostic]:
    """The enabled rules' findings on `report` as diagnostics, at the configured severities, sorted
    by place; a rule that raises gives one PLG002 diagnostic instead of its findings."""
    diagnostics = []
    for rule in rules:
        if not settings.enabled(rule.code):
            continue
        context = RuleContext(rule, {**rule.options, **settings.options.get(rule.code, {})}, settings)
        severity = settings.severity_of(rule.code, rule.severity)
        try:
            for finding in rule.check(report, context) or ():
                diagnostics.append(
                    Diagnostic(rule.code, severity, finding.message, report.path, finding.location, rule.name,
                               finding.cell, finding.fix, finding.fingerprint, finding.related)
                )
        except Exception as error:  # a plugin's bug is reported, never fatal
            diagnostics.append(
                Diagnostic(RULE_CRASHED, Severity.ERROR,
                           f"规则 {rule.code}（{rule.plugin}）运行出错，已跳过：{type(error).__name__}: {error}",
                           report.path, START_OF_FILE, rule="rule-crashed")
            )
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics
