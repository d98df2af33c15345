"""Recognition never raises, whatever text it is given (hypothesis)."""

from __future__ import annotations

from conftest import FIXTURES, recognize_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "tables").iterdir())]
TABLE_ALPHABET = st.sampled_from(list("0123456789+-.| \t\n\u00a0\u3000一二三四（）()、."
                                      "规章总计其他行政复议第二十条项元万勾稽关系申请人情况"))
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(alphabet=TABLE_ALPHABET, max_size=400))
def test_random_table_like_text(text: str) -> None:
    recognize_text(text)


@FAST
@given(st.sampled_from(FIXTURE_TEXTS), st.integers(0, 20000), st.integers(0, 20000))
def test_truncated_fixtures(text: str, start: int, length: int) -> None:
    start %= len(text)
    recognize_text(text[start:start + length])


@FAST
@given(st.sampled_from(FIXTURE_TEXTS), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(
    ["", "\t", "\n", " 7 ", "\t\t", "|", "-4-", "（六）其他处理", "二、主动公开政府信息情况"])), max_size=12))
def test_mutated_fixtures(text: str, edits: list[tuple[int, str]]) -> None:
    lines = text.split("\n")
    for position, replacement in edits:
        index = position % len(lines)
        lines[index] = replacement if position % 2 else lines[index] + replacement
    recognize_text("\n".join(lines))
