"""Finding packs by name or path, following `extends`, and merging them into one set of
rules and settings overrides for a run."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from linter.datacache import cached
from linter.diagnostics import Severity
from linter.errors import UsageError
from linter.packs.parse import Pack, parse_pack
from linter.rules_api import Rule
from linter.settings import Settings
from linter.yamlfile import DataFileError

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

    found: dict[str, PackSource] = {}
    folder = resources.files("linter.rules") / "packs"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(PACK_SUFFIXES):
            path = Path(str(entry))
            found[path.stem] = PackSource(path.stem, path, BUILT_IN)
    for plugin, item in plugins().collect_named("govlint_packs"):
        path = Path(str(item))
        found.setdefault(path.stem, PackSource(path.stem, path, f"plugin {plugin}"))
    return found


@functools.cache
def load_pack(path: Path, origin: str = "local") -> Pack:
    """The pack at `path` (read once per run); a named pack's `name` must be its file name."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{path}: cannot read rule pack: {error.strerror or error}") from None
    parse = functools.partial(parse_pack, path, origin, text)
    if origin == "local":  # a project's own packs are few and small; the shipped ones are read on every run
        pack = parse()
    else:
        pack = cached("pack", path, (text, origin), parse, ("linter.packs.parse", "linter.packs.kinds"))
    if origin != "local" and pack.name != path.stem:
        raise DataFileError(f"{path}:1:1: pack name {pack.name!r} must match its file name {path.stem!r}")
    return pack


def is_path(reference: str) -> bool:
    return reference.endswith(PACK_SUFFIXES) or "/" in reference or "\\" in reference


def find_pack(reference: str, base_dir: Path, where: str | None = None) -> Pack:
    """A pack by name (built-in or plugin) or by path (relative to `base_dir`)."""
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
    they extend, and merge them: later packs override earlier ones, a pack overrides what it extends."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    ordered: list[Pack] = []

    def visit(pack: Pack, chain: tuple[Path, ...]) -> None:
        if pack.path in chain:
            raise DataFileError(f"{pack.path}:1:1: rule pack {pack.name!r} extends itself (through "
                                f"{' → '.join(p.stem for p in chain)})")
        if any(p.path == pack.path for p in ordered):
            return
        for reference in pack.extends:
            visit(find_pack(reference.name, pack.path.parent, reference.where), (*chain, pack.path))
        ordered.append(pack)

    for name in names:
        visit(find_pack(name, base), ())
    return _merge(ordered)


def _merge(packs: list[Pack]) -> ResolvedPacks:
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    disabled: dict[str, None] = {}
    rules: dict[str, tuple[Rule, Pack]] = {}
    for pack in packs:
        severity.update(pack.severity)
        for code, values in pack.options.items():
            options.setdefault(code, {}).update(values)
        disabled.update(dict.fromkeys(pack.disable))
        for rule in pack.checks:
            if rule.code in rules:
                other = rules[rule.code][1]
                raise UsageError(f"rule code {rule.code} is defined by two packs: {other.path} and {pack.path}")
            rules[rule.code] = (rule, pack)
    return ResolvedPacks(tuple(packs), tuple(r for r, _ in rules.values()), severity, tuple(disabled), options)


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
    return [*rules, *resolved.rules], resolved.apply(settings)


def rule_catalogue(local: Sequence[str] = (), base_dir: Path | str | None = None) -> list[Rule]:
    """Every rule one could select: plugin rules and the rules of every registered pack and of
    the `local` pack paths given, by code (for `govlint rules` and `govlint rule CODE`)."""
    from linter.engine import all_rules

    by_code = {rule.code: rule for rule in all_rules()}
    for pack in listed_packs(local, base_dir):
        for rule in pack.checks:
            by_code.setdefault(rule.code, rule)
    return sorted(by_code.values(), key=lambda r: r.code)


def listed_packs(local: Sequence[str] = (), base_dir: Path | str | None = None) -> list[Pack]:
    """Every registered pack, and the local packs among `local` (paths), for `govlint packs`."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    packs = [load_pack(source.path, source.origin) for source in registered_packs().values()]
    packs += [find_pack(reference, base) for reference in local if is_path(reference)]
    return packs
