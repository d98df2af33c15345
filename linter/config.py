"""Configuration files: `[tool.govlint]` in pyproject.toml, or a govlint.toml (top-level keys).

The file closest to a checked file wins (govlint.toml before pyproject.toml in one directory);
`extend = "path"` inherits another file, whose values the extending file overrides. Command-line
flags override both. Every mistake is reported as `file:line: message` (exit 2).
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.diagnostics import Severity
from linter.errors import ConfigError, UsageError
from linter.settings import Settings

CONFIG_NAMES = ("govlint.toml", "pyproject.toml")
PYPROJECT_TABLE = "tool.govlint"
_LIST_KEYS = ("select", "extend-select", "ignore", "packs")
_EXCLUDE_KEYS = ("exclude", "extend-exclude")
_KNOWN_KEYS = (*_LIST_KEYS, *_EXCLUDE_KEYS, "force-exclude", "max-file-size", "per-file-ignores", "severity", "options",
               "year", "body", "extend")


@dataclass(frozen=True)
class CliOverrides:
    """Selection given on the command line; None means "not given"."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False


@dataclass
class _ConfigFile:
    """A configuration file read: its text and govlint's table in it."""

    path: Path
    text: str
    table: dict[str, Any]
    prefix: str
    """The TOML table holding govlint's keys: "tool.govlint" in pyproject.toml, "" otherwise."""

    def line_of(self, *keys: str, value: str | None = None) -> int | None:
        """Line of `keys` (a key and its sub-keys) in the file, or of `value` inside it."""
        for depth in range(len(keys), 0, -1):
            table = ".".join(filter(None, (self.prefix, *keys[:depth - 1])))
            line = _key_line(self.text, table, keys[depth - 1], value if depth == len(keys) else None)
            if line:
                return line
        return None

    def error(self, message: str, *keys: str, value: str | None = None) -> ConfigError:
        return ConfigError(self.path, self.line_of(*keys, value=value), message)


_ANY_KEY = re.compile(r"""\s*["']?[\w.*/-]+["']?\s*=""")


def _key_line(text: str, table: str, key: str, value: str | None) -> int | None:
    """Where `key` (optionally the quoted `value` after it) is written in `table`.

    TOML parsers give no positions, so the text is scanned: enough for error messages.
    """
    current, key_line = "", None
    key_pattern = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
        if header:
            if key_line is not None:
                break
            current = re.sub(r"""[\s"']""", "", header.group(1))
            continue
        if key_line is None and current == table and key_pattern.match(line):
            key_line = number
        elif key_line is not None and _ANY_KEY.match(line):
            break
        if key_line is not None and (value is None or re.search(rf"""["']{re.escape(value)}["']""", line)):
            return number
    return key_line


_TOML_PARSER = ("tomllib",) if sys.version_info >= (3, 11) else ("tomli",)


def _parse_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its TOML, parsed once and then kept in the data cache while the text is the same."""
    from linter.datacache import cached

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ConfigError(path, None, f"cannot read configuration: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, None, "configuration is not UTF-8 text") from None
    return text, cached("toml", path, text, functools.partial(_toml, path, text), _TOML_PARSER)


def _toml(path: Path, text: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at_line = re.search(r"at line (\d+)", str(error))
        line = int(at_line.group(1)) if at_line else max(1, len(text.splitlines()))  # "at end of document"
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        raise ConfigError(path, line, f"invalid TOML: {reason}") from None


def _read(path: Path) -> _ConfigFile | None:
    """The govlint part of a config file; None for a pyproject.toml without [tool.govlint]."""
    text, data = _parse_toml(path)
    if path.name != "pyproject.toml":
        return _ConfigFile(path, text, data, "")
    table = data.get("tool", {}).get("govlint")
    return None if table is None else _ConfigFile(path, text, table, PYPROJECT_TABLE)


def find_config(directory: Path) -> Path | None:
    """The configuration closest to `directory`, searching it and its parents."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _read(candidate) is not None):
                return candidate
    return None


# --- validation: raw TOML values → settings fields --------------------------------------------------


def _string_list(config: _ConfigFile, key: str) -> list[str]:
    value = config.table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise config.error(f"'{key}' must be a list of strings", key)
    return value


def _check_codes(config: _ConfigFile, selectors: Iterable[str], known: frozenset[str], *keys: str) -> list[str]:
    checked = []
    for selector in selectors:
        code = selector.strip().upper()
        if not is_known_selector(code, known):
            raise config.error(f"unknown rule code or prefix {selector!r} in '{'.'.join(keys)}'", *keys, value=selector)
        checked.append(code)
    return checked


def is_known_selector(selector: str, known: frozenset[str]) -> bool:
    return selector == "ALL" or (selector != "" and any(code.startswith(selector) for code in known))


