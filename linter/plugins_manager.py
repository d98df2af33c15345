"""Building the pluggy plugin manager from the `govlint` entry-point group.

The entry points of every installed distribution, govlint's own included, are found by reading
the `entry_points.txt` files in the directories of `sys.path` (a fraction of the cost of
importlib.metadata). Each plugin is imported and registered, except govlint's own loaders and
formatters: those are listed in `BUILTINS` (a test keeps the table true to pyproject.toml and
to what each module returns) and imported only when a file of their type is read or their
format written.

A plugin that fails to import, or that implements a hook govlint does not have (a misspelled
`govlint_rule`, found by pluggy's `check_pending`), is recorded (and later reported as one PLG001
diagnostic naming it) instead of stopping the run.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import pluggy

from linter import hookspecs


class Builtin(NamedTuple):
    """A built-in loader or formatter plugin: its module, and what it returns, named here so
    that it is known without importing the module."""

    module: str
    loaders: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    """(name, extensions, extra) of each `Loader` its `govlint_loaders` returns."""
    formatters: tuple[tuple[str, str] | tuple[str, str, dict[str, Any]], ...] = ()
    """(name, description) of each `Formatter` its `govlint_formatters` returns, and its other
    fields where they are not the defaults (`binary`, `needs`, `report_views`: known before the module is
    imported)."""


BUILTINS: dict[str, Builtin] = {
    "text-loader": Builtin("linter.loaders.text", loaders=(("text", (".txt", ".text", ".md", ".markdown"), ""),)),
    "html-loader": Builtin("linter.loaders.html", loaders=(("html", (".html", ".htm"), ""),)),
    "docx-loader": Builtin("linter.loaders.docx", loaders=(("docx", (".docx",), "docx"),)),
    "pdf-loader": Builtin("linter.loaders.pdf", loaders=(("pdf", (".pdf",), "pdf"),)),
    "formatter-full": Builtin("linter.formatters.full",
                              formatters=(("full", "findings with source line and caret (default)"),)),
    "formatter-concise": Builtin("linter.formatters.concise", formatters=(("concise", "path:line:col: CODE message"),)),
    "formatter-json": Builtin("linter.formatters.json", formatters=(
        ("json", "a JSON array of findings"), ("jsonl", "one JSON object per finding and line"))),
    "formatter-github": Builtin("linter.formatters.github",
                                formatters=(("github", "GitHub Actions annotations (::error file=…::)"),)),
    "formatter-gitlab": Builtin("linter.formatters.gitlab", formatters=(("gitlab", "GitLab Code Quality JSON"),)),
    "formatter-junit": Builtin("linter.formatters.junit", formatters=(("junit", "JUnit XML for CI test reports"),)),
    "formatter-sarif": Builtin("linter.formatters.sarif",
                               formatters=(("sarif", "SARIF 2.1.0 for GitHub code scanning"),)),
    "formatter-html": Builtin("linter.formatters.html",
                              formatters=(("html", "one self-contained HTML page for supervisors",
                                           {"report_views": True}),)),
    "formatter-csv": Builtin("linter.formatters.csv",
                             formatters=(("csv", "a table of findings for Excel/WPS (UTF-8 with BOM)"),)),
    "formatter-xlsx": Builtin("linter.formatters.xlsx", formatters=(
        ("xlsx", "an Excel workbook: findings, reports and codes (govlint[xlsx])",
         {"binary": True, "needs": ("xlsxwriter", "xlsx")}),)),
}
_DISTRIBUTION = "govlint"


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not be loaded, or that implements a hook govlint does not have (PLG001)."""

    plugin: str
    message: str
    hook: str = ""
    """The unknown hook a plugin implements (the plugin itself loaded), or "" when it failed to load."""

    def describe(self) -> str:
        """The PLG001 message."""
        if self.hook:
            return f"插件 {self.plugin} 实现了不存在的钩子 {self.hook}，未被调用：{self.message}"
        return f"插件 {self.plugin} 无法加载，其规则未运行：{self.message}"


@dataclass
class Plugins:
    """The registered plugins, and those that could not be loaded or name an unknown hook."""

    manager: pluggy.PluginManager
    failures: list[PluginFailure]

    def collect(self, hook_name: str) -> list:
        """Flatten what every plugin returns from `hook_name`, recording plugins that raise."""
        return [item for _, item in self.collect_named(hook_name)]

    def collect_named(self, hook_name: str) -> list[tuple[str, object]]:
        """Like `collect`, each item paired with the name of the plugin that returned it; the
        built-in loaders and formatters (not imported) among them, in the order of the names."""
        hook = getattr(self.manager.hook, hook_name)
        items = []
        for impl in hook.get_hookimpls():
            try:
                items.extend((impl.plugin_name, item) for item in impl.function() or ())
            except Exception as error:  # a third party's bug must not stop the others
                if all(f.plugin != impl.plugin_name for f in self.failures):  # one report per plugin
                    self.failures.append(PluginFailure(impl.plugin_name, f"{type(error).__name__}: {error}"))
        if hook_name == "govlint_loaders":
            items.extend((name, _lazy_loader(builtin.module, *loader))
                         for name, builtin in BUILTINS.items() for loader in builtin.loaders)
        elif hook_name == "govlint_formatters":
            items.extend((name, _lazy_formatter(builtin.module, *formatter))
                         for name, builtin in BUILTINS.items() for formatter in builtin.formatters)
        return sorted(items, key=lambda item: item[0])


