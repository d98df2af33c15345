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
