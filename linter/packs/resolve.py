"""Finding packs by name or path, following `extends`, checking what they say about other rules
against the registered ones, and merging them into one set of rules and settings overrides for a run."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.datacache import cached
from linter.diagnostics import Severity
from linter.errors import UsageError
from linter.memo import Memo
from linter.packs.parse import Pack, problems_error, read_pack
from linter.rules_api import Rule
from linter.settings import Settings
from linter.yamlfile import DataFileError, read_text

if TYPE_CHECKING:
    from linter.codes import InternalCode

BUILT_IN = "built-in"
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PackSource:
    """A pack that can be named: built in (rules/packs) or shipped by a plugin."""

    name: str
    path: Path
    origin: str


@functools.cache
def registered_packs() -> dict[str, PackSource]:
    """Built-in packs, then packs from plugins' `govlint_packs` hook, by name (file stem)."""
    from linter.plugins_manager import plugins
    from linter.rules import FOLDER

    found: dict[str, PackSource] = {}
    for path in sorted((FOLDER / "packs").iterdir(), key=lambda p: p.name):
        if path.name.endswith(PACK_SUFFIXES):
            found[path.stem] = PackSource(path.stem, path, BUILT_IN)
    for plugin, item in plugins().collect_named("govlint_packs"):
        path = Path(str(item))
        found.setdefault(path.stem, PackSource(path.stem, path, f"plugin {plugin}"))
    return found


_PARSING_CODE = ("linter.packs.parse", "linter.packs.kinds")
"""The modules whose code makes a `Pack` of a file's text: a change to either is parsed afresh."""


@functools.cache
def load_pack(path: Path, origin: str = "local") -> Pack:
    """The pack at `path` (read once per run) with its problems; a named pack's `name` must be its file name."""
    try:
        pack = _read(path, origin)
    except OSError as error:
        problem = f"{path}: cannot read rule pack: {error.strerror or error}"
        return Pack(path.stem, "", path, origin, problems=(problem,))
    if origin != "local" and pack.name != path.stem:
        problem = f"{path}:1:1: pack name {pack.name!r} must match its file name {path.stem!r}"
        pack = dataclasses.replace(pack, problems=(*pack.problems, problem))
    return pack


def _read(path: Path, origin: str) -> Pack:
    """`read_pack`, from the cache while the file's text and the code that parses it are unchanged."""
    try:
        text = read_text(path)
    except DataFileError:  # not UTF-8 or too large: read_pack makes it the pack's problem
        return read_pack(path, origin)
    return cached("pack", path, (text, origin), functools.partial(read_pack, path, origin, text), _PARSING_CODE)


def usable(packs: Iterable[Pack]) -> list[Pack]:
    """`packs`, or a `DataFileError` naming every problem of any of them."""
    packs = list(packs)
    problems = [problem for pack in packs for problem in pack.problems]
    if problems:
        raise problems_error(problems)
    return packs


def is_path(reference: str) -> bool:
    return reference.endswith(PACK_SUFFIXES) or "/" in reference or "\\" in reference


def find_pack(reference: str, base_dir: Path, where: str | None = None) -> Pack:
    """A pack by name (built-in or plugin) or by path (relative to `base_dir`), with its problems."""
    if is_path(reference):
        path = base_dir / reference
        if not path.is_file():
            raise _error(where, f"rule pack file {str(path)!r} not found")
        return load_pack(path)
    source = registered_packs().get(reference)
    if source is None:
        known = ", ".join(sorted(registered_packs()))
        raise _error(where, f"unknown rule pack {reference!r} (available: {known}; or a path to a .yaml pack)")
    return load_pack(source.path, source.origin)


def _error(where: str | None, message: str) -> Exception:
    return DataFileError(f"{where}: {message}") if where else UsageError(message)


