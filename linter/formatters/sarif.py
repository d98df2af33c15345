"""`sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (upload-sarif).

Rules carry their docstring as help, results their level, region and a line-independent
partial fingerprint; findings in PDF pages or DOCX cells also name that place as a logicalLocation.
"""

from __future__ import annotations

from typing import TextIO

from linter import __version__
from linter.diagnostics import Diagnostic, Severity
from linter.formatters import Formatter, Output, dump_json, relative_path
from linter.hookspecs import hookimpl

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptors(diagnostics: list[Diagnostic]) -> list[dict]:
    from linter.packs import rule_catalogue

    descriptors = {
        rule.code: {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc or rule.name},
            "help": {"text": rule.doc or rule.name},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in rule_catalogue()
    }
    for d in diagnostics:  # engine diagnostics (PLG…) and rules of local packs are not in the catalogue
        descriptors.setdefault(d.code, {"id": d.code, "name": d.rule or d.code,
                                        "shortDescription": {"text": d.rule or d.code}})
    return list(descriptors.values())


def _location(d: Diagnostic) -> dict:
    from urllib.parse import quote

    loc = d.location
    location: dict = {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(relative_path(d.path)), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": loc.line, "startColumn": loc.column,
                       "endLine": loc.end_line, "endColumn": max(loc.end_column, loc.column)},
        }
    }
    if loc.page is not None or loc.logical is not None:
        name = loc.logical or f"page {loc.page}"
        qualified = f"page {loc.page}/{loc.logical}" if loc.page is not None and loc.logical else name
        location["logicalLocations"] = [{"name": name, "fullyQualifiedName": qualified, "kind": "element"}]
    return location


def sarif_log(output: Output) -> dict:
    diagnostics = output.diagnostics
    rules = _rule_descriptors(diagnostics)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [_location(d)],
            "partialFingerprints": {"govlintFingerprint/v1": d.fingerprint or ""},
        }
        for d in diagnostics
    ]
    errors = [r.error for r in output.results if r.error]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/govlint/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the working directory of the run"}}},
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
