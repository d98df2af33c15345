"""`govlint rule` / `govlint rules` show the table rules' documentation (every rule's name, docs and
examples: tests/test_docs.py)."""

from __future__ import annotations

from linter.cli import main


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
