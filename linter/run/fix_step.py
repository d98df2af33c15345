"""The --fix/--diff step of one file: apply its findings' fixes to the file (atomically, by
`linter.fixes.write_fixed`) and check it again, or only show them as a unified diff."""

from __future__ import annotations

import dataclasses

from linter.checker import check_file
from linter.engine import FileResult
from linter.errors import InputError
from linter.run.results import CheckRequest, FileOutcome
from linter.settings import Settings


def fix(result: FileResult, request: CheckRequest, settings: Settings) -> FileOutcome:
    """Apply (or with --diff only show) the result's fixes; the outcome holds the result after fixing."""
    from linter.fixes import fixed_text, unified_diff, write_fixed

    document = result.report.document
    fixed = fixed_text(document, [d.fix for d in result.diagnostics if d.fix])
    if fixed is None:
        return FileOutcome(result)
    text, count = fixed
    if request.diff:
        return FileOutcome(result, diff=unified_diff(document.path, document.source_text or "", text))
    try:
        write_fixed(document, text)
    except InputError as error:
        return FileOutcome(dataclasses.replace(result, error=str(error)))
    return FileOutcome(check_file(result.path, settings), fixed=count)
