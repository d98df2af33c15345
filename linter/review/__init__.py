"""The review copy: a copy of a Word report in which every finding is a Word comment.

`govlint review REPORT.docx` (and `govlint check --review-copy DIR`) check the report and
write `REPORT.审阅.docx`: each finding becomes a comment by "govlint" anchored on exactly the
text it is about (see `anchors`), saying the severity, the code and the message, the fix when
there is one, the rule's one-line summary and the place as the other outputs name it. A finding
with no place in the body (a missing section, a plugin that failed) is put on the title. The
original is read only; the copy replaces an existing one atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic
from linter.errors import InputError, UsageError
from linter.fileio import write_atomically
from linter.model import Location

if TYPE_CHECKING:
    from linter.engine import FileResult

AUTHOR = "govlint"
SUFFIX = ".审阅.docx"


def review_path(path: str, directory: str | None = None) -> str:
    """Where the review copy of `path` goes by default: beside it (or in `directory`), 报告.审阅.docx."""
    source = Path(path)
    return str(Path(directory or source.parent) / (source.stem + SUFFIX))


def comment_text(d: Diagnostic, summary: str) -> list[str]:
    """The comment's paragraphs: the finding, its fix, the rule's why, the place."""
    from linter.formatters import SEVERITY_LABELS

    lines = [f"【{SEVERITY_LABELS[d.severity]}】{d.code} {d.message}"]
    if d.fix:
        lines.append(f"建议修改：{d.fix.description}" if d.fix.description else f"建议修改为：{d.fix.replacement}")
    if summary:
        lines.append(f"规则说明：{summary}")
    place = d.location.logical or ""
    if place:
        lines.append(f"位置：{place}")
    return lines


def review_copy(path: str, data: bytes, title: Location | None, diagnostics: list[Diagnostic]) -> bytes:
    """The review copy of the .docx file `data` as bytes, one comment per diagnostic; findings
    with no place in the body go on the `title` (else on the first paragraph with text)."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from linter.loaders.docx import open_docx, paragraph_number, walk
    from linter.packs import rule_catalogue
    from linter.review.anchors import WordBody, runs_for

    document = open_docx(path, data)
    body = WordBody(list(walk(document)))
    fallback = paragraph_number(title.logical if title else None)
    fallback = fallback or next((n for n, p in sorted(body.paragraphs.items()) if p.text.strip()), None)
    summaries = {rule.code: rule.summary for rule in rule_catalogue()}
    for d in diagnostics:
        span = body.span(d.location, fallback)
        if span is None:
            continue
        first, last = runs_for(span)
        paragraph = Paragraph(span[0].paragraph.element, document._body)
        lines = comment_text(d, summaries.get(d.code, d.rule))
        comment = document.add_comment([Run(first, paragraph), Run(last, paragraph)], lines[0], AUTHOR, "GL")
        for line in lines[1:]:
            comment.add_paragraph(line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _require_docx(path: str) -> None:
    if Path(path).suffix.lower() != ".docx":
        raise InputError(path, "a review copy can only be made of a Word file (.docx); "
                               "for other formats use `govlint check`")


def write_review_copy(path: str, output: str, title: Location | None, diagnostics: list[Diagnostic]) -> None:
    """Read the .docx at `path`, write its review copy to `output` (atomically; never `path` itself)."""
    _require_docx(path)
    if os.path.exists(output) and os.path.samefile(path, output):
        raise UsageError(f"{output}: the review copy would overwrite the report itself")
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror or error}") from None
    copy = review_copy(path, data, title, diagnostics)
    try:
        write_atomically(output, copy)
    except OSError as error:
        raise UsageError(f"{output}: cannot write the review copy: {error.strerror or error}") from None


def run_review_command(args) -> int:
    """`govlint review REPORT.docx [-o OUT.docx]`: check the report, write its review copy;
    the exit code as `check` gives it (findings: 1)."""
    import sys

    from linter.checker import known_codes
    from linter.config import SettingsResolver
    from linter.errors import EXIT_CLEAN, EXIT_FINDINGS
    from linter.run import CheckRequest, run_check

    _require_docx(args.path)
    with run_check(CheckRequest([args.path]), SettingsResolver(known_codes, config=args.config).for_path) as run:
        result = run.results[0]
    if result.error:
        raise InputError(result.path, result.error.removeprefix(f"{result.path}: "))
    output = args.output or review_path(args.path)
    write_review_copy(args.path, output, title_location(result), result.diagnostics)
    print(f"govlint: {len(result.diagnostics)} finding(s) as comments in {output}", file=sys.stderr)
    return EXIT_FINDINGS if result.diagnostics else EXIT_CLEAN


def write_review_copies(results: Iterable[FileResult], directory: str) -> int:
    """`check --review-copy DIR`: a review copy in `directory` of each Word report checked, at
    its path relative to the working directory; how many were written."""
    from linter.formatters import relative_path

    written = 0
    for result in results:
        if result.error or Path(result.path).suffix.lower() != ".docx":
            continue
        relative = Path(relative_path(result.path))
        target = Path(directory) / (relative.parent if not relative.is_absolute() else "")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"{directory}: cannot create the folder: {error.strerror or error}") from None
        write_review_copy(result.path, review_path(result.path, str(target)), title_location(result),
                          result.diagnostics)
        written += 1
    return written


def title_location(result) -> Location | None:
    """Where the report's title is, for the findings with no place in the body."""
    return result.info.title_location if result.info else None
