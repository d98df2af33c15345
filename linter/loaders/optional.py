"""Importing an optional dependency (of a loader or an output format), with the extra to install when it is missing."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

from linter.errors import InputError, UsageError


def require(path: str, module: str, extra: str) -> ModuleType:
    """Import `module`, or stop with one line naming the `govlint[extra]` that provides it: inside
    a pre-commit hook (which sets PRE_COMMIT=1) the fix is the hook's additional_dependencies."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, missing_extra(module, extra, "reading this file")) from None


def require_extra(module: str, extra: str, purpose: str) -> ModuleType:
    """Like `require`, for what is not a file being read (an output format): a usage error."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(missing_extra(module, extra, purpose)) from None


def missing_extra(module: str, extra: str, purpose: str) -> str:
    """"reading this file needs the optional dependency 'docx': pip install 'govlint[docx]'"."""
    return f"{purpose} needs the optional dependency {module!r}: {install_hint(extra)}"


def install_hint(extra: str) -> str:
    if os.environ.get("PRE_COMMIT"):
        return f"add additional_dependencies: ['govlint[{extra}]'] to the govlint hook in .pre-commit-config.yaml"
    return f"pip install 'govlint[{extra}]'"
