"""The clean fixture report gives none of the text rules' findings (except TPL005: no tables)."""

from __future__ import annotations

import re

import pytest
from rule_helpers import CLEAN, run_rule

from linter.engine import rule_by_code

TEXT_CODES = ["SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "TPL002", "DAT001", "DAT002",
              "DAT003", "DAT004", "DAT005", "FMT001", "FMT002", "DUP001", "DUP002", "SUM101", "SUM102"]


@pytest.mark.parametrize("code", TEXT_CODES)
def test_clean_report_gives_no_finding(code: str) -> None:
    assert run_rule(code, CLEAN) == []


@pytest.mark.parametrize("code", [*TEXT_CODES, "TPL005", "SUM201"])
def test_rule_is_registered_as_a_plugin_with_documentation(code: str) -> None:
    rule = rule_by_code(code)
    assert rule.plugin.startswith("linter.plugins.")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert "错误示例" in rule.doc and "正确示例" in rule.doc
    assert re.search(r"DOMAIN\.md|条例|通知", rule.doc), "the docs say why the rule matters"
