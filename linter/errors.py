"""Exit codes, and govlint's one exception hierarchy: every error it raises on purpose is a
`GovlintError`, and the command line catches that root: any of them ends a run with exit code 2
and its message (one line a problem), never a traceback. `FieldError` and `ExpressionError` are
caught where they arise and turned into a `DataFileError` with a place.

    GovlintError
    ├── UsageError            bad command line, configuration or rule pack
    │   └── ConfigError       a configuration file, with file:line (linter.config)
    ├── InputError            a report file that cannot be read
    │   └── UncheckableError  opens but holds nothing to check (PARSE001)
    ├── DataFileError         a template or pack file, with file:line:column (linter.yamlfile)
    ├── FieldError            a bad field of a pack rule (linter.packs.kinds); also a ValueError
    └── ExpressionError       an identity that cannot be read (linter.identities); also a ValueError
"""

from __future__ import annotations

from pathlib import Path

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
"""No finding at or above --fail-on; findings; a usage, configuration or input error."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT), as shells report 128 + the signal number."""


class GovlintError(Exception):
    """An error govlint raises on purpose (never a bug of its own)."""


class InputError(GovlintError):
    """A report file that cannot be read: binary, empty, unknown encoding, unsupported format."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class UsageError(GovlintError):
    """A bad command line, configuration or rule pack."""


class ConfigError(UsageError):
    """A configuration file that cannot be used; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


class UncheckableError(InputError):
    """A file that opens but holds nothing to check, such as a scanned PDF without a text layer.

    `govlint check` reports it as one diagnostic with `code` instead of stopping with exit 2:
    the file is not broken, it needs another step first (OCR).
    """

    def __init__(self, path: str, code: str, message: str) -> None:
        super().__init__(path, message)
        self.code = code
        self.message = message


class DataFileError(GovlintError):
    """A template or pack file that cannot be used: one or more problems, each naming file:line:column."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class FieldError(GovlintError, ValueError):
    """A bad value in field `field` of a pack rule."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ExpressionError(GovlintError, ValueError):
    """An identity expression of a template or pack that cannot be read."""
