"""The clean fixture report gives none of the text rules' findings (except TPL005: no tables)."""

from __future__ import annotations

import re

import pytest
from rule_helpers import CLEAN, TABLE_CODES, TABLE_PLUGINS, TEXT_CODES, codes_of, run_rule

from linter.engine import rule_by_code


@pytest.mark.parametrize("code", [code for code in TEXT_CODES if code != "TPL005"])  # the fixture has no tables
def test_clean_report_gives_no_finding(code: str) -> None:
    assert run_rule(code, CLEAN) == []


@pytest.mark.parametrize("code", TEXT_CODES)
def test_a_text_rules_documentation_says_why_it_matters(code: str) -> None:
    assert re.search(r"DOMAIN\.md|条例|通知", rule_by_code(code).doc)


def test_the_rule_families_are_derived_from_plugins_that_exist() -> None:
    assert all(codes_of(plugin) for plugin in TABLE_PLUGINS)
    assert TEXT_CODES and not set(TEXT_CODES) & set(TABLE_CODES)
