"""The clean fixture report gives none of the text rules' findings (except TPL005: no tables)."""

from __future__ import annotations

import pytest
from rule_helpers import CLEAN, run_rule

TEXT_CODES = ["SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "TPL002", "DAT001", "DAT002",
              "DAT003", "DAT004", "DAT005", "FMT001", "FMT002", "DUP001", "DUP002", "SUM101", "SUM102"]


@pytest.mark.parametrize("code", TEXT_CODES)
def test_clean_report_gives_no_finding(code: str) -> None:
    assert run_rule(code, CLEAN) == []
