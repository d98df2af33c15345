"""Exit codes, and the errors that end a run with exit code 2 and a one-line message (never a traceback)."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
"""No finding at or above --fail-on; findings; a usage, configuration or input error."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT), as shells report 128 + the signal number."""


class InputError(Exception):
    """A report file that cannot be read: binary, empty, unknown encoding, unsupported format."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class UsageError(Exception):
    """A bad command line, configuration or rule pack."""


class UncheckableError(InputError):
    """A file that opens but holds nothing to check, such as a scanned PDF without a text layer.

    `govlint check` reports it as one diagnostic with `code` instead of stopping with exit 2:
    the file is not broken, it needs another step first (OCR).
    """

    def __init__(self, path: str, code: str, message: str) -> None:
        super().__init__(path, message)
        self.code = code
        self.message = message
