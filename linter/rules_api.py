"""What a rule is: a code, a name, a default severity, documentation, options and a check.

    @rule("SUM001", "row-total", severity="error")
    def check_row_total(report, context):
        \"\"\"Documentation shown by `govlint rule SUM001`.\"\"\"
        yield Finding(message, location)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
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

    def option(self, name: str) -> Any:
        return self.options.get(name, self.rule.options.get(name))


def rule(code: str, name: str, severity: str = "error", **options: Any) -> Callable[[Check], Rule]:
    """Declare a rule: the decorated function's docstring is its documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, Severity.parse(severity), check, inspect.cleandoc(check.__doc__ or ""),
                    dict(options), plugin=check.__module__)

    return wrap
