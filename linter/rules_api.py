"""What a rule is: a code, a name, a default severity, documentation, options and a check.

    @rule("SUM001", "row-total", severity="error")
    def check_row_total(report, context):
        \"\"\"Documentation shown by `govlint rule SUM001`.\"\"\"
        yield Finding(message, location)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.diagnostics import Finding, Severity
from linter.model import Report

Check = Callable[[Report, "RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    options: Mapping[str, Any] = field(default_factory=dict)
    plugin: str = ""

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name


@dataclass
class RuleContext:
    """What a check gets besides the report: its options (defaults merged with config and packs)."""

    rule: Rule
    options: Mapping[str, Any]
    settings: Any = None
    reference: Sequence[Any] = ()
    """For corpus rules: the report summaries of a reference index (`govlint check --against`)."""

    def option(self, name: str) -> Any:
        return self.options.get(name, self.rule.options.get(name))


@dataclass(frozen=True)
class CorpusRule(Rule):
    """A rule over every report of one run (e.g. one body's reports of consecutive years).

    Its check gets the list of reports (those whose settings enable it) and yields
    (report, Finding) pairs: the report the finding belongs to, and the finding in it.
    """


def _declare(kind: type[Rule], code: str, name: str, severity: str, options: dict[str, Any]) -> Callable:
    def wrap(check: Callable) -> Rule:
        return kind(code, name, Severity.parse(severity), check, inspect.cleandoc(check.__doc__ or ""),
                    dict(options), plugin=check.__module__)

    return wrap


def rule(code: str, name: str, severity: str = "error", **options: Any) -> Callable[[Check], Rule]:
    """Declare a rule: the decorated function's docstring is its documentation."""
    return _declare(Rule, code, name, severity, options)


def corpus_rule(code: str, name: str, severity: str = "warning", **options: Any) -> Callable[..., CorpusRule]:
    """Declare a `CorpusRule`: `check(reports, context)` yields (report, Finding) pairs."""
    return _declare(CorpusRule, code, name, severity, options)
