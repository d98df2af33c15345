"""`sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (upload-sarif).

Only the rules that ran are described (those enabled for a checked file, with its packs), each
with its docstring as help (no helpUri: govlint has no documentation site to point to); results
carry their level, region and a partial fingerprint that is unique within the file and survives
edits elsewhere in it (the baseline's fingerprint and the finding's rank among those that share
it); findings in PDF pages or DOCX cells also name that place as a logicalLocation, and related
places are relatedLocations. Artifact URIs are relative to the repository root (`--root`, else
the git work tree holding the working directory, else the working directory) and nothing in the
log names a path of this machine.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TextIO

from linter import __version__
from linter.diagnostics import Diagnostic, Severity
from linter.digests import sha256
from linter.formatters import Formatter, Output, dump_json
from linter.hookspecs import hookimpl

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rules_that_ran(output: Output) -> set[str]:
    """Codes of the rules enabled for at least one checked file (its packs' rules included)."""
    from linter.engine import all_rules
    from linter.packs import apply_packs

    codes: set[str] = set()
    settings_seen: list = []
    for result in output.results:
        settings = result.settings
        if settings is None or any(settings is seen for seen in settings_seen):
            continue
        settings_seen.append(settings)
        rules, _ = apply_packs(all_rules(), settings)
        codes.update(rule.code for rule in rules if settings.enabled(rule.code))
    return codes


def _rule_descriptors(output: Output, portable) -> list[dict]:
    from linter.packs import rule_catalogue

    ran = rules_that_ran(output)
    diagnostics = output.diagnostics
    descriptors = {
        rule.code: {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": portable(rule.summary)},
            "fullDescription": {"text": portable(rule.doc or rule.name)},
            "help": {"text": portable(rule.doc or rule.name)},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in rule_catalogue() if rule.code in ran
    }
    for d in diagnostics:  # rules of local packs are not in the catalogue
        descriptors.setdefault(d.code, {"id": d.code, "name": d.rule or d.code,
                                        "shortDescription": {"text": d.rule or d.code}})
    return list(descriptors.values())


def repository_root(root: str | None = None) -> Path:
    """`root` if given, else the git work tree around the working directory, else the working directory."""
    if root:
        return Path(root).resolve()
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


class _Paths:
    """Paths as the log writes them: relative to the repository root, never of this machine."""

    def __init__(self, root: Path) -> None:
        self.root = root
        import linter

        self.machine_prefixes = sorted({str(root), str(Path(linter.__file__).resolve().parent.parent),
                                        str(Path.home())}, key=len, reverse=True)

    def uri(self, path: str) -> str:
        from urllib.parse import quote

        relative = os.path.relpath(os.path.realpath(path), self.root) if path != "-" else path
        return quote(relative.replace(os.sep, "/"))

    def portable(self, text: str) -> str:
        """`text` with this machine's paths (repository, installed package, home) cut off."""
        for prefix in self.machine_prefixes:
            text = text.replace(prefix + os.sep, "").replace(prefix, ".")
        return text


def _region(loc) -> dict:
    return {"startLine": loc.line, "startColumn": loc.column,
            "endLine": loc.end_line, "endColumn": max(loc.end_column, loc.column)}


def _physical(paths: _Paths, path: str, loc) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": paths.uri(path), "uriBaseId": "%SRCROOT%"},
                                 "region": _region(loc)}}


def _location(paths: _Paths, d: Diagnostic) -> dict:
    loc = d.location
    location = _physical(paths, d.path, loc)
    if loc.page is not None or loc.logical is not None:
        name = loc.logical or f"page {loc.page}"
        qualified = f"page {loc.page}/{loc.logical}" if loc.page is not None and loc.logical else name
        location["logicalLocations"] = [{"name": name, "fullyQualifiedName": qualified, "kind": "element"}]
    return location


def _related(paths: _Paths, d: Diagnostic) -> list[dict]:
    related = []
    for number, place in enumerate(d.related_locations, 1):
        location = {"id": number, **_physical(paths, place.path or d.path, place.location)}
        if place.message:
            location["message"] = {"text": paths.portable(place.message)}
        related.append(location)
    return related


def partial_fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic, unique within its file: a digest of the code and the
    baseline fingerprint (line-independent), and which of the findings sharing those it is."""
    seen: Counter[tuple[str, str, str]] = Counter()
    fingerprints = []
    for d in diagnostics:
        key = (d.path, d.code, d.fingerprint or d.message)
        seen[key] += 1
        digest = sha256(f"{d.code}\0{key[2]}".encode()).hexdigest()[:32]
        fingerprints.append(f"{digest}:{seen[key]}")
    return fingerprints


def _result(paths: _Paths, d: Diagnostic, rule_index: int, fingerprint: str) -> dict:
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": paths.portable(d.message)},
        "locations": [_location(paths, d)],
        "partialFingerprints": {"govlintFingerprint/v2": fingerprint},
    }
    related = _related(paths, d)
    if related:
        result["relatedLocations"] = related
    return result


def sarif_log(output: Output) -> dict:
    paths = _Paths(repository_root(output.root))
    diagnostics = output.diagnostics
    rules = _rule_descriptors(output, paths.portable)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(paths, d, index[d.code], fingerprint)
               for d, fingerprint in zip(diagnostics, partial_fingerprints(diagnostics), strict=True)]
    errors = [paths.portable(r.error) for r in output.results if r.error]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the root of the repository checked"}}},
            "invocations": [{
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
            }],
            "results": results,
        }],
    }


def write_sarif(output: Output, stream: TextIO) -> None:
    dump_json(sarif_log(output), stream)


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("sarif", write_sarif, "SARIF 2.1.0 for GitHub code scanning")]
