"""Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input errors."""

from __future__ import annotations

import pytest
from cisupport import BAD, GOOD, run

pytestmark = pytest.mark.usefixtures("demo_rules")


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "warn.txt").write_text(GOOD + "数字可疑。\n", encoding="utf-8")
    (tmp_path / "info.txt").write_text(GOOD + "备注：无。\n", encoding="utf-8")
    return tmp_path


def test_clean_report_exits_0(reports, capsys) -> None:
    assert run(capsys, "check", "good.txt").code == 0


def test_error_finding_exits_1(reports, capsys) -> None:
    result = run(capsys, "check", "bad.txt")
    assert result.code == 1
    assert "DEMO001" in result.out


def test_warnings_are_shown_but_do_not_fail_by_default(reports, capsys) -> None:
    result = run(capsys, "check", "warn.txt")
    assert (result.code, "DEMO002" in result.out) == (0, True)


@pytest.mark.parametrize(("fail_on", "path", "expected"), [
    ("warning", "warn.txt", 1), ("warning", "info.txt", 0), ("info", "info.txt", 1), ("error", "info.txt", 0),
])
def test_fail_on_sets_the_failing_level(reports, capsys, fail_on, path, expected) -> None:
    assert run(capsys, "check", "--fail-on", fail_on, path).code == expected


def test_exit_zero_ignores_findings(reports, capsys) -> None:
    result = run(capsys, "check", "--exit-zero", "bad.txt")
    assert result.code == 0 and "DEMO001" in result.out


def test_unreadable_file_exits_2_with_one_line_and_others_are_still_checked(reports, capsys) -> None:
    result = run(capsys, "check", "--format", "concise", "bad.txt", "missing.txt", "good.txt")
    assert result.code == 2
    assert result.err.splitlines() == ["govlint: missing.txt: cannot read file: No such file or directory"]
    assert "bad.txt:5:4: DEMO001" in result.out


def test_unreadable_file_is_exit_2_even_with_exit_zero(reports, capsys) -> None:
    (reports / "empty.txt").write_bytes(b"")
    result = run(capsys, "check", "--exit-zero", "empty.txt")
    assert result.code == 2 and result.err.strip() == "govlint: empty.txt: file is empty"


def test_broken_config_exits_2_naming_file_and_line(reports, capsys) -> None:
    (reports / "govlint.toml").write_text('select = ["DEMO"]\nignroe = ["DEMO002"]\n', encoding="utf-8")
    result = run(capsys, "check", "good.txt")
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith(f"govlint: {reports / 'govlint.toml'}:2: unknown key 'ignroe'")


def test_usage_errors_exit_2(reports, capsys) -> None:
    assert run(capsys, "check", "--format", "xml", "good.txt").code == 2
    assert run(capsys, "check", "--select", "NOPE", "good.txt").code == 2
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "check", "--fail-on", "fatal", "good.txt")
    assert exit_info.value.code == 2
