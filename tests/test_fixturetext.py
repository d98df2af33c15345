"""The guarded fixture edits every test relies on: an edit that misses fails instead of passing."""

from __future__ import annotations

import pytest
from fixturetext import Fixture


def test_an_edit_must_find_its_text_exactly_once() -> None:
    text = Fixture("一、总体情况\n二、主动公开\n二、主动公开\n")
    assert text.replace("一、", "（一）") == "（一）总体情况\n二、主动公开\n二、主动公开\n"
    with pytest.raises(AssertionError, match="exactly once, found 0"):
        text.replace("三、", "四、")
    with pytest.raises(AssertionError, match="exactly once, found 2"):
        text.replace("二、", "三、")
    assert text.replace("二、", "三、", 1).count("三、") == 1
    with pytest.raises(AssertionError, match="at least 3 times, found 2"):
        text.replace("二、", "三、", 3)
    assert text.replace_all("二、", "三、").count("三、") == 2
    with pytest.raises(AssertionError, match="found none"):
        text.replace_all("三、", "四、")


def test_edits_and_concatenations_stay_guarded_slices_do_not() -> None:
    text = Fixture("甲乙")
    for derived in (text.replace("甲", "丙"), text.replace_all("乙", "丁"), text + "戊", "戊" + text):
        assert type(derived) is Fixture
    assert type(text[1:]) is str