def _validate(config: _ConfigFile, known: frozenset[str]) -> dict[str, Any]:
    """The file's values as Settings fields (snake_case), every key and code checked."""
    values: dict[str, Any] = {}
    for key in config.table:
        if key not in _KNOWN_KEYS:
            raise config.error(f"unknown key '{key}' (known keys: {', '.join(_KNOWN_KEYS)})", key)
    for key in ("select", "extend-select", "ignore"):
        if key in config.table:
            values[key.replace("-", "_")] = _check_codes(config, _string_list(config, key), known, key)
    if "packs" in config.table:
        values["packs"] = _string_list(config, "packs")
        values["config_dir"] = str(config.path.parent)
    for key in _EXCLUDE_KEYS:
        if key in config.table:
            values[key.replace("-", "_")] = anchored_globs(_string_list(config, key), config.path.parent)
    if "force-exclude" in config.table:
        if not isinstance(config.table["force-exclude"], bool):
            raise config.error("'force-exclude' must be true or false", "force-exclude")
        values["force_exclude"] = config.table["force-exclude"]
    if "max-file-size" in config.table:
        values["max_file_size"] = _max_file_size(config)
    if "severity" in config.table:
        values["severity"] = _severities(config, known)
    if "per-file-ignores" in config.table:
        values["per_file_ignores"] = _per_file_ignores(config, known)
    if "options" in config.table:
        values["options"] = _options(config, known)
    if "year" in config.table:
        year = config.table["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise config.error("'year' must be a report year such as 2023", "year")
        values["year"] = year
    if "body" in config.table:
        if not isinstance(config.table["body"], str) or not config.table["body"].strip():
            raise config.error("'body' must be the name of the reporting body", "body")
        values["body"] = config.table["body"].strip()
    return values


def anchored_globs(globs: list[str], base: Path) -> list[str]:
    """Exclusion globs with a `/` inside anchored at `base` (absolute); others match names anywhere."""
    root = str(base.resolve()).replace(os.sep, "/")
    return [posixpath.normpath(f"{root}/{glob}") + ("/" if glob.endswith("/") else "")
            if "/" in glob.rstrip("/") else glob for glob in globs]


def _max_file_size(config: _ConfigFile) -> int:
    megabytes = config.table["max-file-size"]
    if not isinstance(megabytes, (int, float)) or isinstance(megabytes, bool) or megabytes <= 0:
        raise config.error("'max-file-size' must be a size in megabytes, such as 100", "max-file-size")
    return int(megabytes * 1024 * 1024)


def _severities(config: _ConfigFile, known: frozenset[str]) -> dict[str, Severity]:
    table = config.table["severity"]
    if not isinstance(table, dict):
        raise config.error("'severity' must be a table of CODE = \"error\" | \"warning\" | \"info\"", "severity")
    severities = {}
    for code, name in table.items():
        if code.upper() not in known:
            raise config.error(f"unknown rule code '{code}' in 'severity'", "severity", code)
        try:
            severities[code.upper()] = Severity.parse(str(name))
        except ValueError as error:
            raise config.error(f"{error} for '{code}'", "severity", code) from None
    return severities


def _options(config: _ConfigFile, known: frozenset[str]) -> dict[str, dict[str, Any]]:
    """`[options.CODE]` tables: each option checked against the rule's declared options."""
    from linter.engine import rule_by_code

    table = config.table["options"]
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise config.error("'options' must be a table of CODE = {option = value}", "options")
    options = {}
    for code, values in table.items():
        if code.upper() not in known:
            raise config.error(f"unknown rule code '{code}' in 'options'", "options", code)
        rule = rule_by_code(code)
        for name, value in values.items():
            error = rule.option_error(name, value) if rule else f"rule {code.upper()} has no options"
            if error:
                raise config.error(error, "options", code, name)
        options[code.upper()] = values
    return options


def _per_file_ignores(config: _ConfigFile, known: frozenset[str]) -> dict[str, list[str]]:
    table = config.table["per-file-ignores"]
    if not isinstance(table, dict):
        raise config.error("'per-file-ignores' must be a table of \"glob\" = [codes]", "per-file-ignores")
    ignores = {}
    base = str(config.path.parent.resolve()).replace(os.sep, "/")
    for glob, selectors in table.items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            raise config.error(f"'per-file-ignores' entry '{glob}' must be a list of codes", "per-file-ignores", glob)
        anchored = posixpath.normpath(f"{base}/{glob}") if "/" in glob else glob
        ignores[anchored] = _check_codes(config, selectors, known, "per-file-ignores", glob)
    return ignores


# --- loading, inheritance, overrides ----------------------------------------------------------------


KnownCodes = Callable[[Sequence[str], "str | None"], frozenset[str]]
"""Codes a configuration may name, given the packs in force and the directory they resolve from."""


def _load_chain(path: Path, known_codes: KnownCodes, seen: tuple[tuple[Path, int | None], ...] = ()) -> dict[str, Any]:
    """Values of `path` on top of those of the file it extends (recursively); `seen` holds the
    files extending it, each with the line of its `extend`."""
    path = path.resolve()
    chain = [p for p, _ in seen]
    if path in chain:
        loop = seen[chain.index(path):]
        steps = " → ".join(f"{p}:{line}" for p, line in loop)
        raise ConfigError(seen[-1][0], seen[-1][1], f"'extend' loops back to {path}: {steps} → {path}")
    config = _read(path) or _ConfigFile(path, "", {}, PYPROJECT_TABLE)
    base = _load_base(config, known_codes, seen)
    # Codes of local packs are known once the packs in force (this file's or inherited) are known.
    if "packs" in config.table:
        packs, pack_dir = _string_list(config, "packs"), str(path.parent)
    else:
        packs, pack_dir = base.get("packs", ()), base.get("config_dir")
    try:
        known = known_codes(packs, pack_dir)
    except UsageError as error:  # a pack that cannot be found
        raise config.error(str(error), "packs") from None
    return _merge(base, _validate(config, known))


def _load_base(config: _ConfigFile, known_codes: KnownCodes, seen: tuple[tuple[Path, int | None], ...]
               ) -> dict[str, Any]:
    """The values of the file `config` extends, if any."""
    extend = config.table.get("extend")
    if extend is None:
        return {}
    if not isinstance(extend, str):
        raise config.error("'extend' must be the path of another configuration file", "extend")
    base_path = config.path.parent / os.path.expanduser(extend)
    if not base_path.is_file():
        raise config.error(f"'extend' names a file that does not exist: {extend}", "extend")
    return _load_chain(base_path, known_codes, (*seen, (config.path, config.line_of("extend"))))


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **child}
    for key in ("extend_select", "extend_exclude"):
        merged[key] = base.get(key, []) + child.get(key, [])
    for key in ("severity", "per_file_ignores"):
        merged[key] = {**base.get(key, {}), **child.get(key, {})}
    base_options, child_options = base.get("options", {}), child.get("options", {})
    merged["options"] = {code: {**base_options.get(code, {}), **child_options.get(code, {})}
                         for code in (*base_options, *child_options)}
    return merged


