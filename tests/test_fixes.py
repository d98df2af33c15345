"""--fix and --diff: only the rules' safe fixes, encoding and line endings kept, atomic rewrite."""

from __future__ import annotations

import codecs
import os

import pytest
from cisupport import GOOD, run

from linter.diagnostics import Fix
from linter.fixes import apply_fixes, fixed_text
from linter.model import Location, text_document

pytestmark = pytest.mark.usefixtures("demo_rules")
REPORT = GOOD + "依据〔2021〕12号和[2022]3号文，[ 2023]不改。\n坏数据\n"
FIXED = REPORT.replace("[2022]", "〔2022〕")


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
])
def test_fix_changes_only_the_fixed_characters(tmp_path, capsys, encoding, bom, newline) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(bom + REPORT.replace_all("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    result = run(capsys, "check", "--fix", "--format", "concise", str(path))
    assert path.read_bytes() == bom + FIXED.replace_all("\n", newline).encode(encoding)
    assert result.err == "govlint: fixed 1 finding(s)\n"
    assert [line.split(": ")[1].split()[0] for line in result.out.splitlines()] == ["DEMO001"]
    assert result.code == 1  # DEMO001 has no fix and remains
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_diff_shows_the_fix_and_writes_nothing(tmp_path, capsys) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run(capsys, "check", "--diff", str(path))
    assert result.code == 1
    assert result.out.startswith(f"--- {path}\n+++ {path}\n")
    removed, added = REPORT.splitlines()[4], FIXED.splitlines()[4]
    assert f"-{removed}\n+{added}\n" in result.out
    assert path.read_text(encoding="utf-8") == REPORT
    path.write_text(GOOD, encoding="utf-8")
    assert run(capsys, "check", "--diff", str(path)).out == ""
    assert run(capsys, "check", "--diff", str(path)).code == 0


def test_fix_and_stdin_do_not_mix(capsys, monkeypatch) -> None:
    result = run(capsys, "check", "--fix", "-", stdin=REPORT.encode(), monkeypatch=monkeypatch)
    assert (result.code, result.err.strip()) == (2, "govlint: --fix cannot rewrite standard input; use --diff")


def fix(line: int, start: int, end: int, text: str) -> Fix:
    return Fix(Location(line, start, line, end), text)


def test_overlapping_fixes_apply_the_first_only() -> None:
    text, count = apply_fixes("abcdef\nxyz\n", [fix(1, 2, 4, "BC"), fix(1, 3, 5, "CD"), fix(2, 1, 2, "X")])
    assert (text, count) == ("aBCdef\nXyz\n", 2)


def test_fixes_never_reach_beyond_their_line() -> None:
    beyond = [fix(1, 2, 9, "x"), fix(1, 1, 2, "a\nb"), fix(3, 1, 1, "x"), Fix(Location(1, 1, 2, 1), "x")]
    assert apply_fixes("abc\r\ndef", beyond) == ("abc\r\ndef", 0)
    assert apply_fixes("abc\r\ndef", [fix(1, 4, 4, "!")]) == ("abc!\r\ndef", 1)


def test_only_text_and_markdown_are_fixed() -> None:
    fixes = [fix(1, 1, 2, "X")]
    assert fixed_text(text_document("r.md", "ab", format="markdown"), fixes) == ("Xb", 1)
    assert fixed_text(text_document("r.html", "ab", format="html"), fixes) is None
