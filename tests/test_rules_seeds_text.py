"""The shared sample reports give the text rules' codes at the lines EXPECTED.md names, and nothing else
(skipped when /work/shared is not there)."""

from __future__ import annotations

import pytest
from conftest import SHARED
from rule_helpers import TEXT_CODES

from linter.checker import check_file
from linter.settings import Settings

EXPECTED = {
    "seeds/000_e0cb1f6d5af6b941.txt": {("FMT002", 11)},
    "seeds/001_308445025e9d4f28.txt": {("FMT001", 3), ("FMT002", 12), ("DAT001", 12), ("DAT001", 477),
                                       ("FMT001", 481)},
    # 纸房镇, named six times: one DUP002 at the first mention, the others its related locations.
    "seeds/002_c09c82378b8e7991.txt": {("SEC003", 7), ("DUP001", 33), ("DUP002", 13)},
    "seeds/003_784c0a59c657e553.txt": {("FMT001", 1), ("FMT001", 6), ("SEC004", 607), ("FMT001", 611)},
    "seeds/004_d1d250c2011c14d6.txt": {("SEC005", 3), ("SEC003", 25), ("SEC006", 47), ("SEC006", 79),
                                       ("SEC006", 86), ("SEC006", 90), ("SUM102", 19), ("SUM201", 21)},
    "reports/huaian-2024.txt": set(),
    "reports/hongze-2023.txt": set(),
    "reports/hongze-2024.txt": set(),
}


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared samples not available")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_gives_the_expected_text_findings(name: str) -> None:
    result = check_file(str(SHARED / name), Settings(select=TEXT_CODES))
    assert result.error is None
    assert {(d.code, d.location.line) for d in result.diagnostics} == EXPECTED[name]
