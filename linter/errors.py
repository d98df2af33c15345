"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""


class InputError(Exception):
    """A report file that cannot be read: binary, empty, unknown encoding, unsupported format."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class UsageError(Exception):
    """A bad command line, configuration or rule pack."""
