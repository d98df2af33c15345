"""The declarative rule kinds a YAML pack can use, and the checks they become.

Each kind names its fields and has a `compile` step (validate the fields, prepare patterns)
that raises `FieldError` naming the offending field, so the pack reader can point at it, and a
`check` that runs the compiled rule on a report. See docs/rule-packs.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from linter import identities
from linter.diagnostics import Finding, Fix
from linter.errors import FieldError
from linter.model import START_OF_FILE, Line, Location, Report
from linter.recognize.title import BODY_KINDS
from linter.rules_api import MONTH_DAY, month_day
from linter.tablenames import cell_ref
from linter.textnorm import SECTION_NUMERALS, normalize, squash
from linter.yamlfile import plain

PREAMBLE = "preamble"


# --- text patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """A substring (`pattern`) or regular expression (`regex`), matched on folded text.

    Text is folded as by `linter.textnorm.normalize` (full-width ASCII → half-width, odd spaces
    → space, ﹝﹞ → 〔〕); a substring is folded the same way, a regex must be written for the
    folded text. There is no word boundary next to Han characters, so substrings are the norm.
    """

    text: str
    regex: Any
    """A compiled RE2 pattern (linear time, no backtracking), or None for a substring."""

    def finditer(self, folded: str) -> Iterator[tuple[int, int, Any]]:
        if self.regex is not None:
            for match in self.regex.finditer(folded):
                if match.end() > match.start():
                    yield match.start(), match.end(), match
            return
        start = folded.find(self.text)
        while start >= 0:
            yield start, start + len(self.text), None
            start = folded.find(self.text, start + len(self.text))

    def occurs_in(self, lines: list[Line]) -> bool:
        """Whether the pattern occurs in the lines joined (text broken over lines still counts)."""
        if self.regex is None:
            return squash(self.text) in squash("".join(line.norm for line in lines))
        return any(True for _ in self.finditer("".join(line.norm.strip() for line in lines)))


def compile_pattern(spec: Mapping[str, Any]) -> Pattern:
    has_pattern, has_regex = "pattern" in spec, "regex" in spec
    if has_pattern == has_regex:
        raise FieldError("kind", "give exactly one of 'pattern' (substring) or 'regex'")
    if has_pattern:
        text = normalize(_text(spec, "pattern"))
        return Pattern(text, None)
    source = _text(spec, "regex")
    return Pattern(source, compile_regex(source))


def compile_regex(source: str) -> Any:
    """`source` compiled for RE2, whose matching time is linear in the text: a pattern that only
    a backtracking engine can run (backreferences, lookaround, possessive or atomic groups) is refused."""
    import re2

    try:
        re.compile(source)
    except re.error as error:
        raise FieldError("regex", f"bad regular expression: {error}") from None
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(source, options)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if isinstance(error.args[0], bytes) else str(error)
        if _BACKTRACKING.search(reason):
            raise FieldError("regex", f"regular expression needs a backtracking engine ({reason}): pack patterns "
                             "run on RE2, in time linear in the text, without backreferences, lookaround, "
                             "possessive or atomic groups") from None
        raise FieldError("regex", f"regular expression beyond RE2, the engine pack patterns run on ({reason}; "
                         "a repetition count is at most 1000)") from None


# How RE2 names what only a backtracking engine has: (?= (?! (?<= (?<! (?> groups, \1, a++ a*+ a?+.
_BACKTRACKING = re.compile(r"invalid perl operator|invalid escape sequence: \\\d|bad repetition operator: .\+")


def _text(spec: Mapping[str, Any], name: str) -> str:
    value = spec[name]
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise FieldError(name, f"'{name}' must be a non-empty string")
    return str(value)


def _strings(spec: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """A field that is one string or a list of strings."""
    value = spec.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    if not all(isinstance(v, str) for v in values):
        raise FieldError(name, f"'{name}' must be a string or a list of strings")
    return tuple(values)


# --- where a rule looks: sections, years, body kinds --------------------------------------------


def compile_sections(spec: Mapping[str, Any]) -> tuple[str, ...]:
    """`section: 一` or `section: [preamble, 一]`; () means the whole report."""
    names = _strings(spec, "section")
    for name in names:
        if name not in SECTION_NUMERALS and name != PREAMBLE:
            raise FieldError("section", f"unknown section {name!r} (use 一 … 六 or {PREAMBLE!r})")
    return names


def scope_lines(report: Report, sections: tuple[str, ...]) -> list[Line] | None:
    """The lines a rule reads, or None when none of its sections is in the report."""
    lines = report.document.lines
    if not sections:
        return lines
    chosen: list[Line] = []
    found = False
    for name in sections:
        if name == PREAMBLE:
            if report.sections:
                start = report.title.lines[1] + 1 if report.title else 0
                chosen += lines[start:report.sections[0].heading_line]
                found = True
            continue
        for section in report.sections:  # a repeated heading splits one section in two
            if section.number == name:
                chosen += lines[section.body[0]:section.body[1] + 1]
                found = True
    return chosen if found else None


def scope_location(report: Report, sections: tuple[str, ...]) -> Location:
    """Where a finding about something missing from the scope points: the heading, else the title."""
    for name in sections:
        section = report.section(name) if name != PREAMBLE else None
        if section is not None:
            return section.heading
    return report.title.location if report.title else START_OF_FILE


@dataclass(frozen=True)
class Condition:
    """Which reports a rule applies to; a report that does not state year or body is skipped."""

    first_year: int | None = None
    last_year: int | None = None
    body_kinds: tuple[str, ...] = ()

    def applies(self, report: Report) -> bool:
        if self.first_year is not None or self.last_year is not None:
            if report.year is None:
                return False
            if self.first_year is not None and report.year < self.first_year:
                return False
            if self.last_year is not None and report.year > self.last_year:
                return False
        return not self.body_kinds or report.body_kind in self.body_kinds


def compile_condition(spec: Mapping[str, Any]) -> Condition:
    first = last = None
    years = spec.get("years")
    if isinstance(years, int) and not isinstance(years, bool):
        first = last = _year(years)
    elif isinstance(years, Mapping):
        unknown = set(years) - {"from", "to"}
        if unknown or not years:
            raise FieldError("years", "'years' takes 'from' and/or 'to', e.g. {from: 2021}")
        first, last = _year(years.get("from")), _year(years.get("to"))
    elif years is not None:
        raise FieldError("years", "'years' must be a year (2021) or {from: 2021, to: 2022}")
    kinds = _strings(spec, "body_kinds")
    for kind in kinds:
        if kind not in BODY_KINDS:
            raise FieldError("body_kinds", f"unknown body kind {kind!r} (use {', '.join(BODY_KINDS)})")
    return Condition(first, last, kinds)


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
        raise FieldError("years", f"{value!r} is not a year")
    return value


# --- the kinds -------------------------------------------------------------------------------

Check = Callable[[Report, "CompiledRule"], Iterable[Finding]]


@dataclass(frozen=True)
class CompiledRule:
    """A pack rule ready to run: the fields every kind has plus what its kind prepared."""

    code: str
    message: str
    condition: Condition
    sections: tuple[str, ...]
    prepared: Any


@dataclass(frozen=True)
class Replacement:
    """A forbid rule's replacement: literal text and, for a regex, group references (`\\1`, `\\g<name>`)."""

    parts: tuple[str | int, ...]

    def expand(self, match: Any) -> str:
        return "".join(part if isinstance(part, str) else match.group(part) or "" for part in self.parts)


