"""Inline suppression comments in Markdown/HTML, and GL001 for those that suppress nothing."""

from __future__ import annotations

import json

import pytest
from cisupport import GOOD, run

from linter.model import text_document
from linter.suppression import find_suppressions

pytestmark = pytest.mark.usefixtures("demo_rules")


def findings(capsys, tmp_path, text: str, name: str = "r.md", *flags: str) -> list[tuple[str, int]]:
    (tmp_path / name).write_text(GOOD + text, encoding="utf-8")
    out = run(capsys, "check", "--format", "json", *flags, str(tmp_path / name)).out
    return [(d["code"], d["line"]) for d in json.loads(out)]


def test_disable_until_enable(tmp_path, capsys) -> None:
    text = "坏数据\n<!-- govlint: disable=DEMO001 -->\n坏数据，可疑\n<!-- govlint: enable -->\n坏数据\n"
    assert findings(capsys, tmp_path, text) == [("DEMO001", 5), ("DEMO002", 7), ("DEMO001", 9)]


def test_disable_without_enable_runs_to_the_end_and_prefixes_work(tmp_path, capsys) -> None:
    text = "<!--govlint:disable=DEMO00-->\n坏数据\n可疑\n"
    assert findings(capsys, tmp_path, text) == []


def test_enable_with_a_code_closes_only_that_disable(tmp_path, capsys) -> None:
    text = ("<!-- govlint: disable=DEMO001 -->\n<!-- govlint: disable=DEMO002 -->\n"
            "<!-- govlint: enable=DEMO002 -->\n坏数据，可疑\n")
    assert findings(capsys, tmp_path, text) == [("GL001", 6), ("DEMO002", 8)]  # that disable did nothing


def test_disable_next_line_skips_blank_lines_and_covers_one_line(tmp_path, capsys) -> None:
    text = "<!-- govlint: disable-next-line=DEMO001 -->\n\n坏数据\n坏数据\n"
    assert findings(capsys, tmp_path, text) == [("DEMO001", 8)]


def test_disable_file_anywhere_in_the_file(tmp_path, capsys) -> None:
    text = "坏数据，可疑\n<!-- govlint: disable-file=DEMO001 -->\n"
    assert findings(capsys, tmp_path, text) == [("DEMO002", 5)]


def test_disable_without_codes_covers_everything(tmp_path, capsys) -> None:
    assert findings(capsys, tmp_path, "<!-- govlint: disable-next-line -->\n坏数据，可疑\n") == []


def test_unused_suppression_is_reported_as_gl001_info(tmp_path, capsys) -> None:
    text = "<!-- govlint: disable-next-line=DEMO001,DEMO002 -->\n坏数据\n<!-- govlint: disable=DEMO9 -->\n"
    (tmp_path / "r.md").write_text(GOOD + text, encoding="utf-8")
    result = run(capsys, "check", "--format", "json", str(tmp_path / "r.md"))
    data = json.loads(result.out)
    assert [(d["code"], d["severity"], d["line"], d["column"]) for d in data] == [
        ("GL001", "info", 5, 1), ("GL001", "info", 7, 1)]
    assert "DEMO002 没有抑制任何问题" in data[0]["message"]
    assert "不存在：DEMO9" in data[1]["message"]
    assert result.code == 0  # info does not fail by default


def test_gl001_can_be_ignored_and_documented(tmp_path, capsys) -> None:
    assert findings(capsys, tmp_path, "<!-- govlint: disable -->\n", "r.md", "--ignore", "GL001") == []
    assert "per-file-ignores" in run(capsys, "rule", "GL001").out


def test_comments_mean_nothing_in_plain_text(tmp_path, capsys) -> None:
    text = "<!-- govlint: disable -->\n坏数据\n"
    assert findings(capsys, tmp_path, text, "r.txt") == [("DEMO001", 6)]


def test_comment_locations_and_covered_lines() -> None:
    document = text_document("r.md", "a\r\n  <!-- govlint: disable-next-line=x1 -->\r\nb\r\n", format="markdown")
    (suppression,) = find_suppressions(document)
    assert (suppression.codes, suppression.first, suppression.last) == (("X1",), 3, 3)
    assert (suppression.location.line, suppression.location.column, suppression.location.end_column) == (2, 3, 41)


def test_html_comments_suppress_by_source_line() -> None:
    from linter.diagnostics import Diagnostic, Severity
    from linter.model import Location
    from linter.settings import Settings
    from linter.suppression import apply_suppressions

    html = "<html><body>\n<!-- govlint: disable-next-line=DEMO001 -->\n<p>坏数据</p>\n<p>坏数据</p>\n</body></html>"
    document = text_document("r.html", html, format="html")
    found = [Diagnostic("DEMO001", Severity.ERROR, "m", "r.html", Location(line, 4, line, 7)) for line in (3, 4)]
    kept = apply_suppressions(document, found, Settings(), lambda: frozenset({"DEMO001"}))
    assert [d.location.line for d in kept] == [4]
