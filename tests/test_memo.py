from __future__ import annotations

from linter.memo import REMEMBERED_TEXT, Memo, per_line


def test_a_line_is_computed_once_and_a_long_text_every_time() -> None:
    calls: list[str] = []

    @per_line
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    short, long = "一、总体情况", "字" * (REMEMBERED_TEXT + 1)
    results = [length(short), length(short), length(long), length(long)]
    assert results == [6, 6, REMEMBERED_TEXT + 1, REMEMBERED_TEXT + 1]
    assert calls == [short, long, long]


def test_a_memo_keeps_what_it_is_given_and_forgets_all_when_full() -> None:
    memo = Memo(2)
    assert memo.keep("表三", 1) == 1 and memo.keep("表四", 2) == 2
    assert dict(memo) == {"表三": 1, "表四": 2}
    assert memo.keep("表二", 3) == 3
    assert dict(memo) == {"表二": 3}
