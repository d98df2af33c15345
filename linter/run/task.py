"""Checking one discovered file for the run: read it (or standard input), check it, tell a
non-report apart, and fix it with --fix/--diff. This is what a worker process runs per file.

Any exception while one file is read, recognised or checked becomes that file's error (one line
naming the file); the run goes on. Belongs here too: a cached result taking the place of
checking (helper `province`)."""

from __future__ import annotations

import gc
from pathlib import Path

from linter.checker import check_file
from linter.engine import FileResult
from linter.run.discovery import STDIN, is_report, settings_name
from linter.run.fix_step import fix
from linter.run.payload import compact
from linter.run.results import CheckRequest, FileOutcome
from linter.settings import Settings


def check_task(path: str, named: bool, settings: Settings, request: CheckRequest) -> FileOutcome:
    """Check one discovered file and apply (or show) its fixes; runs in a worker with --jobs.

    With automatic garbage collection off (see `linter.run.pool.collection_paused`), the
    reference cycles the file left are collected here, among the youngest objects only: reading
    a PDF leaves tens of thousands, checking a text file none.

    The outcome is compacted (`linter.run.payload`): what crosses to the main process is small."""
    try:
        return compact(_check_path(path, named, settings, request), request)
    except Exception as error:  # one file's failure is that file's error; the run goes on
        return FileOutcome(FileResult(path, error=internal_error(path, error)))
    finally:
        gc.collect(0)


def internal_error(path: str, error: BaseException) -> str:
    """The one line that names a file whose check failed inside govlint, and how."""
    reason = str(error)[:200] or type(error).__name__
    return f"{path}: govlint failed on this file ({type(error).__name__}: {reason}); please report it"


def _check_path(path: str, named: bool, settings: Settings, request: CheckRequest) -> FileOutcome:
    if path == STDIN:
        name = settings_name(path, request.stdin_filename)
        result = check_file(name, settings, data=request.stdin or b"", extension=Path(name).suffix or ".txt")
    else:
        result = check_file(path, settings)
    if not named and result.report and not is_report(result.report):
        return FileOutcome(result, is_report=False)
    if result.report and (request.fix or request.diff):
        return fix(result, request, settings)
    return FileOutcome(result)
