"""Reading one YAML rule pack into a `Pack`, with file:line:column for every mistake.

Every field is type-checked before use, and every problem found is kept (`Pack.problems`), so
that one run names all of a pack's mistakes; what the pack says about other rules (codes,
options, its prefix) is checked against the registered rules in `linter.packs.resolve`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.diagnostics import Severity
from linter.errors import FieldError
from linter.rules_api import Rule, RuleContext
from linter.yamlfile import DataFileError, load_yaml, plain

if TYPE_CHECKING:
    from linter.packs.kinds import CompiledRule

PACK_KEYS = ("name", "description", "prefix", "extends", "severity", "disable", "options", "rules")
COMMON_KEYS = ("code", "kind", "name", "message", "severity", "description", "source", "years", "body_kinds")
MAX_PROBLEMS = 20
"""Problems shown for one run; the rest are counted."""
_CODE = re.compile(r"[A-Z]{2,5}\d{3}")
_SELECTOR = re.compile(r"[A-Z]{2,5}\d{0,3}")
_PREFIX = re.compile(r"[A-Z]{2,4}")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Reference:
    """A pack named in `extends`, with where it was named (for errors)."""

    name: str
    where: str


@dataclass(frozen=True)
class PackRule:
    """A rule a pack declares in YAML (a declarative kind: forbid, require, …)."""

    code: str
    name: str
    kind: str
    severity: Severity
    message: str
    description: str
    source: str
    summary: str
    """What the rule checks, generated from its fields (e.g. "must contain text “30号”")."""
    compiled: CompiledRule
    where: str


@dataclass(frozen=True)
class Pack:
    """A rule pack as read from its YAML file: what it extends, changes and adds."""

    name: str
    description: str
    path: Path
    origin: str
    """"built-in", "plugin <name>" or "local"."""
    prefix: str = ""
    extends: tuple[Reference, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    disable: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rules: tuple[PackRule, ...] = ()
    places: Mapping[str, str] = field(default_factory=dict)
    """file:line:column of what other rules are named by: "prefix", "severity:CODE", "disable:CODE",
    "options:CODE", "options:CODE:NAME", and "rule:CODE" for each rule code (even of a broken rule)."""
    problems: tuple[str, ...] = ()
    """Every mistake found while reading, each "file:line:column: message"; a pack with problems is not used."""

    @functools.cached_property
    def checks(self) -> tuple[Rule, ...]:
        """The pack's own rules as engine `Rule`s (documented by `govlint rule CODE`)."""
        return tuple(_to_rule(self, rule) for rule in self.rules)


def _to_rule(pack: Pack, rule: PackRule) -> Rule:
    from linter.packs.kinds import KINDS

    check = functools.partial(_run, rule.compiled, KINDS[rule.kind].check)
    details = (
        f"Rule pack: {pack.name} — {pack.description}",
        f"Defined at: {rule.where}",
        f"Kind: {rule.kind}: {rule.summary}",
        _condition_text(rule.compiled),
        f"Source: {rule.source}" if rule.source else "",
    )
    about = [rule.description, ""] if rule.description != rule.message else []
    doc = "\n".join([rule.message, "", *about, *(line for line in details if line)])
    return Rule(rule.code, rule.name, rule.severity, check, doc, {}, plugin=f"pack {pack.name}")


def _run(compiled: CompiledRule, check, report, context: RuleContext):
    if compiled.condition.applies(report):
        yield from check(report, compiled)


def _condition_text(compiled: CompiledRule) -> str:
    parts = []
    condition = compiled.condition
    if condition.first_year or condition.last_year:
        parts.append(f"report years {condition.first_year or '…'}–{condition.last_year or '…'}")
    if condition.body_kinds:
        parts.append("bodies: " + ", ".join(condition.body_kinds))
    if compiled.sections:
        parts.append("in section " + ", ".join(compiled.sections))
    return "Applies to: " + "; ".join(parts) if parts else ""


# --- reading ---------------------------------------------------------------------------------