_TEMPLATE_ESCAPE = re.compile(r"\\(?:(\d{1,2})|g<([^<>]*)>|(\\)|(.?))", re.DOTALL)


def compile_replacement(text: str, regex: Any) -> Replacement:
    """`text` as literal text (substring patterns) or as a template over `regex`'s groups."""
    if regex is None:
        return Replacement((text,))
    parts: list[str | int] = []
    position = 0
    for escape in _TEMPLATE_ESCAPE.finditer(text):
        parts.append(text[position:escape.start()])
        position = escape.end()
        number, name, backslash, other = escape.groups()
        if backslash:
            parts.append("\\")
            continue
        if other is not None or number == "0":
            raise FieldError("replacement", f"bad replacement: unsupported escape {escape.group()!r} "
                             "(use \\1 or \\g<name> for a group, \\\\ for a backslash)")
        group = int(number or name) if (number or name).isdigit() else regex.groupindex.get(name)
        if group is None or group > regex.groups:
            raise FieldError("replacement", f"bad replacement: the regex has no group {number or name!r}")
        parts.append(group)
    parts.append(text[position:])
    return Replacement(tuple(part for part in parts if part != ""))


def check_forbid(report: Report, rule: CompiledRule) -> Iterator[Finding]:
    pattern, replacement = rule.prepared
    for line in scope_lines(report, rule.sections) or ():
        for start, end, match in pattern.finditer(line.norm):
            found = line.text[start:end]
            location = line.locate(start, end)
            message = f"{rule.message}（“{found}”）"
            fix = None
            if replacement is not None:
                new = replacement.expand(match)
                message = f"{rule.message}（“{found}”，应为“{new}”）"
                fix = Fix(location, new, f"“{found}” → “{new}”")
            yield Finding(message, location, fix=fix, fingerprint=f"{rule.code}:{normalize(found)}")


