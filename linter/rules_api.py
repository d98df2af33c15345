"""What a rule is: a code, a name, a default severity, documentation, options and a check.

    @rule("SUM001", "row-total", severity="error")
    def check_row_total(report, context):
        \"\"\"Documentation shown by `govlint rule SUM001`.\"\"\"
        yield Finding(message, location)

Options are declared as keyword arguments, each a default value (its type is the default's type)
or an `Option(default, type)`; the types follow yamllint's CONF: a Python type (`int`, `float`,
`str`, `bool`), a tuple of allowed values, a one-element list `[T]` for a list of T (T a type or a
tuple of allowed values), or an `OptionType` such as `MONTH_DAY`. Packs and configuration setting
an option are checked against the declaration (`Rule.option_error`).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from linter.diagnostics import Finding, Severity
from linter.model import Report

Check = Callable[[Report, "RuleContext"], Iterable[Finding]]
Derived = TypeVar("Derived")


def per_report(function: Callable[[Report], Derived]) -> Callable[[Report], Derived]:
    """`function(report)` computed once per report and shared by every rule that calls it (e.g. the
    text's passages, the table sums that several rules read). Callers must not change the result."""
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def shared(report: Report) -> Derived:
        derived = report.derived
        if key not in derived:
            derived[key] = function(report)
        return derived[key]

    return shared


class OptionType(Protocol):
    """A kind of option value that a plain type cannot say (e.g. a month-day)."""

    def error(self, value: Any) -> str | None:
        """Why `value` is not acceptable, or None."""

    def __str__(self) -> str:
        """What the values look like, for messages and `govlint rule CODE`."""


@dataclass(frozen=True)
class MonthDay:
    """A "MM-DD" string naming a day of any year ("02-29" is refused: it is no deadline)."""

    def error(self, value: Any) -> str | None:
        return None if month_day(value) else f"{value!r} is not a month-day such as \"01-31\""

    def __str__(self) -> str:
        return 'month-day "MM-DD"'


MONTH_DAY = MonthDay()
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_day(value: Any) -> tuple[int, int] | None:
    """(month, day) of a "MM-DD" string, or None when it is not one."""
    match = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1] else None


@dataclass(frozen=True)
class Option:
    """A declared option: its default and the values it takes (see the module docstring)."""

    default: Any
    type: Any


def _inferred(default: Any) -> Any:
    if isinstance(default, (list, tuple)):
        kinds = tuple(dict.fromkeys(type(item) for item in default))
        return [kinds if len(kinds) != 1 else kinds[0]] if kinds else [str]
    return (int, float) if isinstance(default, float) else type(default)


_TYPE_NAMES = {int: ("an integer", "integers"), float: ("a number", "numbers"), str: ("a string", "strings"),
               bool: ("true or false", "true or false")}


def type_name(kind: Any, plural: bool = False) -> str:
    """An option type in words: "an integer", "one of 'town', 'city'", "a list of strings"."""
    if isinstance(kind, type):
        return _TYPE_NAMES.get(kind, (kind.__name__, kind.__name__))[plural]
    if isinstance(kind, tuple):
        if all(isinstance(k, type) for k in kind):
            return " or ".join(type_name(k, plural) for k in kind)
        values = ", ".join(type_name(k, plural) if isinstance(k, type) else repr(k) for k in kind)
        return ("values among " if plural else "one of ") + values
    if isinstance(kind, list):
        return f"a list of {type_name(kind[0], plural=True)}"
    return str(kind)


def _fits(value: Any, kind: Any) -> bool:
    if isinstance(kind, type):
        return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    if isinstance(kind, tuple):
        return any(_fits(value, k) if isinstance(k, type) else value == k and type(value) is type(k) for k in kind)
    if isinstance(kind, list):
        return isinstance(value, (list, tuple)) and all(_fits(item, kind[0]) for item in value)
    return kind.error(value) is None


def value_error(value: Any, kind: Any) -> str | None:
    """Why `value` does not fit the option type `kind`, or None when it does."""
    if _fits(value, kind):
        return None
    if not isinstance(kind, (type, tuple, list)):
        return kind.error(value)
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return f"{shown} is not {type_name(kind)}"


@dataclass(frozen=True)
class Rule:
    """A rule: its code, name, default severity, check function, documentation and options."""

    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    options: Mapping[str, Any] = field(default_factory=dict)
    """Default value of each option, by name."""
    plugin: str = ""
    option_types: Mapping[str, Any] = field(default_factory=dict)
    """Type of each option (see the module docstring); an option without one takes its default's type."""

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def option_type(self, name: str) -> Any:
        return self.option_types.get(name, _inferred(self.options[name]))

    def option_error(self, name: str, value: Any) -> str | None:
        """Why option `name` = `value` cannot be given to this rule, or None when it can."""
        if name not in self.options:
            import difflib  # only for a did-you-mean hint

            hint = difflib.get_close_matches(name, list(self.options), n=1)
            known = f"its options: {', '.join(self.options)}" if self.options else "it has no options"
            return (f"rule {self.code} has no option {name!r} ("
                    + (f"did you mean {hint[0]!r}? " if hint else "") + known + ")")
        error = value_error(value, self.option_type(name))
        return f"option {name} of {self.code}: {error}" if error else None


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


def whole_report(report: Report) -> Report:
    """A corpus rule's summary when it declares none: the whole report (large; see `CorpusRule`)."""
    return report


@dataclass(frozen=True)
class CorpusRule(Rule):
    """A rule over every report of one run (e.g. one body's reports of consecutive years).

    `summarize(report)` runs where the report is checked (a worker process with --jobs) and
    returns what the rule needs of it: a small picklable object, a distinct one per report, or
    None when the report has nothing to compare. Only these summaries travel back to the main
    process for the rule (the rule never sees the reports). The
    check gets the summaries of the reports taking part (those whose settings enable the rule)
    as a sequence (`linter.corpus.summaries.Summaries`: read back from the run's temporary file
    one at a time, not held for every report) and yields (report, Finding) pairs: the position
    in that sequence of the report the finding belongs to (or the summary itself, as read from
    it), and the finding in it. Without `summarize` the check gets whole reports, at the cost of
    sending each of them back from its worker. A summary with a `spill(file)` method has its
    `Detail`s (what only a finding reads, what a join reads back pass by pass) written to the
    run's temporary file as it arrives, apart from the rest of it (`linter.corpus.spill`).
    """

    summarize: Callable[[Report], Any] = whole_report


def _declare(kind: type[Rule], code: str, name: str, severity: str, options: dict[str, Any],
             **fields: Any) -> Callable:
    defaults = {key: o.default if isinstance(o, Option) else o for key, o in options.items()}
    types = {key: o.type for key, o in options.items() if isinstance(o, Option)}

    def wrap(check: Callable) -> Rule:
        return kind(code, name, Severity.parse(severity), check, inspect.cleandoc(check.__doc__ or ""),
                    defaults, plugin=check.__module__, option_types=types, **fields)

    return wrap


def rule(code: str, name: str, severity: str = "error", **options: Any) -> Callable[[Check], Rule]:
    """Declare a rule: the decorated function's docstring is its documentation."""
    return _declare(Rule, code, name, severity, options)


def corpus_rule(code: str, name: str, severity: str = "warning", summarize: Callable[[Report], Any] = whole_report,
                **options: Any) -> Callable[..., CorpusRule]:
    """Declare a `CorpusRule`: `summarize(report)` gives what the rule needs of each report, and
    `check(summaries, context)` yields (summary, Finding) pairs."""
    return _declare(CorpusRule, code, name, severity, options, summarize=summarize)
