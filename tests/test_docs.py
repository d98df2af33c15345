"""The user's documentation stays true: the rule table in docs/rules.md matches the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.codes import INTERNAL_CODES
from linter.engine import all_rules
from linter.packs import rule_catalogue
from linter.rules_api import Rule

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


@pytest.mark.parametrize("rule", rule_catalogue(), ids=lambda rule: rule.code)
def test_every_rule_has_a_kebab_name_a_summary_and_examples(rule: Rule) -> None:
    """Every code `govlint rules` lists (plugin and pack rules, internal codes): `govlint rule CODE`
    must be worth reading."""
    assert re.fullmatch(r"[A-Z]+\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert rule.summary != rule.name and len(rule.doc.splitlines()) > 2
    if rule.code not in INTERNAL_CODES:  # PLG/GL/PARSE report on the file, not on its wording
        assert "错误示例" in rule.doc and "正确示例" in rule.doc
