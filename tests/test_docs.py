"""The user's documentation stays true: the rule table in docs/rules.md matches the rules."""

from __future__ import annotations

import re
from pathlib import Path

from linter.engine import all_rules

DOCS = Path(__file__).resolve().parents[1] / "docs"
NATIONAL = re.compile(r"^(SEC|TPL|SUM|DAT|DUP|FMT)\d{3}$")


def _documented() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (DOCS / "rules.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 3 and NATIONAL.match(cells[0]):
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def test_every_national_rule_is_in_the_rule_table_with_its_name_and_severity() -> None:
    rules = {r.code: (r.name, str(r.severity)) for r in all_rules() if NATIONAL.match(r.code)}
    assert len(rules) == 30
    assert _documented() == rules
