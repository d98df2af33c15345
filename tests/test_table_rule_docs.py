"""The table rules are registered through entry points and documented for `govlint rule` / `govlint rules`."""

from __future__ import annotations

import re

import pytest

from linter.cli import main
from linter.engine import rule_by_code

TABLE_CODES = ["SUM001", "SUM002", "SUM003", "SUM004", "SUM005", "SUM006", "TPL001", "TPL003", "TPL004", "TPL006"]


@pytest.mark.parametrize("code", TABLE_CODES)
def test_rule_is_registered_with_a_kebab_name_and_examples(code: str) -> None:
    rule = rule_by_code(code)
    assert rule is not None
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
    assert "错误示例" in rule.doc and "正确示例" in rule.doc


def test_rule_command_shows_name_severity_plugin_options_and_docs(capsys) -> None:
    assert main(["rule", "tpl006"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("TPL006 rules-by-body-without-power [warning] (linter.plugins.template)\n"
                          '  option body_kinds = ["town", "county", "district", "department"]  (a list of values '
                          "among 'town', 'department', 'province', 'city', 'district', 'county')\n\n")
    assert "立法法" in out


def test_rules_command_lists_each_code_with_its_summary(capsys) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    sum004 = next(line for line in lines if line.startswith("SUM004"))
    assert "review-total-mismatch" in sum004 and "error" in sum004 and "表四" in sum004
