"""Importing a loader's optional dependency, with the extra to install when it is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from linter.errors import InputError


def require(path: str, module: str, extra: str) -> ModuleType:
    """Import `module`, or stop with one line naming the `govlint[extra]` that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(
            path, f"reading this file needs the optional dependency {module!r}: pip install 'govlint[{extra}]'"
        ) from None
