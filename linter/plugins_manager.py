"""Building the pluggy plugin manager from the `govlint` entry-point group.

A plugin that fails to import, or that implements a hook govlint does not have (a misspelled
`govlint_rule`, found by pluggy's `check_pending`), is recorded (and later reported as one PLG001
diagnostic naming it) instead of stopping the run.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

import pluggy

from linter import hookspecs


@dataclass(frozen=True)
class PluginFailure:
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
    manager: pluggy.PluginManager
    failures: list[PluginFailure]

    def collect(self, hook_name: str) -> list:
        """Flatten what every plugin returns from `hook_name`, recording plugins that raise."""
        return [item for _, item in self.collect_named(hook_name)]

    def collect_named(self, hook_name: str) -> list[tuple[str, object]]:
        """Like `collect`, each item paired with the name of the plugin that returned it."""
        hook = getattr(self.manager.hook, hook_name)
        items = []
        for impl in hook.get_hookimpls():
            try:
                items.extend((impl.plugin_name, item) for item in impl.function() or ())
            except Exception as error:  # a third party's bug must not stop the others
                if all(f.plugin != impl.plugin_name for f in self.failures):  # one report per plugin
                    self.failures.append(PluginFailure(impl.plugin_name, f"{type(error).__name__}: {error}"))
        return items


@functools.cache
def plugins() -> Plugins:
    return load_plugins(entry_points(group=hookspecs.PROJECT))


def load_plugins(entries: Iterable[EntryPoint]) -> Plugins:
    """Register the plugins of `entries` (by name, the first of a name wins), then check that every
    hook they implement is one of govlint's."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    failures = []
    for entry in sorted(entries, key=lambda e: e.name):
        if manager.has_plugin(entry.name):
            continue
        try:
            manager.register(entry.load(), name=entry.name)
        except Exception as error:
            failures.append(PluginFailure(entry.name, f"{type(error).__name__}: {error}"))
    try:
        manager.check_pending()
    except pluggy.PluginValidationError:  # it names the first only: find each
        failures.extend(_unknown_hooks(manager))
    return Plugins(manager, failures)


def _unknown_hooks(manager: pluggy.PluginManager) -> list[PluginFailure]:
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