@dataclass(frozen=True)
class ResolvedPacks:
    """The selected packs (each after the packs it extends), their rules and their overrides."""

    packs: tuple[Pack, ...] = ()
    rules: tuple[Rule, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    disabled: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def apply(self, settings: Settings) -> Settings:
        """`settings` with the packs' overrides underneath: what the user configured wins."""
        codes = set(self.options) | set(settings.options)
        return dataclasses.replace(
            settings,
            severity={**self.severity, **settings.severity},
            options={code: {**self.options.get(code, {}), **settings.options.get(code, {})} for code in codes},
            ignore=[*settings.ignore, *self.disabled],
        )


def resolve_packs(names: Sequence[str], base_dir: Path | str | None = None) -> ResolvedPacks:
    """Load the packs named in configuration (names or paths relative to `base_dir`), with what
    they extend, and merge them: later packs override earlier ones, a pack overrides what it extends.

    Every problem of every pack involved (unreadable fields, unknown codes and options, option
    values of the wrong type, reserved prefixes, codes defined twice) is raised at once as one
    `DataFileError`."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    ordered: list[Pack] = []
    problems: list[str] = []

    def visit(pack: Pack, chain: tuple[Path, ...], where: str) -> None:
        if pack.path in chain:
            problems.append(f"{where}: rule pack {pack.name!r} extends itself (through "
                            f"{' → '.join(p.stem for p in (*chain, pack.path))})")
            return
        if any(p.path == pack.path for p in ordered):
            return
        for reference in pack.extends:
            try:
                extended = find_pack(reference.name, pack.path.parent, reference.where)
            except DataFileError as error:
                problems.extend(error.problems)
                continue
            visit(extended, (*chain, pack.path), reference.where)
        ordered.append(pack)

    for name in names:
        visit(find_pack(name, base), (), "")
    for pack in ordered:
        problems.extend(pack.problems)
    problems.extend(_reference_problems(ordered))
    if problems:
        raise problems_error(problems)
    return _merge(ordered)


def family(code: str) -> str:
    """The letters of a code or prefix: SUM of SUM001."""
    return re.match(r"[A-Z]*", code).group()


def _internal_codes() -> dict[str, str]:
    """Codes govlint gives outside any rule, by code → what gives them."""
    from linter.codes import PLUGIN_LOAD_FAILED, RULE_CRASHED, UNUSED_SUPPRESSION

    return dict.fromkeys((c.code for c in (PLUGIN_LOAD_FAILED, RULE_CRASHED, UNUSED_SUPPRESSION)), "govlint itself")


def _reference_problems(packs: list[Pack]) -> list[str]:
    """What `packs` say about rules, checked against the registered rules and each other."""
    from linter.engine import all_rules

    plugin_rules = {rule.code: rule for rule in all_rules()}
    owners = {**_internal_codes(), **{code: f"plugin {rule.plugin}" for code, rule in plugin_rules.items()}}
    problems = []
    defined: dict[str, tuple[Pack, str]] = {}
    for index, pack in enumerate(packs):
        problems += _prefix_problems(pack, owners, [p for p in packs[:index] if p.prefix])
        for key, where in pack.places.items():
            if key.startswith("rule:"):
                code = key.removeprefix("rule:")
                if code in defined and defined[code][0] is not pack:
                    problems.append(f"{where}: code {code} is also defined by pack {defined[code][0].name} "
                                    f"at {defined[code][1]}")
                defined.setdefault(code, (pack, where))
    known = set(owners) | set(defined)
    for pack in packs:
        problems += _code_problems(pack, known, plugin_rules)
    return problems


def _prefix_problems(pack: Pack, owners: dict[str, str], others: list[Pack]) -> list[str]:
    """A prefix is reserved when codes with it (or with a longer or shorter prefix) exist: a selector
    such as `ignore = ["SU"]` would then reach both."""
    if not pack.prefix:
        return []
    where = pack.places["prefix"]
    for code, owner in sorted(owners.items()):
        letters = family(code)
        if letters.startswith(pack.prefix) or pack.prefix.startswith(letters):
            return [f"{where}: prefix {pack.prefix!r} is reserved: {owner} gives codes {letters}… ({code})"]
    for other in others:
        if other.prefix.startswith(pack.prefix) or pack.prefix.startswith(other.prefix):
            return [f"{where}: prefix {pack.prefix!r} overlaps prefix {other.prefix!r} of pack {other.name} "
                    f"at {other.places['prefix']}"]
    return []


def _code_problems(pack: Pack, known: set[str], plugin_rules: dict[str, Rule]) -> list[str]:
    """Codes in `severity`, `disable` and `options` that no rule has; options a rule does not take."""
    problems = []
    for key, where in pack.places.items():
        section, _, code = key.partition(":")
        if section not in ("severity", "disable", "options") or ":" in code:
            continue
        if section == "disable" and any(k.startswith(code) for k in known) or code in known:
            continue
        problems.append(f"{where}: unknown rule code {code!r} in '{section}' ({_unknown_code_hint(code, known)})")
    for code, options in pack.options.items():
        rule = plugin_rules.get(code)
        if code not in known:
            continue
        for name, value in options.items():
            error = rule.option_error(name, value) if rule else f"rule {code} has no options"
            if error:
                known_name = rule is not None and name in rule.options
                problems.append(f"{pack.places[f'options:{code}:{name}' + (':value' if known_name else '')]}: {error}")
    return problems


def _unknown_code_hint(code: str, known: set[str]) -> str:
    """Which registered pack has `code` (one the pack neither extends nor is selected with), or the closest code."""
    for source in registered_packs().values():
        pack = load_pack(source.path, source.origin)
        if any(rule.code.startswith(code) for rule in pack.rules):
            return f"a rule of pack {pack.name}, which is not among the packs in use: extend it or select it"
    import difflib  # only for a did-you-mean hint

    hint = difflib.get_close_matches(code, sorted(known), n=1)
    return f"did you mean {hint[0]!r}?" if hint else "see 'govlint rules'"


def _merge(packs: list[Pack]) -> ResolvedPacks:
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    disabled: dict[str, None] = {}
    rules: dict[str, Rule] = {}
    for pack in packs:
        severity.update(pack.severity)
        for code, values in pack.options.items():
            options.setdefault(code, {}).update(values)
        disabled.update(dict.fromkeys(pack.disable))
        rules.update((rule.code, rule) for rule in pack.checks)
    return ResolvedPacks(tuple(packs), tuple(rules.values()), severity, tuple(disabled), options)


@functools.lru_cache(maxsize=8)
def _resolved(names: tuple[str, ...], base_dir: str | None) -> ResolvedPacks:
    return resolve_packs(names, base_dir)


def apply_packs(rules: Sequence[Rule], settings: Settings) -> tuple[list[Rule], Settings]:
    """The hook the checker calls: the selected packs' rules added to `rules`, their overrides
    applied to `settings` (packs are read once per run)."""
    resolved = _resolved(tuple(settings.packs), settings.config_dir)
    taken = {rule.code: rule for rule in rules}
    for rule in resolved.rules:
        if rule.code in taken:
            raise UsageError(f"pack rule {rule.code} ({rule.plugin}) has the code of rule {rule.code} "
                             f"from {taken[rule.code].plugin}")
    return [*rules, *resolved.rules], _applied(resolved, settings)


_APPLIED = Memo(64)
"""By the ids of (packs, settings): the two (checked by identity) and the settings with the packs applied."""


def _applied(resolved: ResolvedPacks, settings: Settings) -> Settings:
    """`resolved.apply(settings)`, made once per pair: the files of a run share their settings, and
    one settings object keeps what it has worked out (`Settings.enabled`) from file to file."""
    key = (id(resolved), id(settings))
    entry = _APPLIED.get(key)
    if entry is None or entry[0] is not resolved or entry[1] is not settings:
        entry = _APPLIED.keep(key, (resolved, settings, resolved.apply(settings)))
    return entry[2]


def rule_catalogue(local: Sequence[str] = (), base_dir: Path | str | None = None) -> list[Rule | InternalCode]:
    """Every code a finding can have, by code (for `govlint rules` and `govlint rule CODE`):
    plugin rules, the rules of every registered pack and of the `local` pack paths given, and
    govlint's internal codes that are no rule (PLG001, PLG002)."""
    from linter.codes import INTERNAL_CODES
    from linter.engine import all_rules

    by_code: dict[str, Rule | InternalCode] = {rule.code: rule for rule in all_rules()}
    for pack in listed_packs(local, base_dir):
        for rule in pack.checks:
            by_code.setdefault(rule.code, rule)
    for code, entry in INTERNAL_CODES.items():
        by_code.setdefault(code, entry)
    return sorted(by_code.values(), key=lambda r: r.code)


def listed_packs(local: Sequence[str] = (), base_dir: Path | str | None = None) -> list[Pack]:
    """Every registered pack, and the local packs among `local` (paths), for `govlint packs`."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    packs = [load_pack(source.path, source.origin) for source in registered_packs().values()]
    packs += [find_pack(reference, base) for reference in local if is_path(reference)]
    return usable(packs)
