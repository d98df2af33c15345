"""Running one rule on a fixture text, for the rule tests."""

from __future__ import annotations

from pathlib import Path

from conftest import recognize_text
from fixturetext import fixture_text

from linter.codes import INTERNAL_CODES
from linter.diagnostics import Finding
from linter.engine import all_rules, rule_by_code
from linter.model import Report
from linter.rules_api import CorpusRule, RuleContext

TEXTRULES = Path(__file__).parent / "fixtures" / "textrules"
CLEAN = fixture_text(TEXTRULES / "clean_town_2023.txt")

TABLE_PLUGINS = ("linter.plugins.sums", "linter.plugins.template")
"""The plugins whose rules check the statistical tables (docs/rules-tables.md); govlint's other
per-report rules read the text."""


def codes_of(*plugins: str) -> list[str]:
    """The codes of the registered rules of `plugins`, so that a new rule is tested without a list."""
    return [rule.code for rule in all_rules() if rule.plugin in plugins]


def _report_rule_plugins() -> list[str]:
    """govlint's own plugins of per-report rules (not the corpus rules, not the internal codes)."""
    return sorted({rule.plugin for rule in all_rules() if rule.plugin.startswith("linter.plugins.")
                   and not isinstance(rule, CorpusRule) and rule.code not in INTERNAL_CODES})


TABLE_CODES = codes_of(*TABLE_PLUGINS)
TEXT_CODES = codes_of(*(plugin for plugin in _report_rule_plugins() if plugin not in TABLE_PLUGINS))


def run_rule(code: str, source: str | Report, path: str = "report.txt", **options) -> list[Finding]:
    """Findings of rule `code` on a text (or a recognised report), with option overrides."""
    rule = rule_by_code(code)
    assert rule is not None, f"rule {code} is not registered"
    report = source if isinstance(source, Report) else recognize_text(source, path)
    report.derived.clear()  # tests edit a report between runs; what rules derived from it is stale
    return list(rule.check(report, RuleContext(rule, {**rule.options, **options})))


def lines_of(findings: list[Finding]) -> list[int]:
    return [f.location.line for f in findings]


def text_at(text: str, finding: Finding) -> str:
    """The stored text a single-line finding points at."""
    location = finding.location
    return text.split("\n")[location.line - 1][location.column - 1:location.end_column - 1]
