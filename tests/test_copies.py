"""Copy detection (CPY001–CPY004) on a generated province with planted copies of each kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from province import province

from linter.cli import main

CODES = ("CPY001", "CPY002", "CPY003", "CPY004")


def _check(capsys, *args: str) -> list[dict]:
    main(["check", "--format", "json", "--exit-zero", *args])
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("province")
    generated = province()
    generated.write(folder)
    return folder, generated


def test_planted_copies_are_found_with_recall_and_precision_of_095_per_kind(planted, capsys) -> None:
    folder, generated = planted
    findings = [f for f in _check(capsys, "--jobs", "1", str(folder)) if f["code"].startswith("CPY")]
    for code in CODES:
        found = {Path(f["path"]).relative_to(folder).as_posix() for f in findings if f["code"] == code}
        expected = generated.expected[code]
        hits = len(found & expected)
        assert hits >= 0.95 * len(expected), (code, sorted(expected - found))
        assert hits >= 0.95 * len(found), (code, sorted(found - expected))
