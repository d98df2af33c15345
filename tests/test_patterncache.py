"""Compiled regular expressions kept between runs of the command: the same patterns, served from
the store on the next run, ignored when the store is foreign or broken, `re` untouched outside."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys

import pytest

from linter import patterncache
from linter.patterncache import remember_patterns, store_path

pytestmark = pytest.mark.skipif(patterncache._compiler is None, reason="Python 3.10 compiles as usual")

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
    return patterncache._compile_fresh(pattern, flags)


def test_a_stored_pattern_is_the_pattern_compiled_afresh(store, monkeypatch) -> None:
    with remember_patterns():
        first = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert store.is_file()
    re.purge()
    monkeypatch.setattr(patterncache, "compiled_code", lambda *args: pytest.fail(f"compiled again: {args}"))
    with remember_patterns():
        again = [re.compile(pattern, flags) for pattern, flags in PATTERNS[:3]]
    fresh = [_fresh(pattern, flags) for pattern, flags in PATTERNS]
    assert first == fresh and again == fresh[:3]  # Pattern equality compares the compiled code
    assert again[1].groupindex == {"y": 1, "m": 2, "d": 3}
    assert again[0].sub(r"〔\2〕", "国办公开办函[2019]60号") == "国办公开办函〔2019〕60号"


def test_re_is_left_as_it_was_after_the_block_even_after_an_error(store) -> None:
    with pytest.raises(ZeroDivisionError), remember_patterns():
        assert re._compiler.compile is not patterncache._compile_fresh
        1 / 0  # noqa: B018
    assert re._compiler.compile is patterncache._compile_fresh


def test_a_broken_store_means_compiling_as_usual(store) -> None:
    store.write_bytes(b"not a pickle")
    pattern, flags = PATTERNS[0]
    with remember_patterns():
        assert re.compile(pattern, flags) == _fresh(pattern, flags)
    assert (pattern, flags) in pickle.loads(store.read_bytes())[1]


def test_code_stored_by_another_python_is_never_handed_to_the_engine(store) -> None:
    pattern, flags = PATTERNS[0]
    foreign = (1, b"\0\0\0\0", 0, {}, ())  # code the engine would reject
    store.write_bytes(pickle.dumps((("another python", 0, 4), {(pattern, flags): foreign})))
    with remember_patterns():
        assert re.compile(pattern, flags) == _fresh(pattern, flags)
    build, stored = pickle.loads(store.read_bytes())
    assert build == patterncache._BUILD and stored[(pattern, flags)] != foreign


SCRIPT = """
import sys
from linter import patterncache
from linter.cli import main
compiled = []
compile_code = patterncache.compiled_code
patterncache.compiled_code = lambda pattern, flags: compiled.append(pattern) or compile_code(pattern, flags)
main(['check', '--format', 'concise', '--exit-zero', sys.argv[1]])
print(sum(1 for p in compiled if isinstance(p, str) and '一' in p), file=sys.stderr)
"""


def test_a_second_run_of_the_command_compiles_no_cjk_pattern(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("某某县人民政府\n2022年政府信息公开工作年度报告\n\n一、总体情况\n", encoding="utf-8")
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache")}

    def cjk_patterns_compiled() -> int:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(report)], capture_output=True, text=True,
                              env=environment, check=False)
        return int(done.stderr.split()[-1])

    assert cjk_patterns_compiled() > 10
    assert cjk_patterns_compiled() == 0
