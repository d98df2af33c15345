"""A report copied whole into many bodies' reports (the issue's 199 copies of one report): every
sentence becomes "standard" by frequency, and the copies are still found, as CPY003 only."""

from __future__ import annotations

import json
from pathlib import Path

from fixturetext import Fixture
from province import province

from linter.cli import main

_COPIES = 25


def test_a_report_copied_into_many_bodies_reports_is_a_near_duplicate_in_each(tmp_path, capsys) -> None:
    generated = province(seed=9, bodies=30, sites=3, planted=0)
    source = sorted(p for p in generated.reports if p.startswith("2023/"))[0]
    short = Path(source).stem.removesuffix("-2023")
    names = [f"{a}{b}镇" for a in "甲乙丙丁戊" for b in "一二三四五"][:_COPIES]
    for name in names:
        generated.reports[f"2023/{name}-2023.txt"] = Fixture(generated.reports[source]).replace_all(short, name)
    generated.write(tmp_path)
    main(["check", "--format", "json", "--exit-zero", "--select", "CPY", str(tmp_path)])
    findings = json.loads(capsys.readouterr().out)
    flagged = {Path(f["path"]).relative_to(tmp_path).as_posix() for f in findings if f["code"] == "CPY003"}
    assert flagged == {source, *(f"2023/{name}-2023.txt" for name in names)}
    assert {f["code"] for f in findings} == {"CPY003"}
    assert all("100%" in f["message"] for f in findings)
