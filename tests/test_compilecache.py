"""Regular expressions and dataclass methods compiled once and kept between runs of the command:
the same objects, served from the store on the next run, a foreign or broken store ignored, `re`
and `dataclasses` untouched outside."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys

import pytest

from linter import compilecache
from linter.compilecache import remembered, store_path

needs_re_compiler = pytest.mark.skipif(compilecache._compiler is None, reason="Python 3.10 compiles patterns as usual")

PATTERNS = [
    (r"(?<=[一-鿿])([［﹝\[【(（〔])\s*((?:19|20)\d{2})\s*([］﹞\]】)）〕])", 0),
    (r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:(?P<d>\d{1,2})日)?", 0),
    (r"[\u3400-\u9fff]+|[a-zé]+", re.IGNORECASE),
    (r"^ \s* (?P<num>[一二三四五六]) \s* [、.]  # a section number", re.VERBOSE | re.MULTILINE),
    (rb"[\x80-\xff]{2,}", 0),
]


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path))
    re.purge()
    yield store_path()
    re.purge()


def _fresh(pattern, flags) -> re.Pattern:
    return compilecache._compile_pattern(pattern, flags)


@needs_re_compiler
def test_a_stored_pattern_is_the_pattern_compiled_afresh(store, monkeypatch) -> None:
    with remembered():
        first = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert store.is_file()
    re.purge()
    monkeypatch.setattr(compilecache, "compiled_pattern", lambda *args: pytest.fail(f"compiled again: {args}"))
    with remembered():
        again = [re.compile(pattern, flags) for pattern, flags in PATTERNS[:3]]
    fresh = [_fresh(pattern, flags) for pattern, flags in PATTERNS]
    assert first == fresh and again == fresh[:3]  # Pattern equality compares the compiled code
    assert again[1].groupindex == {"y": 1, "m": 2, "d": 3}
    assert again[0].sub(r"〔\2〕", "国办公开办函[2019]60号") == "国办公开办函〔2019〕60号"


def _point_class():
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    return Point


def test_dataclass_methods_from_the_store_are_the_methods_compiled_afresh(store, monkeypatch) -> None:
    fresh = _point_class()
    with remembered():
        _point_class()
    monkeypatch.setattr(compilecache, "compiled_method", lambda source: pytest.fail(f"compiled again: {source}"))
    with remembered():
        stored = _point_class()
    for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
        assert getattr(stored, name).__code__.co_code == getattr(fresh, name).__code__.co_code, name
    assert stored.__init__.__annotations__ == fresh.__init__.__annotations__  # no __future__ flag leaked in
    point = stored(1)
    assert repr(point).endswith("Point(x=1, y=0, tags=())") and point < stored(2) and point == stored(1, 0, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2


def test_re_and_dataclasses_are_left_as_they_were_after_the_block_even_after_an_error(store) -> None:
    with pytest.raises(ZeroDivisionError), remembered():
        assert "exec" in vars(dataclasses)
        1 / 0  # noqa: B018
    assert "exec" not in vars(dataclasses)
    if compilecache._compiler is not None:
        assert re._compiler.compile is compilecache._compile_pattern


@needs_re_compiler
def test_a_broken_store_means_compiling_as_usual(store) -> None:
    store.write_bytes(b"not a marshal file")
    pattern, flags = PATTERNS[0]
    with remembered():
        assert re.compile(pattern, flags) == _fresh(pattern, flags)
    assert (pattern, flags) in marshal.loads(store.read_bytes())[1]


@needs_re_compiler
def test_code_stored_by_another_python_is_never_used(store) -> None:
    pattern, flags = PATTERNS[0]
    foreign = (1, b"\0\0\0\0", 0, {}, ())  # code the engine would reject
    text = "def f():\n return 1\n"
    store.write_bytes(marshal.dumps((("another python",), {(pattern, flags): foreign},
                                     {text: compile("raise SystemExit", "<string>", "exec")})))
    with remembered():
        assert re.compile(pattern, flags) == _fresh(pattern, flags)
        namespace = {}
        dataclasses.exec(text, {}, namespace)
        assert namespace["f"]() == 1
    build, patterns, code = marshal.loads(store.read_bytes())
    assert build == compilecache._BUILD and patterns[(pattern, flags)] != foreign


SCRIPT = """
import sys
from linter import compilecache
from linter.cli import main
patterns, methods = [], []
compile_pattern, compile_method = compilecache.compiled_pattern, compilecache.compiled_method
compilecache.compiled_pattern = lambda pattern, flags: patterns.append(pattern) or compile_pattern(pattern, flags)
compilecache.compiled_method = lambda source: methods.append(source) or compile_method(source)
main(['check', '--format', 'concise', '--exit-zero', sys.argv[1]])
print(sum(1 for p in patterns if isinstance(p, str) and '一' in p), len(methods), file=sys.stderr)
"""


def test_a_second_run_of_the_command_compiles_no_cjk_pattern_and_no_dataclass_method(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("某某县人民政府\n2022年政府信息公开工作年度报告\n\n一、总体情况\n", encoding="utf-8")
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache"), "GOVLINT_NO_CACHE": "1"}

    def compiled() -> tuple[int, int]:
        """CJK patterns and dataclass methods the run compiled."""
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(report)], capture_output=True, text=True,
                              env=environment, check=False)
        patterns, methods = map(int, done.stderr.split()[-2:])
        return patterns, methods

    first = compiled()
    assert first[0] > 10 or compilecache._compiler is None
    assert first[1] > 100
    assert compiled() == (0, 0)
