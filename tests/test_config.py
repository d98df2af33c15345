"""Configuration: discovery, inheritance, selection, severities, per-file-ignores, errors."""

from __future__ import annotations

import pytest
from cisupport import GOOD, run

from linter.checker import check_file, known_codes
from linter.config import CliOverrides, ConfigError, SettingsResolver
from linter.diagnostics import Severity

pytestmark = pytest.mark.usefixtures("demo_rules")
ALL_DEMOS = GOOD + "坏数据，可疑，备注。\n"


def codes(capsys, *argv: str) -> list[str]:
    result = run(capsys, "check", "--format", "json", *argv)
    import json

    return sorted({d["code"] for d in json.loads(result.out)})


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    for name in ("top.txt", "sub/inner.txt", "sub/draft.md"):
        (tmp_path / name).write_text(ALL_DEMOS, encoding="utf-8")
    return tmp_path


def test_pyproject_select_and_ignore_by_prefix(tree, capsys) -> None:
    (tree / "pyproject.toml").write_text('[tool.govlint]\nselect = ["DEMO00"]\nignore = ["DEMO004"]\n')
    assert codes(capsys, "top.txt") == ["DEMO001", "DEMO002"]


def test_pyproject_without_govlint_table_is_skipped(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('ignore = ["DEMO001"]\n')
    (tree / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert "DEMO001" not in codes(capsys, "sub/inner.txt")


def test_closest_config_wins(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('ignore = ["DEMO002"]\n')
    (tree / "sub" / "govlint.toml").write_text('ignore = ["DEMO001"]\n')
    assert codes(capsys, "top.txt") == ["DEMO001", "DEMO004"]
    assert codes(capsys, "sub/inner.txt") == ["DEMO002", "DEMO004"]


def test_extend_inherits_and_the_extending_file_overrides(tree, capsys) -> None:
    (tree / "base.toml").write_text('ignore = ["DEMO004"]\n[severity]\nDEMO002 = "error"\n')
    (tree / "sub" / "govlint.toml").write_text('extend = "../base.toml"\nextend-select = ["DEMO"]\n')
    result = run(capsys, "check", "--format", "concise", "sub/inner.txt")
    assert "DEMO004" not in result.out
    settings = SettingsResolver(known_codes).for_path("sub/inner.txt")
    assert settings.severity == {"DEMO002": Severity.ERROR}
    (tree / "sub" / "govlint.toml").write_text('extend = "../base.toml"\nignore = []\n')
    assert "DEMO004" in codes(capsys, "sub/inner.txt")


def test_severity_override_changes_the_exit_code(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('select = ["DEMO002"]\n[severity]\nDEMO002 = "error"\n')
    assert run(capsys, "check", "top.txt").code == 1
    (tree / "govlint.toml").write_text('select = ["DEMO002"]\n')
    assert run(capsys, "check", "top.txt").code == 0


def test_per_file_ignores_by_file_name_and_by_anchored_path(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('[per-file-ignores]\n"*.md" = ["DEMO001"]\n"./sub/inner.txt" = ["DEMO00"]\n')
    assert codes(capsys, "sub/draft.md") == ["DEMO002", "DEMO004"]
    assert codes(capsys, "sub/inner.txt") == []
    assert "DEMO001" in codes(capsys, "top.txt")


def test_per_file_ignores_win_over_a_more_specific_select(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('select = ["DEMO001"]\n[per-file-ignores]\n"top.txt" = ["DEMO"]\n')
    assert codes(capsys, "top.txt") == []


def test_cli_flags_override_files(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('select = ["DEMO001"]\n')
    assert codes(capsys, "--select", "DEMO002,DEMO004", "top.txt") == ["DEMO002", "DEMO004"]
    assert codes(capsys, "--extend-select", "DEMO004", "top.txt") == ["DEMO001", "DEMO004"]
    assert codes(capsys, "--select", "DEMO", "--ignore", "DEMO00", "top.txt") == []
    assert codes(capsys, "--isolated", "--ignore", "GL", "top.txt") == ["DEMO001", "DEMO002", "DEMO004"]


def test_explicit_config_replaces_discovery(tree, capsys) -> None:
    (tree / "govlint.toml").write_text('select = ["DEMO001"]\n')
    (tree / "other.toml").write_text('select = ["DEMO004"]\n')
    assert codes(capsys, "--config", "other.toml", "top.txt") == ["DEMO004"]
    result = run(capsys, "check", "--config", "absent.toml", "top.txt")
    assert (result.code, result.err.strip()) == (2, "govlint: absent.toml: configuration file not found")


def test_year_and_body_fallbacks_reach_the_report(tmp_path) -> None:
    (tmp_path / "govlint.toml").write_text('year = 2023\nbody = "某某县财政局"\n')
    (tmp_path / "r.txt").write_text("政府信息公开工作年度报告\n一、总体情况\n内容。\n", encoding="utf-8")
    settings = SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    report = check_file(str(tmp_path / "r.txt"), settings).report
    assert (report.year, report.year_source, report.body) == (2023, "config", "某某县财政局")
    assert report.body_kind == "department"  # so rules that depend on the kind of body still run


LOCAL_PACK = """\
name: local
description: 本地要求
prefix: LOC
extends: [national]
rules:
  - code: LOC001
    kind: forbid
    name: no-draft-mark
    pattern: 征求意见稿
    message: 报告中仍有“征求意见稿”字样
"""


def test_packs_resolve_from_the_directory_of_the_file_that_names_them(tree, capsys) -> None:
    (tree / "packs").mkdir()
    (tree / "packs" / "local.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (tree / "base.toml").write_text('packs = ["national", "packs/local.yaml"]\n')
    # the inherited pack's own code may be named in the extending file
    (tree / "sub" / "govlint.toml").write_text('extend = "../base.toml"\nextend-select = ["LOC001"]\n')
    settings = SettingsResolver(known_codes).for_path(str(tree / "sub" / "inner.txt"))
    assert settings.packs == ["national", "packs/local.yaml"]
    assert settings.config_dir == str(tree.resolve())
    assert settings.config_path.endswith("sub/govlint.toml")
    (tree / "sub" / "inner.txt").write_text(GOOD + "（征求意见稿）\n", encoding="utf-8")
    assert "LOC001" in codes(capsys, "sub/inner.txt")


def test_a_missing_pack_is_a_config_error_on_its_line(tmp_path) -> None:
    (tmp_path / "govlint.toml").write_text('year = 2023\npacks = ["national", "nope/x.yaml"]\n')
    with pytest.raises(ConfigError, match=r"govlint.toml:2: .*rule pack file .*x.yaml.* not found"):
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))


def test_show_settings(tree, capsys) -> None:
    (tree / "sub" / "govlint.toml").write_text('ignore = ["DEMO004"]\nyear = 2022\n')
    result = run(capsys, "check", "--show-settings", "--extend-select", "DEMO001", "sub/inner.txt")
    assert result.code == 0
    assert f"config = {tree / 'sub' / 'govlint.toml'}" in result.out
    assert "ignore = ['DEMO004']" in result.out
    assert "extend-select = ['DEMO001']" in result.out
    assert "year = 2022" in result.out


@pytest.mark.parametrize(("text", "line", "message"), [
    ('[tool.govlint]\nselect = [\n  "DEMO",\n  "XYZ9",\n]\n', 4, "unknown rule code or prefix 'XYZ9' in 'select'"),
    ('[tool.govlint]\nselect = ["DEMO"]\n\n[tool.govlint.severity]\nDEMO009 = "error"\n', 5,
     "unknown rule code 'DEMO009' in 'severity'"),
    ('[tool.govlint.severity]\nDEMO001 = "fatal"\n', 2, "unknown severity 'fatal'"),
    ('[tool.govlint]\nyear = "2022"\n', 2, "'year' must be a report year"),
    ('[tool.govlint]\n[tool.govlint.per-file-ignores]\n"a.txt" = ["DEMO001", "ZZZ"]\n', 3,
     "unknown rule code or prefix 'ZZZ'"),
    ('[tool.govlint]\nselect = ["DEMO"\n', 2, "invalid TOML: Unclosed array"),
    ('[tool.govlint]\nbody = "某某镇\nyear = 2022\n', 2, "invalid TOML"),
    ('[tool.other]\nx = 1\n[tool.govlint]\nformat = "json"\n', 4, "unknown key 'format'"),
])
def test_config_errors_name_file_and_line(tmp_path, text, line, message) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError) as error:
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    assert str(error.value).startswith(f"{tmp_path / 'pyproject.toml'}:{line}: ")
    assert message in str(error.value)


def test_extend_loop_and_missing_base_are_errors(tmp_path) -> None:
    (tmp_path / "govlint.toml").write_text('extend = "other.toml"\n')
    (tmp_path / "other.toml").write_text('extend = "govlint.toml"\n')
    with pytest.raises(ConfigError, match="loops back"):
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    (tmp_path / "other.toml").unlink()
    with pytest.raises(ConfigError, match=r"govlint.toml:1: 'extend' names a file that does not exist"):
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))


def test_cli_overrides_are_checked_against_known_codes() -> None:
    resolver = SettingsResolver(known_codes, CliOverrides(select=["DEMO001"]), isolated=True)
    assert resolver.for_path("x.txt").enabled("DEMO001")
    assert not resolver.for_path("x.txt").enabled("DEMO002")


def test_an_extend_loop_names_every_file_and_line_of_the_loop(tmp_path) -> None:
    (tmp_path / "govlint.toml").write_text('ignore = ["DEMO001"]\nextend = "base.toml"\n')
    (tmp_path / "base.toml").write_text('\n\nextend = "top.toml"\n')
    (tmp_path / "top.toml").write_text('extend = "base.toml"\n')
    base, top = tmp_path / "base.toml", tmp_path / "top.toml"
    with pytest.raises(ConfigError) as error:
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    assert str(error.value) == f"{top}:1: 'extend' loops back to {base}: {base}:3 → {top}:1 → {base}"
    (tmp_path / "govlint.toml").write_text('\nextend = "govlint.toml"\n')
    itself = tmp_path / "govlint.toml"
    with pytest.raises(ConfigError) as error:
        SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    assert str(error.value) == f"{itself}:2: 'extend' loops back to {itself}: {itself}:2 → {itself}"


def test_rule_options_in_configuration_are_checked_and_win_over_packs(tmp_path, monkeypatch) -> None:
    from linter import engine
    from linter.rules_api import MONTH_DAY, Option, rule

    dated = rule("DEMO001", "dated", deadline=Option("01-31", MONTH_DAY), kinds=["town"])(lambda r, c: ())
    monkeypatch.setattr(engine, "rule_by_code", lambda code: dated if code.upper() == "DEMO001" else None)
    config = tmp_path / "govlint.toml"
    config.write_text('[options.DEMO001]\ndeadline = "01-20"\nkinds = ["town", "city"]\n')
    settings = SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
    assert settings.options == {"DEMO001": {"deadline": "01-20", "kinds": ["town", "city"]}}
    for text, line, message in (
        ('[options.DEMO001]\ndeadlin = "01-20"\n', 2, "rule DEMO001 has no option 'deadlin' (did you mean 'deadline'?"),
        ('[options.DEMO001]\n\ndeadline = 120\n', 3, "option deadline of DEMO001: 120 is not a month-day"),
        ('[options]\nDEMO009 = {x = 1}\n', 2, "unknown rule code 'DEMO009' in 'options'"),
        ('[options]\nDEMO002 = {x = 1}\n', 2, "rule DEMO002 has no options"),
        ('options = ["DEMO001"]\n', 1, "'options' must be a table of CODE = {option = value}"),
    ):
        config.write_text(text)
        with pytest.raises(ConfigError) as error:
            SettingsResolver(known_codes).for_path(str(tmp_path / "r.txt"))
        assert str(error.value).startswith(f"{config}:{line}: {message}")
