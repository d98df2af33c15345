"""Running one rule on a fixture text, for the rule tests."""

from __future__ import annotations

from pathlib import Path

from conftest import fixture_text, recognize_text

from linter.diagnostics import Finding
from linter.engine import rule_by_code
from linter.model import Report
from linter.rules_api import RuleContext

TEXTRULES = Path(__file__).parent / "fixtures" / "textrules"
CLEAN = fixture_text(TEXTRULES / "clean_town_2023.txt")


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
