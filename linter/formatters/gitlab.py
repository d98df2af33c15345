"""`gitlab`: a GitLab Code Quality report (artifacts:reports:codequality).

Fingerprints are unique and line-independent: path, code and the finding's own fingerprint,
with an occurrence number for identical findings, so GitLab tracks an issue across edits.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TextIO

from linter.diagnostics import Severity
from linter.formatters import Formatter, Output, dump_json, relative_path
from linter.hookspecs import hookimpl

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def code_quality(output: Output) -> list[dict]:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for d in output.diagnostics:
        path = relative_path(d.path)
        key = (path, d.code, d.fingerprint or d.message)
        seen[key] += 1
        fingerprint = hashlib.md5("\0".join((*key, str(seen[key]))).encode(), usedforsecurity=False).hexdigest()
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style" if d.severity is Severity.INFO else "Bug Risk"],
            "severity": _SEVERITY[d.severity],
            "fingerprint": fingerprint,
            "location": {"path": path, "lines": {"begin": d.location.line, "end": d.location.end_line}},
        })
    return issues


def write_gitlab(output: Output, stream: TextIO) -> None:
    dump_json(code_quality(output), stream)


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("gitlab", write_gitlab, "GitLab Code Quality JSON")]