def compile_forbid(spec: Mapping[str, Any]) -> tuple[Pattern, Replacement | None]:
    pattern = compile_pattern(spec)
    if spec.get("replacement") is None:
        return pattern, None
    return pattern, compile_replacement(_text(spec, "replacement"), pattern.regex)


def check_require(report: Report, rule: CompiledRule) -> Iterator[Finding]:
    lines = scope_lines(report, rule.sections)
    if lines is not None and not rule.prepared.occurs_in(lines):
        yield Finding(rule.message, scope_location(report, rule.sections), fingerprint=rule.code)


@dataclass(frozen=True)
class Item:
    """An item a section must mention (`section-items`), by any of its wordings."""

    name: str
    alternatives: tuple[str, ...]


def compile_items(spec: Mapping[str, Any]) -> tuple[Item, ...]:
    items = spec["items"]
    if not isinstance(items, list) or not items:
        raise FieldError("items", "'items' must be a non-empty list")
    compiled = []
    for item in items:
        words = item if isinstance(item, list) else [item]
        if not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise FieldError("items", "each item is a non-empty string or a list of alternative wordings")
        compiled.append(Item(words[0], tuple(squash(w) for w in words)))
    return tuple(compiled)


def check_section_items(report: Report, rule: CompiledRule) -> Iterator[Finding]:
    lines = scope_lines(report, rule.sections)
    if lines is None:
        return
    text = squash("".join(line.norm for line in lines))
    for item in rule.prepared:
        if not any(word in text for word in item.alternatives):
            yield Finding(f"{rule.message}：未提及“{item.name}”", scope_location(report, rule.sections),
                          fingerprint=f"{rule.code}:{item.name}")


@dataclass(frozen=True)
class IdentitySpec:
    """An identity a pack adds (`identity`): an expression over one table's cells."""

    table: str
    expr: str
    for_each: Any


def compile_identity(spec: Mapping[str, Any]) -> IdentitySpec:
    table = spec["table"]
    if table not in ("二", "三", "四"):
        raise FieldError("table", f"unknown table {table!r} (use 二, 三 or 四)")
    expr = _text(spec, "expr")
    try:
        identities.parse(expr)
    except identities.ExpressionError as error:
        raise FieldError("expr", f"bad identity: {error}") from None
    for_each = spec.get("for_each")
    if isinstance(for_each, Mapping):
        if len(for_each) != 1 or not all(isinstance(k, str) and isinstance(v, list)
                                         and all(isinstance(x, str) for x in v) for k, v in for_each.items()):
            raise FieldError("for_each", "'for_each' as a mapping names one placeholder and its values: "
                             "{group: [行政复议, 复议后起诉]}")
        for_each = plain(for_each)
    elif for_each not in (None, "columns", "rows"):
        raise FieldError("for_each", "'for_each' must be columns, rows or a mapping name → values")
    bound = {"column"} if for_each == "columns" else {"row"} if for_each == "rows" else set(for_each or ())
    unbound = identities.placeholders(expr) - bound
    if unbound:
        raise FieldError("expr", f"placeholder {{{sorted(unbound)[0]}}} is not set by 'for_each'")
    return IdentitySpec(table, expr, for_each)


