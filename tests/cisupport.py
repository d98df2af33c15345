"""Helpers for the CI-facing tests: a demo rule plugin and an in-process `govlint` runner."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from fixturetext import Fixture

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
"""The official OASIS SARIF 2.1.0 schema (errata 01)."""
GOOD = Fixture("某某镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常。\n")
BAD = GOOD + "表中有坏数据。\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None) -> Result:
    """Run `govlint ARGV` in this process (so the demo plugin's rules are seen)."""
    from linter.cli import main

    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def validate_sarif(log: dict) -> None:
    """Raise unless `log` is valid against the official SARIF 2.1.0 JSON schema."""
    import json

    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(log)
