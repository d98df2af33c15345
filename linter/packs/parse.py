"""Reading one YAML rule pack into a `Pack`, with file:line:column for every mistake."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.diagnostics import Severity
from linter.rules_api import Rule, RuleContext
from linter.yamlfile import DataFileError, load_yaml

if TYPE_CHECKING:  # the kinds are imported when a pack has rules or options
    from linter.packs.kinds import CompiledRule

PACK_KEYS = ("name", "description", "prefix", "extends", "severity", "disable", "options", "rules")
COMMON_KEYS = ("code", "kind", "name", "message", "severity", "description", "source", "years", "body_kinds")
NATIONAL_PREFIXES = ("SEC", "TPL", "SUM", "DAT", "DUP", "FMT", "PLG")
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
    """Positions in one pack file, for error messages."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def at(self, node: Any, key: Any = None, *, value: bool = False) -> str:
        lc = getattr(node, "lc", None)
        line, column = (lc.line, lc.col) if lc is not None else (0, 0)
        if lc is not None and key is not None:
            try:
                if isinstance(key, int):
                    line, column = lc.item(key)
                else:
                    line, column = lc.value(key) if value else lc.key(key)
            except (KeyError, TypeError, IndexError):
                pass
        return f"{self.path}:{line + 1}:{column + 1}"

    def fail(self, node: Any, key: Any, message: str, *, value: bool = False) -> DataFileError:
        return DataFileError(f"{self.at(node, key, value=value)}: {message}")


def parse_pack(path: Path, origin: str = "local", text: str | None = None) -> Pack:
    """Read and validate the pack at `path`; raise `DataFileError` naming file:line:column."""
    reader = _Reader(path)
    data = load_yaml(path, text)
    if not isinstance(data, Mapping):
        raise DataFileError(f"{path}:1:1: a rule pack is a mapping with at least 'name' and 'description'")
    _check_keys(reader, data, PACK_KEYS, "pack")
    for key in ("name", "description"):
        if not str(data.get(key) or "").strip():
            raise reader.fail(data, None, f"the pack has no '{key}'")
    prefix = _prefix(reader, data)
    rules = _rules(reader, data, prefix)
    return Pack(
        name=str(data["name"]),
        description=" ".join(str(data["description"]).split()),
        path=path,
        origin=origin,
        prefix=prefix,
        extends=_extends(reader, data),
        severity=_severities(reader, data),
        disable=tuple(_codes(reader, data, "disable", _SELECTOR)),
        options=_options(reader, data),
        rules=rules,
    )