def check_identity(report: Report, rule: CompiledRule) -> Iterator[Finding]:
    spec: IdentitySpec = rule.prepared
    for outcome in identities.broken_instances(spec.expr, spec.for_each, spec.table, report.tables):
        if not outcome.left.cells:
            continue
        total = outcome.left.cells[0]
        parts = tuple(cell_ref(c) for c in outcome.left.cells[1:] + outcome.right.cells)
        yield Finding(
            f"{rule.message}（{total.id} 一侧为 {outcome.left.shown}，另一侧为 {outcome.right.shown}）",
            total.location, cell=cell_ref(total), related=parts,
            fingerprint=f"{rule.code}:{total.id}",
        )


def compile_deadlines(spec: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """`deadlines: {department: "01-28", default: "01-31"}`: month-day in the year after the report year."""
    deadlines = spec["deadlines"]
    if not isinstance(deadlines, Mapping) or not deadlines:
        raise FieldError("deadlines", "'deadlines' maps body kinds (or 'default') to \"MM-DD\"")
    compiled = {}
    for kind, value in deadlines.items():
        if kind not in BODY_KINDS and kind != "default":
            raise FieldError("deadlines", f"unknown body kind {kind!r} (use {', '.join(BODY_KINDS)} or default)")
        parsed = month_day(value)
        if parsed is None:
            raise FieldError("deadlines", MONTH_DAY.error(value) or "")
        compiled[str(kind)] = parsed
    return compiled


def check_deadline(report: Report, rule: CompiledRule) -> Iterator[Finding]:
    deadlines: dict[str, tuple[int, int]] = rule.prepared
    month_day = deadlines.get(report.body_kind or "", deadlines.get("default"))
    if report.year is None or month_day is None:
        return
    # The same dates as DAT004: recognised once (linter.recognize.dates); the signature first.
    dated = report.signature_date or report.publication_date
    deadline = date(report.year + 1, *month_day)
    if dated is not None and dated.when > deadline:
        yield Finding(
            f"{rule.message}：{dated.what} {dated.when.year}年{dated.when.month}月{dated.when.day}日 "
            f"晚于 {deadline.year}年{deadline.month}月{deadline.day}日",
            dated.location, fingerprint=rule.code,
        )


@dataclass(frozen=True)
class Kind:
    """A declarative rule kind of packs: its fields, how it is compiled, checked and described."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    compile: Callable[[Mapping[str, Any]], Any]
    check: Check
    describe: Callable[[Mapping[str, Any]], str]


def _describe_pattern(spec: Mapping[str, Any]) -> str:
    return f"regex {spec['regex']}" if "regex" in spec else f"text “{spec['pattern']}”"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("forbid", (), ("pattern", "regex", "replacement", "section"), compile_forbid, check_forbid,
             lambda s: f"must not contain {_describe_pattern(s)}"
             + (f" (replace with “{s['replacement']}”)" if "replacement" in s else "")),
        Kind("require", (), ("pattern", "regex", "section"), compile_pattern, check_require,
             lambda s: f"must contain {_describe_pattern(s)}"),
        Kind("require-section-items", ("section", "items"), (), compile_items, check_section_items,
             lambda s: "section must mention: " + "; ".join(
                 "/".join(map(str, i)) if isinstance(i, list) else str(i) for i in s["items"])),
        Kind("identity", ("table", "expr"), ("for_each",), compile_identity, check_identity,
             lambda s: f"identity {s['expr']}" + (f" for each of {plain(s['for_each'])}" if "for_each" in s else "")),
        Kind("deadline", ("deadlines",), (), compile_deadlines, check_deadline,
             lambda s: "published by " + ", ".join(f"{k}: {v}" for k, v in s["deadlines"].items())
             + " of the year after the report year"),
    )
}
