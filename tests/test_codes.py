"""The internal codes (linter/codes.py) and the exception hierarchy (linter/errors.py)."""

from __future__ import annotations

import pytest

from linter import errors
from linter.checker import known_codes
from linter.codes import INTERNAL_CODES
from linter.engine import all_rules


def test_every_internal_code_is_known_and_a_registered_one_is_documented_by_the_table() -> None:
    assert set(INTERNAL_CODES) <= known_codes()
    registered = {rule.code: rule for rule in all_rules() if rule.code in INTERNAL_CODES}
    assert set(registered) == {"GL001", "PARSE001", "PARSE002", "PARSE003"}
    for code, rule in registered.items():
        entry = INTERNAL_CODES[code]
        assert (rule.name, rule.severity, rule.doc) == (entry.name, entry.severity, entry.doc)
    assert all(entry.doc.splitlines()[0].endswith("。") for entry in INTERNAL_CODES.values())


@pytest.mark.parametrize(("module", "name"), [
    ("linter.config", "ConfigError"), ("linter.yamlfile", "DataFileError"), ("linter.identities", "ExpressionError"),
    ("linter.packs.kinds", "FieldError"), ("linter.errors", "InputError"), ("linter.errors", "UsageError"),
    ("linter.errors", "UncheckableError"),
])
def test_every_exception_is_a_govlint_error_importable_where_it_was(module: str, name: str) -> None:
    import importlib

    error = getattr(importlib.import_module(module), name)
    assert error is getattr(errors, name)
    assert issubclass(error, errors.GovlintError)


@pytest.mark.parametrize("code", sorted(INTERNAL_CODES))
def test_govlint_rule_explains_every_internal_code_from_the_table(code: str, capsys) -> None:
    from linter.cli import main

    entry = INTERNAL_CODES[code]
    assert main(["rule", code]) == 0
    assert capsys.readouterr().out == f"{code} {entry.name} [{entry.severity}] ({entry.plugin})\n\n{entry.doc}\n"
    main(["rules"])
    [listed] = [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{code} ")]
    assert listed.split()[1:3] == [entry.name, str(entry.severity)] and listed.endswith(entry.summary)


def test_the_plugin_named_for_a_registered_internal_code_is_the_one_that_registers_it() -> None:
    for rule in all_rules():
        if rule.code in INTERNAL_CODES:
            assert INTERNAL_CODES[rule.code].plugin == rule.plugin


def _exception_classes() -> list[type]:
    """Every exception class defined in govlint's own modules (linter/, plugins/)."""
    import ast
    import importlib
    from pathlib import Path

    root = Path(errors.__file__).resolve().parents[1]
    found = []
    for path in sorted([*(root / "linter").rglob("*.py"), *(root / "plugins").rglob("*.py")]):
        names = [node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.ClassDef)]
        if names:
            module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
            found += [c for c in (getattr(module, n, None) for n in names)
                      if isinstance(c, type) and issubclass(c, BaseException)]
    return found


def test_every_exception_govlint_defines_is_in_the_one_hierarchy() -> None:
    classes = _exception_classes()
    assert {c.__name__ for c in classes} >= {"UsageError", "InputError", "DataFileError", "FieldError"}
    assert [c for c in classes if not issubclass(c, errors.GovlintError)] == []


def test_any_govlint_error_reaching_the_command_line_is_one_line_and_exit_2(monkeypatch, capsys) -> None:
    from linter import cli

    def broken(args) -> int:
        raise errors.ExpressionError("表三:一:总计 = ?: cannot read the identity")

    monkeypatch.setattr(cli, "cmd_rules", broken)
    assert cli.main(["rules"]) == errors.EXIT_ERROR
    assert capsys.readouterr().err == "govlint: 表三:一:总计 = ?: cannot read the identity\n"
