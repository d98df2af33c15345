"""What a ruff user reaches for (issue 15): default path, exclusions, quiet, colours, the fixable
marker, rule listings; and no all-clear line when a file could not be checked."""

from __future__ import annotations

import pytest
from cisupport import GOOD, run

pytestmark = pytest.mark.usefixtures("demo_rules")


def test_fixable_findings_are_marked_and_counted(tmp_path, capsys) -> None:
    report = tmp_path / "r.txt"
    report.write_text(GOOD + "依据[2022]号文。\n坏数据\n", encoding="utf-8")
    out = run(capsys, "check", str(report)).out
    assert "DEMO003 [error] [*] " in out
    assert "DEMO001 [error] 出现" in out
    assert out.endswith("其中 1 个标有 [*] 的问题可以用 --fix 自动修复（--diff 先看修改）。\n")


def test_a_run_with_an_unreadable_file_never_ends_with_the_all_clear(tmp_path, capsys) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run(capsys, "check", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"))
    assert result.code == 2
    assert "未发现问题" not in result.out
    assert result.out.endswith("1 个文件无法检查。\n")


def test_a_missing_extra_inside_pre_commit_names_additional_dependencies(monkeypatch) -> None:
    from linter.errors import InputError
    from linter.loaders.optional import require

    monkeypatch.setenv("PRE_COMMIT", "1")
    with pytest.raises(InputError, match=r"additional_dependencies: \['govlint\[pdf\]'\]"):
        require("r.pdf", "govlint_no_such_module", "pdf")
    monkeypatch.delenv("PRE_COMMIT")
    with pytest.raises(InputError, match=r"pip install 'govlint\[pdf\]'"):
        require("r.pdf", "govlint_no_such_module", "pdf")


def test_rule_with_a_prefix_explains_the_family_and_all_explains_every_rule(capsys) -> None:
    from linter.packs import rule_catalogue

    family = run(capsys, "rule", "demo").out
    assert [line.split()[0] for line in family.splitlines() if line.startswith("DEMO")] == [
        "DEMO001", "DEMO002", "DEMO003", "DEMO004"]
    everything = run(capsys, "rule", "--all").out
    assert all(f"\n{rule.code} {rule.name} [" in "\n" + everything for rule in rule_catalogue())
    assert run(capsys, "rule").code == 2
    assert run(capsys, "rule", "NOPE").code == 2


def test_rules_as_json_lists_every_rule_with_its_documentation(capsys) -> None:
    import json

    from linter.packs import rule_catalogue

    listed = json.loads(run(capsys, "rules", "--format", "json").out)
    assert [entry["code"] for entry in listed] == [rule.code for rule in rule_catalogue()]
    demo = next(entry for entry in listed if entry["code"] == "DEMO003")
    assert (demo["severity"], demo["documentation"].splitlines()[0]) == ("error", "发文字号年份应使用六角括号〔〕。")