class _Reader:
    """Positions in one pack file, and the problems found in it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.places: dict[str, str] = {}

    def at(self, node: Any, key: Any = None, *, value: bool = False) -> str:
        lc = getattr(node, "lc", None)
        line, column = (lc.line, lc.col) if lc is not None else (0, 0)
        if lc is not None and key is not None:
            try:
                if isinstance(key, int) and isinstance(node, list):
                    line, column = lc.item(key)
                else:
                    line, column = lc.value(key) if value else lc.key(key)
            except (KeyError, TypeError, IndexError):
                pass
        return f"{self.path}:{line + 1}:{column + 1}"

    def report(self, node: Any, key: Any, message: str, *, value: bool = False) -> None:
        self.problems.append(f"{self.at(node, key, value=value)}: {message}")

    def report_at(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


_PLACE = re.compile(r"(.+?):(\d+):(\d+): ")


def problems_error(problems: Iterable[str]) -> DataFileError:
    """One error naming the problems, file by file in order of line and column, at most
    `MAX_PROBLEMS` of them and the count of the rest."""
    files: dict[str, int] = {}

    def place(problem: str) -> tuple[int, int, int]:
        match = _PLACE.match(problem)
        path, line, column = match.groups() if match else (problem.split(": ", 1)[0], 0, 0)
        return files.setdefault(path, len(files)), int(line), int(column)

    problems = sorted(problems, key=place)
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(f"... and {len(problems) - MAX_PROBLEMS} more problems")
    return DataFileError(*shown)


def parse_pack(path: Path, origin: str = "local", text: str | None = None) -> Pack:
    """Read and validate the pack at `path`; raise `DataFileError` naming every problem found
    (file:line:column each, up to `MAX_PROBLEMS`)."""
    pack = read_pack(path, origin, text)
    if pack.problems:
        raise problems_error(pack.problems)
    return pack


def read_pack(path: Path, origin: str = "local", text: str | None = None) -> Pack:
    """The pack at `path` with the problems found in it (a pack that cannot be read at all is an
    empty `Pack` holding its problem)."""
    try:
        data = load_yaml(path, text)
    except DataFileError as error:
        return Pack(path.stem, "", path, origin, problems=error.problems)
    if not isinstance(data, Mapping):
        return Pack(path.stem, "", path, origin, problems=(
            f"{path}:1:1: a rule pack is a mapping with at least 'name' and 'description'",))
    reader = _Reader(path)
    _check_keys(reader, data, PACK_KEYS, "pack")
    name, description = (_required_text(reader, data, key) for key in ("name", "description"))
    prefix = _prefix(reader, data)
    rules = _rules(reader, data, prefix)
    return Pack(
        name=name or path.stem,
        description=" ".join(description.split()),
        path=path,
        origin=origin,
        prefix=prefix,
        extends=_extends(reader, data),
        severity=_severities(reader, data),
        disable=_disabled(reader, data),
        options=_options(reader, data),
        rules=rules,
        places=reader.places,
        problems=tuple(reader.problems),
    )


def _check_keys(reader: _Reader, node: Mapping, allowed: tuple[str, ...], what: str) -> None:
    for key in node:
        if key not in allowed:
            reader.report(node, key, f"unknown {what} field '{key}' "
                          f"({_did_you_mean(str(key), allowed)}fields: {', '.join(allowed)})")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"did you mean 'x'? " for the closest of `choices`, or "" when none is close."""
    import difflib  # only for a did-you-mean hint

    hint = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{hint[0]}'? " if hint else ""


def _required_text(reader: _Reader, data: Mapping, key: str) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        reader.report(data, None, f"the pack has no '{key}'")
        return ""
    if not isinstance(value, str):
        reader.report(data, key, f"'{key}' must be a string", value=True)
        return ""
    return value


def _prefix(reader: _Reader, data: Mapping) -> str:
    prefix = data.get("prefix")
    if not prefix:
        if data.get("rules"):
            reader.report(data, "rules", "a pack with rules needs a 'prefix' for their codes (e.g. prefix: SD)")
        return ""
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        reader.report(data, "prefix", f"prefix {prefix!r} must be 2–4 capital letters", value=True)
        return ""
    reader.places["prefix"] = reader.at(data, "prefix", value=True)
    return prefix


def _listed(reader: _Reader, data: Mapping, key: str) -> list[tuple[str, str]]:
    """A string or list of strings, each with where it is written."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, reader.at(data, key, value=True))]
    if not isinstance(value, list):
        reader.report(data, key, f"'{key}' must be a list of strings", value=True)
        return []
    listed = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            listed.append((item, reader.at(value, index)))
        else:
            reader.report(value, index, f"each entry of '{key}' must be a string")
    return listed


def _extends(reader: _Reader, data: Mapping) -> tuple[Reference, ...]:
    return tuple(Reference(name, where) for name, where in _listed(reader, data, "extends"))


def _disabled(reader: _Reader, data: Mapping) -> tuple[str, ...]:
    codes = []
    for code, where in _listed(reader, data, "disable"):
        if _SELECTOR.fullmatch(code):
            codes.append(code)
            reader.places.setdefault(f"disable:{code}", where)
        else:
            reader.report_at(where, f"{code!r} is not a rule code (e.g. FMT001) or code prefix (e.g. FMT)")
    return tuple(codes)


def _mapping(reader: _Reader, data: Mapping, key: str) -> dict[str, Any]:
    """`key`'s mapping of rule codes → values, the entries whose code is well formed."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        reader.report(data, key, f"'{key}' must be a mapping of rule codes", value=True)
        return {}
    entries = {}
    for code, entry in value.items():
        if isinstance(code, str) and _CODE.fullmatch(code):
            entries[code] = entry
            reader.places[f"{key}:{code}"] = reader.at(value, code)
        else:
            reader.report(value, code, f"{code!r} is not a rule code such as SUM102")
    return entries


