"""What a ruff user reaches for (issue 15): default path, exclusions, quiet, colours, the fixable
marker, rule listings; and no all-clear line when a file could not be checked."""

from __future__ import annotations

import pytest
from cisupport import GOOD, run

pytestmark = pytest.mark.usefixtures("demo_rules")


@pytest.mark.usefixtures("zh")
def test_fixable_findings_are_marked_and_counted(tmp_path, capsys) -> None:
    report = tmp_path / "r.txt"
    report.write_text(GOOD + "依据[2022]号文。\n坏数据\n", encoding="utf-8")
    out = run(capsys, "check", str(report)).out
    assert "DEMO003 [error] [*] " in out
    assert "DEMO001 [error] 出现" in out
    assert out.endswith("其中 1 个标有 [*] 的问题可以用 --fix 自动修复（--diff 先看修改）。\n")


@pytest.mark.usefixtures("zh")
def test_a_run_with_an_unreadable_file_never_ends_with_the_all_clear(tmp_path, capsys) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run(capsys, "check", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"))
    assert result.code == 2
    assert "未发现问题" not in result.out
    assert result.out.startswith("1 个文件无法检查。\n—— 汇总（2 个文件）——\n")  # the ranking follows it


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


def test_help_errors_and_summary_follow_the_locale(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    report = tmp_path / "r.txt"
    report.write_text(GOOD + "坏数据\n", encoding="utf-8")
    chinese_help = run_help(capsys, "check")
    assert "用法：" in chinese_help and "只打印问题：标准错误上不显示进度、提示和汇总" in chinese_help
    assert run(capsys, "check", str(report)).out.endswith("共发现 1 个问题（错误 1）。\n")
    missing = str(tmp_path / "missing.txt")
    assert run(capsys, "check", missing).err.endswith(": 无法读取文件：No such file or directory\n")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english_help = run_help(capsys, "check")
    assert "usage:" in english_help and "print only the findings" in english_help
    assert run(capsys, "check", str(report)).out.endswith("Found 1 problem(s) (errors 1).\n")
    assert run(capsys, "check", missing).err.endswith(": cannot read file: No such file or directory\n")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert "用法：" in run_help(capsys, "rule")


def run_help(capsys, command: str) -> str:
    with pytest.raises(SystemExit):
        run(capsys, command, "--help")
    return capsys.readouterr().out


def test_every_catalogue_entry_has_a_translation_and_placeholders_agree() -> None:
    import re

    from linter.i18n import CATALOGUE, parse_po

    text = CATALOGUE.read_text(encoding="utf-8")
    entries = parse_po(text)
    assert len(entries) == text.count("\nmsgid ") - 1  # every msgid but the header has a msgstr
    for msgid, msgstr in entries.items():
        assert sorted(re.findall(r"\{\w+\}", msgid)) == sorted(re.findall(r"\{\w+\}", msgstr)), msgid


@pytest.mark.usefixtures("zh")
def test_quiet_prints_the_findings_only(tmp_path, capsys) -> None:
    (tmp_path / "r.txt").write_text(GOOD + "坏数据\n", encoding="utf-8")
    (tmp_path / "README.txt").write_text("说明文件。\n", encoding="utf-8")
    loud = run(capsys, "check", "--exclude", "", str(tmp_path))
    assert "not checked" in loud.err or "未检查" in loud.err
    quiet = run(capsys, "check", "-q", "--exclude", "", str(tmp_path))
    assert quiet.err == ""
    assert "DEMO001" in quiet.out and "共发现" not in quiet.out


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A reports repository: reports, and the files every repository has beside them."""
    monkeypatch.chdir(tmp_path)
    for name in ("reports/2022/甲镇.txt", "reports/2023/甲镇.txt", "drafts/乙镇.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD + "坏数据\n", encoding="utf-8")
    for name in ("README.md", "CHANGELOG.md", "LICENSE.txt", "requirements-dev.txt", "docs/指南.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("坏数据\n", encoding="utf-8")
    return tmp_path


def shown(capsys, *argv: str) -> list[str]:
    return sorted(run(capsys, "check", "--show-files", *argv).out.split())


def test_without_a_path_the_current_folder_is_checked_less_the_usual_non_reports(repository, capsys) -> None:
    assert shown(capsys) == ["./drafts/乙镇.txt", "./reports/2022/甲镇.txt", "./reports/2023/甲镇.txt"]
    assert run(capsys, "check", "--format", "concise").out.count(": DEMO001 ") == 3  # findings, not the ranking


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(repository, capsys) -> None:
    assert "./README.md" in shown(capsys, "--exclude", "drafts")
    assert "./drafts/乙镇.txt" not in shown(capsys, "--exclude", "drafts")
    assert shown(capsys, "--extend-exclude", "drafts/,reports/2022/*") == ["./reports/2023/甲镇.txt"]


def test_configured_exclusions_are_anchored_at_the_configuration(repository, capsys) -> None:
    (repository / "govlint.toml").write_text('extend-exclude = ["reports/2022/"]\n', encoding="utf-8")
    assert shown(capsys, "reports") == ["reports/2023/甲镇.txt"]
    (repository / "reports" / "2023" / "reports" / "2022").mkdir(parents=True)  # same names deeper down
    (repository / "reports" / "2023" / "reports" / "2022" / "丙镇.txt").write_text(GOOD, encoding="utf-8")
    assert "reports/2023/reports/2022/丙镇.txt" in shown(capsys, "reports")


@pytest.mark.usefixtures("zh")
def test_named_files_are_excluded_only_with_force_exclude(repository, capsys) -> None:
    assert shown(capsys, "README.md", "reports/2022/甲镇.txt") == ["README.md", "reports/2022/甲镇.txt"]
    assert shown(capsys, "--force-exclude", "README.md", "reports/2022/甲镇.txt") == ["reports/2022/甲镇.txt"]
    (repository / "notes.md").write_text("待办：核对数据。\n", encoding="utf-8")
    skipped = run(capsys, "check", "--force-exclude", "notes.md", "reports/2022/甲镇.txt")
    assert skipped.code == 1 and "未检查" in skipped.err and "notes.md" in skipped.err


def test_bad_exclusion_settings_name_the_file_and_line(repository, capsys) -> None:
    (repository / "govlint.toml").write_text('select = ["ALL"]\nexclude = "docs"\n', encoding="utf-8")
    result = run(capsys, "check", "reports")
    assert (result.code, result.err.strip()) == (2, f"govlint: {repository / 'govlint.toml'}:2: "
                                                  "'exclude' must be a list of strings")


@pytest.mark.usefixtures("zh")
def test_a_file_over_max_file_size_is_refused_with_the_limit_named(repository, capsys) -> None:
    (repository / "govlint.toml").write_text("max-file-size = 0.00005\n", encoding="utf-8")
    result = run(capsys, "check", "reports/2022/甲镇.txt")
    assert result.code == 2
    assert result.err.endswith("超过 max-file-size（52 字节）；如需检查，请调大该设置（单位 MB）\n")


def test_a_catalogue_entry_without_words_translates_nothing(monkeypatch) -> None:
    from linter.i18n import _

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert _("no such message at all") == "no such message at all"
    assert _("year 2022") == "2022年"


ARGUMENTS = [["check"], ["check", "a.txt", "--format", "json", "-j", "2", "--select", "SUM"], ["check", "--help"],
             ["check", "--bogus", "a.txt"], ["check", "--format"], ["check", "-j", "0"], ["check", "a", "--version"],
             ["inspect", "a.txt", "--format", "json"], ["inspect"], ["inspect", "a", "--format", "xml"],
             ["review", "a.docx", "-o", "b.docx"], ["review", "a", "b"], ["rule", "SUM"], ["rule", "--all", "x", "y"],
             ["rules", "--format", "json"], ["rules", "--bogus"], ["packs", "a.yaml", "b.yaml"], ["packs", "--help"],
             ["index", "build", "a", "-o", "i"], ["index", "build", "a"], ["index"], ["index", "--help"]]


@pytest.mark.parametrize("arguments", ARGUMENTS, ids=" ".join)
def test_the_parser_of_one_command_parses_and_refuses_as_the_whole_parser(arguments, capsys, monkeypatch) -> None:
    """A run builds its own command's sub-parser only (linter.cli.build_parser): the arguments it
    gets, its help and its errors (the usage line naming every command) are the whole parser's."""
    from linter.cli import build_parser

    monkeypatch.setenv("COLUMNS", "100")
    outcomes = []
    for parser in (build_parser(), build_parser(arguments[0])):
        try:
            outcome = vars(parser.parse_args(arguments))
        except SystemExit as leaving:
            outcome = leaving.code
        outcomes.append((outcome, capsys.readouterr()))
    assert outcomes[0] == outcomes[1]


def test_the_parser_of_one_command_knows_no_other(capsys) -> None:
    from linter.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser("check").parse_args(["inspect", "a.txt"])
    assert "invalid choice: 'inspect' (choose from 'check')" in capsys.readouterr().err