def _apply(values: dict[str, Any], overrides: CliOverrides) -> dict[str, Any]:
    values = dict(values)
    if overrides.select is not None:
        values["select"], values["extend_select"] = overrides.select, []
    values["extend_select"] = values.get("extend_select", []) + overrides.extend_select
    values["ignore"] = values.get("ignore", []) + overrides.ignore
    if overrides.exclude is not None:
        values["exclude"] = anchored_globs(overrides.exclude, Path.cwd())
    values["extend_exclude"] = values.get("extend_exclude", []) + anchored_globs(overrides.extend_exclude, Path.cwd())
    values["force_exclude"] = values.get("force_exclude", False) or overrides.force_exclude
    return values


def parse_selectors(text: str, known: frozenset[str], flag: str) -> list[str]:
    """A comma-separated list of codes/prefixes from the command line, each checked."""
    selectors = [s.strip().upper() for s in text.split(",") if s.strip()]
    for selector in selectors:
        if not is_known_selector(selector, known):
            raise UsageError(f"unknown rule code or prefix {selector!r} in {flag} (see 'govlint rules')")
    return selectors


class SettingsResolver:
    """Settings for each checked file: its closest config (or --config, or none with --isolated)."""

    def __init__(self, known_codes: KnownCodes, overrides: CliOverrides | None = None,
                 config: str | None = None, isolated: bool = False) -> None:
        self._known_codes = known_codes
        self._overrides = overrides or CliOverrides()
        self._isolated = isolated
        self._explicit = Path(config) if config else None
        if self._explicit and not self._explicit.is_file():
            raise ConfigError(config, None, "configuration file not found")
        self._cache: dict[Path | None, Settings] = {}
        self._found: dict[Path, Path | None] = {}

    def config_for(self, path: str) -> Path | None:
        if self._isolated:
            return None
        if self._explicit:
            return self._explicit
        # realpath, not Path.resolve: a symlink loop must not raise (it is the file's read error)
        start = Path(os.path.realpath(path)).parent if path != "-" else Path.cwd().resolve()
        if start not in self._found:
            self._found[start] = find_config(start)
        return self._found[start]

    def for_path(self, path: str) -> Settings:
        config = self.config_for(path)
        if config not in self._cache:
            values = _load_chain(config, self._known_codes) if config else {}
            settings = Settings(**_apply(values, self._overrides))
            settings.config_path = str(config) if config else None
            settings.config_dir = settings.config_dir or (str(config.resolve().parent) if config else None)
            self._cache[config] = settings
        return self._cache[config]


def describe(settings: Settings) -> str:
    """`--show-settings`: the resolved settings, one `key = value` line each."""
    lines = [f"config = {settings.config_path or '(none)'}"]
    for key in ("select", "extend_select", "ignore", "packs", "year", "body", "config_dir", "exclude", "extend_exclude",
                "force_exclude", "max_file_size"):
        lines.append(f"{key.replace('_', '-')} = {getattr(settings, key)!r}")
    lines.append("severity = " + repr({code: str(level) for code, level in sorted(settings.severity.items())}))
    lines.append(f"per-file-ignores = {settings.per_file_ignores!r}")
    lines.append(f"options = {settings.options!r}")
    return "\n".join(lines)
