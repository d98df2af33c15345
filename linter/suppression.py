"""Inline suppression comments in Markdown and HTML reports.

    <!-- govlint: disable=SUM102,DAT -->   … from here until `enable` (or the end of the file)
    <!-- govlint: enable -->                ends every open disable (`enable=SUM102`: only that one)
    <!-- govlint: disable-next-line=SUM102 -->   the next non-blank line only
    <!-- govlint: disable-file=SUM102 -->  the whole file

Without `=codes` a comment covers every code; codes may be prefixes. A suppression that
suppresses nothing is reported as GL001 (unused-suppression).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from linter.codes import UNUSED_SUPPRESSION
from linter.diagnostics import Diagnostic, Severity
from linter.hookspecs import hookimpl
from linter.model import Document, Location, Report
from linter.rules_api import Rule, RuleContext
from linter.settings import Settings, code_matches

_FORMATS = ("markdown", "html")
_DIRECTIVE = re.compile(
    r"<!--\s*govlint\s*:\s*(?P<kind>disable-next-line|disable-file|disable|enable)"
    r"\s*(?:=\s*(?P<codes>[A-Za-z0-9_,\s]*?))?\s*-->"
)


@dataclass
class Suppression:
    """A suppression comment (`<!-- govlint: disable=… -->`), the lines it covers and the codes it silenced."""

    kind: str
    codes: tuple[str, ...]
    """Codes or prefixes; empty: every code."""
    location: Location
    first: int
    last: int
    """Source lines covered, inclusive."""
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not self.first <= diagnostic.location.line <= self.last:
            return False
        matched = [c for c in self.codes if code_matches(diagnostic.code, c)] if self.codes else ["*"]
        self.used.update(matched)
        return bool(matched)

    def unused_codes(self) -> list[str]:
        return [c for c in self.codes or ("*",) if c not in self.used]


def find_suppressions(document: Document) -> list[Suppression]:
    """The suppression comments of a Markdown or HTML document, each with the lines it covers."""
    if document.format not in _FORMATS or not document.source_text:
        return []
    lines = document.stored_lines
    suppressions: list[Suppression] = []
    open_regions: list[Suppression] = []
    for number, text in enumerate(lines, 1):
        for match in _DIRECTIVE.finditer(text):
            codes = tuple(c.strip().upper() for c in (match.group("codes") or "").split(",") if c.strip())
            kind = match.group("kind")
            location = Location(number, match.start() + 1, number, match.end() + 1)
            if kind == "enable":
                for region in [r for r in open_regions if not codes or set(r.codes) & set(codes)]:
                    region.last = number
                    open_regions.remove(region)
                continue
            first, last = _covered_lines(kind, number, lines)
            suppression = Suppression(kind, codes, location, first, last)
            suppressions.append(suppression)
            if kind == "disable":
                open_regions.append(suppression)
    return suppressions


def _covered_lines(kind: str, number: int, lines: list[str]) -> tuple[int, int]:
    if kind == "disable-file":
        return 1, len(lines)
    if kind == "disable":
        return number, len(lines)
    following = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), number + 1)
    return following, following


def apply_suppressions(document: Document, diagnostics: Iterable[Diagnostic], settings: Settings,
                       known_codes: Callable[[], frozenset[str]]) -> list[Diagnostic]:
    """Diagnostics not suppressed by a comment, plus one GL001 per suppression that did nothing.

    `known_codes` is called only for a suppression that names codes it did not use (knowing
    every code means reading every pack, which a run without such comments never needs)."""
    suppressions = find_suppressions(document)
    # A list, not a generator: every covering suppression must be marked used, not just the first.
    kept = [d for d in diagnostics if not any([s.covers(d) for s in suppressions])]
    if settings.enabled(UNUSED_SUPPRESSION.code):
        severity = settings.severity_of(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.severity)
        kept.extend(_unused(s, document.path, severity, known_codes) for s in suppressions if s.unused_codes())
        kept.sort(key=Diagnostic.sort_key)
    return kept


def _unused(suppression: Suppression, path: str, severity: Severity,
            known_codes: Callable[[], frozenset[str]]) -> Diagnostic:
    codes = suppression.unused_codes()
    named = [c for c in codes if c != "*"]
    known = known_codes() if named else frozenset()
    unknown = [c for c in named if not any(k.startswith(c) for k in known)]
    if unknown:
        message = f"抑制注释中的规则代码不存在：{'、'.join(unknown)}"
    elif codes == ["*"]:
        message = f"抑制注释（{suppression.kind}）没有抑制任何问题，可以删除"
    else:
        message = f"抑制注释（{suppression.kind}）中的 {'、'.join(codes)} 没有抑制任何问题，可以删除"
    return Diagnostic(UNUSED_SUPPRESSION.code, severity, message, path, suppression.location,
                      rule=UNUSED_SUPPRESSION.name, fingerprint=f"{suppression.kind}={','.join(suppression.codes)}")


@UNUSED_SUPPRESSION.rule
def unused_suppression(report: Report, context: RuleContext) -> Iterable:
    # Only declares GL001 (selection, severity, `govlint rule`): apply_suppressions reports it.
    return ()


@hookimpl
def govlint_rules() -> list[Rule]:
    return [unused_suppression]