def _severities(reader: _Reader, data: Mapping) -> dict[str, Severity]:
    table = data.get("severity")
    result = {}
    for code, name in _mapping(reader, data, "severity").items():
        try:
            if not isinstance(name, str):
                raise ValueError(f"severity must be info, warning or error, not {name!r}")
            result[code] = Severity.parse(name)
        except ValueError as error:
            reader.report(table, code, str(error), value=True)
    return result


def _options(reader: _Reader, data: Mapping) -> dict[str, dict[str, Any]]:
    table = data.get("options")
    result = {}
    for code, options in _mapping(reader, data, "options").items():
        if not isinstance(options, Mapping):
            reader.report(table, code, "options of a rule are a mapping name → value", value=True)
            continue
        values = {}
        for name, value in options.items():
            if not isinstance(name, str):
                reader.report(options, name, f"option name {name!r} must be a string")
                continue
            values[name] = plain(value)
            reader.places[f"options:{code}:{name}"] = reader.at(options, name)
            reader.places[f"options:{code}:{name}:value"] = reader.at(options, name, value=True)
        result[code] = values
    return result


def _rules(reader: _Reader, data: Mapping, prefix: str) -> tuple[PackRule, ...]:
    items = data.get("rules")
    if items is None:
        return ()
    if not isinstance(items, list):
        reader.report(data, "rules", "'rules' must be a list of rules", value=True)
        return ()
    rules: list[PackRule] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            reader.report(items, index, "a rule is a mapping with code, kind, name and message")
            continue
        code = item.get("code")
        if isinstance(code, str) and _CODE.fullmatch(code):
            if f"rule:{code}" in reader.places:
                reader.report(item, "code", f"code {code} is used twice in this pack", value=True)
            reader.places.setdefault(f"rule:{code}", reader.at(item, "code", value=True))
        rule = _rule(reader, item, prefix, reader.at(items, index))
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


_TEXT_FIELDS = ("code", "kind", "name", "message", "severity", "description", "source")


def _rule(reader: _Reader, item: Mapping, prefix: str, where: str) -> PackRule | None:
    """The rule `item` describes, or None after reporting each of its problems."""
    from linter.packs.kinds import KINDS, CompiledRule, compile_condition, compile_sections  # only for packs with rules

    before = len(reader.problems)
    for key in ("code", "kind", "name", "message"):
        if key not in item:
            reader.report_at(where, f"rule has no '{key}' (every rule needs code, kind, name and message)")
    for key in _TEXT_FIELDS:
        if key in item and not isinstance(item[key], str):
            reader.report(item, key, f"'{key}' must be a string", value=True)
    kind_name = item.get("kind") if isinstance(item.get("kind"), str) else None
    kind = KINDS.get(kind_name or "")
    if kind_name is not None and kind is None:
        reader.report(item, "kind", f"unknown rule kind '{kind_name}' "
                      f"({_did_you_mean(kind_name, KINDS)}kinds: {', '.join(KINDS)})", value=True)
    fields = kind.required + kind.optional if kind else tuple(dict.fromkeys(
        f for known in KINDS.values() for f in known.required + known.optional))
    _check_keys(reader, item, COMMON_KEYS + fields, f"'{kind_name}' rule" if kind else "rule")
    if kind is not None:
        for key in kind.required:
            if key not in item:
                reader.report_at(where, f"'{kind_name}' rule {item.get('code', '')} has no '{key}'")
    code, name = item.get("code"), item.get("name")
    if isinstance(code, str) and prefix and not re.fullmatch(re.escape(prefix) + r"\d{3}", code):
        reader.report(item, "code", f"code {code!r} must be the pack prefix {prefix} and three digits, "
                      f"e.g. {prefix}001", value=True)
    if isinstance(name, str) and not _NAME.fullmatch(name):
        reader.report(item, "name", f"name {name!r} must be kebab-case, e.g. cite-notice-30", value=True)
    severity = Severity.WARNING
    if isinstance(item.get("severity"), str):
        try:
            severity = Severity.parse(item["severity"])
        except ValueError as error:
            reader.report(item, "severity", str(error), value=True)
    condition = _compiled(reader, item, compile_condition)
    sections = _compiled(reader, item, compile_sections) if "section" in fields else ()
    if kind is None or any(key not in item for key in kind.required):
        return None
    prepared = _compiled(reader, item, kind.compile)
    if len(reader.problems) > before:
        return None
    message = " ".join(item["message"].split())
    return PackRule(
        code=code,
        name=name,
        kind=kind.name,
        severity=severity,
        message=message,
        description=str(item.get("description") or message).strip(),
        source=" ".join(str(item.get("source") or "").split()),
        summary=kind.describe(item),
        compiled=CompiledRule(code, message, condition, sections, prepared),
        where=where.rsplit(":", 1)[0],
    )


def _compiled(reader: _Reader, item: Mapping, compile_step: Any) -> Any:
    """What `compile_step` makes of the rule's fields; None after reporting its `FieldError`."""
    try:
        return compile_step(item)
    except FieldError as error:
        reader.report(item, error.field, str(error), value=True)
        return None
