"""Importing a loader's optional dependency, with the extra to install when it is missing."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

from linter.errors import InputError


def require(path: str, module: str, extra: str) -> ModuleType:
    """Import `module`, or stop with one line naming the `govlint[extra]` that provides it: inside
    a pre-commit hook (which sets PRE_COMMIT=1) the fix is the hook's additional_dependencies."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, f"reading this file needs the optional dependency {module!r}: "
                               f"{install_hint(extra)}") from None


def install_hint(extra: str) -> str:
    if os.environ.get("PRE_COMMIT"):
        return f"add additional_dependencies: ['govlint[{extra}]'] to the govlint hook in .pre-commit-config.yaml"
    return f"pip install 'govlint[{extra}]'"
