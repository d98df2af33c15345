"""The pluggy hooks through which loaders, rules, formatters and packs are added.

Built-in plugins (linter.plugins.*, the text loader) register through the `govlint`
entry-point group exactly as a third party's distribution does.
"""

from __future__ import annotations

import pluggy

PROJECT = "govlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govlint_loaders() -> list:
    """Return `linter.loaders.Loader` objects: file extensions and a bytes → Document function."""


@hookspec
def govlint_rules() -> list:
    """Return `linter.rules_api.Rule` objects (made with the `@rule` decorator)."""


@hookspec
def govlint_formatters() -> list:
    """Return `linter.formatters.Formatter` objects: a name and a function writing diagnostics."""


@hookspec
def govlint_packs() -> list:
    """Return paths of YAML rule packs this plugin ships."""