def _lazy_loader(module: str, name: str, extensions: tuple[str, ...], extra: str):
    from linter.loaders import Loader

    @functools.cache
    def imported() -> Callable:
        return next(loader for loader in importlib.import_module(module).govlint_loaders() if loader.name == name).load

    def load(path: str, data: bytes):
        return imported()(path, data)

    return Loader(name, extensions, load, extra)


def _lazy_formatter(module: str, name: str, description: str, fields: dict[str, Any] | None = None):
    from linter.formatters import Formatter

    def write(output, stream) -> None:
        formatter = next(f for f in importlib.import_module(module).govlint_formatters() if f.name == name)
        formatter.write(output, stream)

    return Formatter(name, write, description, **(fields or {}))


@functools.cache
def plugins() -> Plugins:
    return load_plugins((name, value) for name, value, distribution in entry_points()
                        if not (distribution == _DISTRIBUTION and name in BUILTINS))


def load_plugins(entries: Iterable[tuple[str, str]]) -> Plugins:
    """Register the plugins named by `entries` ((name, entry-point value); the first of a name
    wins), then check with pluggy's `check_pending` that every hook they implement is govlint's."""
    manager = _Manager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    failures = []
    for name, value in sorted(entries):
        if manager.has_plugin(name):
            continue
        try:
            manager.register(_load(value), name=name)
        except Exception as error:
            failures.append(PluginFailure(name, f"{type(error).__name__}: {error}"))
    try:
        manager.check_pending()
    except pluggy.PluginValidationError:  # it names the first only: find each
        failures.extend(_unknown_hooks(manager))
    return Plugins(manager, failures)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, finding the hook implementations of a module plugin in its namespace.

    pluggy looks at every name of a plugin with `inspect.getattr_static`, so that a property is
    never run; a module's names are plain values, and the 500 names of the built-in rule modules
    cost a one-file run several milliseconds that way. The result is pluggy's: functions carrying
    the `govlint_impl` marker; staticmethods and the like are left to pluggy."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> dict | None:
        if type(plugin) is types.ModuleType:
            value = vars(plugin).get(name)
            if type(value) is types.FunctionType:
                options = getattr(value, f"{self.project_name}_impl", None)
                return options if isinstance(options, dict) else None
            if not isinstance(value, (staticmethod, classmethod, types.MethodType)):
                return None
        return super().parse_hookimpl_opts(plugin, name)


def _unknown_hooks(manager: pluggy.PluginManager) -> list[PluginFailure]:
    import difflib  # only for a did-you-mean hint

    specs = [name for name in vars(hookspecs) if name.startswith(f"{hookspecs.PROJECT}_")]
    failures = []
    for name, caller in sorted(vars(manager.hook).items()):
        if name.startswith("_") or caller.has_spec():
            continue
        hint = difflib.get_close_matches(name, specs, n=1)
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                where = f"{inspect.getsourcefile(impl.function)}:{impl.function.__code__.co_firstlineno}"
                failures.append(PluginFailure(impl.plugin_name, f"{where}: govlint has no hook {name!r}"
                                              + (f" (did you mean {hint[0]!r}?)" if hint else ""), hook=name))
    return failures


def _load(value: str) -> object:
    """What an entry point's value (`module` or `module:attribute`, maybe with `[extras]`) names."""
    module, _, attribute = value.split("[")[0].partition(":")
    target = importlib.import_module(module.strip())
    for part in attribute.strip().split(".") if attribute.strip() else ():
        target = getattr(target, part)
    return target


def entry_points() -> list[tuple[str, str, str]]:
    """(name, value, normalised distribution name) of the `govlint` entry points of the installed
    distributions, the first distribution of a name on `sys.path` counting, as in importlib.metadata
    (which is used when `sys.path` holds a zip archive)."""
    if any(os.path.isfile(entry) for entry in sys.path):
        from importlib.metadata import entry_points

        return [(e.name, e.value, _normalised(e.dist.name) if e.dist else "")
                for e in entry_points(group=hookspecs.PROJECT)]
    seen: set[str] = set()
    found: list[tuple[str, str, str]] = []
    for directory in sys.path:
        for distribution, text in _entry_point_files(directory or "."):
            if distribution not in seen:
                seen.add(distribution)
                found.extend((name, value, distribution) for name, value in _group(text, hookspecs.PROJECT))
    return found


def _entry_point_files(directory: str) -> Iterator[tuple[str, str]]:
    """(normalised distribution name, entry_points.txt text or "") of each distribution in `directory`."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.endswith((".dist-info", ".egg-info")):
            try:
                with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                text = ""
            yield _normalised(name.rsplit(".", 1)[0].split("-")[0]), text


def _group(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The `name = value` lines of `[group]` in an entry_points.txt."""
    section = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == group and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _normalised(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")
