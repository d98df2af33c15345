"""Building the pluggy plugin manager from the `govlint` entry-point group.

A plugin that fails to import is recorded (and later reported as one diagnostic naming it)
instead of stopping the run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.metadata import entry_points

import pluggy

from linter import hookspecs


@dataclass(frozen=True)
class PluginFailure:
    plugin: str
    message: str


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
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    failures = []
    for entry in sorted(entry_points(group=hookspecs.PROJECT), key=lambda e: e.name):
        if manager.has_plugin(entry.name):
            continue
        try:
            manager.register(entry.load(), name=entry.name)
        except Exception as error:
            failures.append(PluginFailure(entry.name, f"{type(error).__name__}: {error}"))
    return Plugins(manager, failures)