def _check_keys(reader: _Reader, node: Mapping, allowed: tuple[str, ...], what: str) -> None:
    for key in node:
        if key not in allowed:
            raise reader.fail(node, key, f"unknown {what} field '{key}' "
                              f"({_did_you_mean(str(key), allowed)}fields: {', '.join(allowed)})")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"did you mean 'x'? " for the closest of `choices`, or "" when none is close."""
    hint = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{hint[0]}'? " if hint else ""


def _prefix(reader: _Reader, data: Mapping) -> str:
    prefix = str(data.get("prefix") or "")
    if not prefix:
        if data.get("rules"):
            raise reader.fail(data, "rules", "a pack with rules needs a 'prefix' for their codes (e.g. prefix: SD)")
        return ""
    if not _PREFIX.fullmatch(prefix) or prefix in NATIONAL_PREFIXES:
        raise reader.fail(data, "prefix", f"prefix {prefix!r} must be 2–4 capital letters and not a national "
                          f"prefix ({', '.join(NATIONAL_PREFIXES)})", value=True)
    return prefix


def _listed(reader: _Reader, data: Mapping, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise reader.fail(data, key, f"'{key}' must be a list", value=True)
    return value


def _extends(reader: _Reader, data: Mapping) -> tuple[Reference, ...]:
    names = _listed(reader, data, "extends")
    node = data["extends"] if isinstance(data.get("extends"), list) else None
    return tuple(
        Reference(str(name), reader.at(node, i) if node is not None else reader.at(data, "extends", value=True))
        for i, name in enumerate(names)
    )


def _codes(reader: _Reader, data: Mapping, key: str, shape: re.Pattern[str]) -> list[str]:
    codes = [str(code) for code in _listed(reader, data, key)]
    for i, code in enumerate(codes):
        if not shape.fullmatch(code):
            node = data[key] if isinstance(data[key], list) else None
            where = reader.at(node, i) if node is not None else reader.at(data, key, value=True)
            raise DataFileError(f"{where}: {code!r} is not a rule code (e.g. FMT001) or code prefix (e.g. FMT)")
    return codes


def _mapping(reader: _Reader, data: Mapping, key: str) -> Mapping:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise reader.fail(data, key, f"'{key}' must be a mapping of rule codes", value=True)
    for code in value:
        if not _CODE.fullmatch(str(code)):
            raise reader.fail(value, code, f"{code!r} is not a rule code such as SUM102")
    return value


def _severities(reader: _Reader, data: Mapping) -> dict[str, Severity]:
    table = _mapping(reader, data, "severity")
    result = {}
    for code, name in table.items():
        try:
            result[str(code)] = Severity.parse(str(name))
        except ValueError as error:
            raise reader.fail(table, code, str(error), value=True) from None
    return result


def _options(reader: _Reader, data: Mapping) -> dict[str, dict[str, Any]]:
    table = _mapping(reader, data, "options")
    if not table:
        return {}
    from linter.packs.kinds import plain

    result = {}
    for code, options in table.items():
        if not isinstance(options, Mapping):
            raise reader.fail(table, code, "options of a rule are a mapping name → value", value=True)
        result[str(code)] = plain(options)
    return result


def _rules(reader: _Reader, data: Mapping, prefix: str) -> tuple[PackRule, ...]:
    items = data.get("rules") or []
    if not isinstance(items, list):
        raise reader.fail(data, "rules", "'rules' must be a list of rules", value=True)
    rules: list[PackRule] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise DataFileError(f"{reader.at(items, index)}: a rule is a mapping with code, kind, name and message")
        rule = _rule(reader, item, prefix, reader.at(items, index))
        if any(r.code == rule.code for r in rules):
            raise reader.fail(item, "code", f"code {rule.code} is used twice in this pack", value=True)
        rules.append(rule)
    return tuple(rules)


def _rule(reader: _Reader, item: Mapping, prefix: str, where: str) -> PackRule:
    from linter.packs.kinds import KINDS, CompiledRule, FieldError, compile_condition, compile_sections

    for key in ("code", "kind", "name", "message"):
        if key not in item:
            raise DataFileError(f"{where}: rule has no '{key}' (every rule needs code, kind, name and message)")
    kind_name = str(item["kind"])
    kind = KINDS.get(kind_name)
    if kind is None:
        raise reader.fail(item, "kind", f"unknown rule kind '{kind_name}' "
                          f"({_did_you_mean(kind_name, KINDS)}kinds: {', '.join(KINDS)})", value=True)
    _check_keys(reader, item, COMMON_KEYS + kind.required + kind.optional, f"'{kind_name}' rule")
    for key in kind.required:
        if key not in item:
            raise DataFileError(f"{where}: '{kind_name}' rule {item['code']} has no '{key}'")
    code = str(item["code"])
    if not re.fullmatch(re.escape(prefix) + r"\d{3}", code):
        raise reader.fail(item, "code", f"code {code!r} must be the pack prefix {prefix} and three digits, "
                          f"e.g. {prefix}001", value=True)
    name = str(item["name"])
    if not _NAME.fullmatch(name):
        raise reader.fail(item, "name", f"name {name!r} must be kebab-case, e.g. cite-notice-30", value=True)
    try:
        severity = Severity.parse(str(item.get("severity", "warning")))
    except ValueError as error:
        raise reader.fail(item, "severity", str(error), value=True) from None
    try:
        condition = compile_condition(item)
        sections = compile_sections(item) if "section" in kind.required + kind.optional else ()
        prepared = kind.compile(item)
    except FieldError as error:
        raise reader.fail(item, error.field, str(error), value=True) from None
    message = " ".join(str(item["message"]).split())
    return PackRule(
        code=code,
        name=name,
        kind=kind_name,
        severity=severity,
        message=message,
        description=str(item.get("description") or message).strip(),
        source=" ".join(str(item.get("source") or "").split()),
        summary=kind.describe(item),
        compiled=CompiledRule(code, message, condition, sections, prepared),
        where=where.rsplit(":", 1)[0],
    )
