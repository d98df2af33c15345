"""The guarded fixture edits every test relies on: an edit that misses fails instead of passing."""

from __future__ import annotations

import ast
from pathlib import Path

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


def _plain_text(node: ast.expr) -> bool:
    """A str that is no Fixture: a literal, an f-string, a file's read_text(), or a sum of them."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _plain_text(node.left) and _plain_text(node.right)
    return (isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr)
            or isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read_text")


def _plain_names(module: ast.Module) -> set[str]:
    """The names the module only ever assigns plain text to."""
    plain: dict[str, bool] = {}
    for node in ast.walk(module):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    plain[target.id] = plain.get(target.id, True) and _plain_text(node.value)
    return {name for name, only_plain in plain.items() if only_plain}


def test_no_test_edits_a_plain_text_unguarded() -> None:
    """A text a test builds and then edits with `replace` is a Fixture (or the edit could miss)."""
    unguarded = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"))
        names = _plain_names(module)
        unguarded += [f"{path.name}:{call.lineno}" for call in ast.walk(module)
                      if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                      and call.func.attr == "replace" and (_plain_text(call.func.value) or isinstance(
                          call.func.value, ast.Name) and call.func.value.id in names)]
    assert unguarded == []
