"""The text rules never crash, whatever the text (a crash would surface as PLG002)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rule_helpers import CLEAN, TEXT_CODES

from linter.engine import all_rules, run_rules
from linter.model import text_document
from linter.recognize import recognize
from linter.settings import Settings

PIECES = st.sampled_from([
    "2023", "年", "月", "日", "〔", "〕", "号", "其中", "件", "条", "，", "。", "\n", "镇", "人民政府", "《",
    "统计期限自", "至", "一、总体情况\n", "六、其他需要报告的事项\n", "1", "31", "0",
])


@settings(max_examples=60, deadline=None)
@given(start=st.integers(0, len(CLEAN)), length=st.integers(0, 400), noise=st.lists(PIECES, max_size=40))
def test_rules_survive_cut_and_noisy_reports(start: int, length: int, noise: list[str]) -> None:
    text = CLEAN[start:start + length] + "".join(noise) + CLEAN[:start]
    report = recognize(text_document("r.txt", text))
    diagnostics = run_rules(report, all_rules(), Settings(select=TEXT_CODES))
    assert [d.message for d in diagnostics if d.code == "PLG002"] == []
