"""The snippets in docs/ci.md: configuration parses, CI commands run, pre-commit config validates."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from cisupport import BAD, GOOD, run, validate_sarif
from ruamel.yaml import YAML

DOC = Path(__file__).resolve().parents[1] / "docs" / "ci.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def yaml_block(containing: str) -> dict:
    (text,) = [b for b in blocks("yaml") if containing in b]
    return YAML(typ="safe").load(text)


def test_configuration_example_is_valid(tmp_path) -> None:
    from linter.checker import known_codes
    from linter.config import SettingsResolver

    (text,) = blocks("toml")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "govlint-base.toml").write_text("", encoding="utf-8")
    # Every code the example names must exist; its local pack file does not, so only registered codes count.
    settings = SettingsResolver(lambda packs, base_dir: known_codes()).for_path(str(project / "r.txt"))
    assert settings.year == 2023 and settings.packs == ["national", "packs/sichuan.yaml"]
    assert str(settings.severity["SUM102"]) == "warning"


def test_suppression_example_parses() -> None:
    from linter.model import text_document
    from linter.suppression import find_suppressions

    (text,) = blocks("markdown")
    found = find_suppressions(text_document("r.md", text, format="markdown"))
    assert [(s.kind, s.codes) for s in found] == [
        ("disable", ("SUM102", "DAT")), ("disable-next-line", ("SUM102",)), ("disable-file", ("SEC006",))]
    assert (found[0].last, found[1].first) == (3, 6)


def test_every_documented_command_line_parses() -> None:
    from linter.cli import build_parser

    commands = [line[2:] for block in blocks("console") for line in block.splitlines() if line.startswith("$ ")]
    commands += ci_commands()
    assert len(commands) >= 8
    for command in commands:
        argv = shlex.split(command.split(" < ")[0].split("  #")[0])
        assert argv[0] == "govlint"
        build_parser().parse_args(argv[1:])


def ci_commands() -> list[str]:
    github = [step["run"] for step in yaml_block("runs-on")["jobs"]["govlint"]["steps"] if "run" in step]
    gitlab = yaml_block("codequality")["govlint"]["script"]
    return [command for command in github + gitlab if command.startswith("govlint ")]


@pytest.mark.usefixtures("demo_rules")
def test_ci_snippets_run_and_write_valid_reports(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "reports" / "bad.txt").write_text(BAD, encoding="utf-8")
    exit_codes = [run(capsys, *shlex.split(command)[1:]).code for command in ci_commands()]
    assert exit_codes == [0, 1, 0, 0, 1]  # report writers never fail; the final check does
    validate_sarif(json.loads((tmp_path / "govlint.sarif").read_text(encoding="utf-8")))
    quality = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [issue["check_name"] for issue in quality] == ["DEMO001"]
    assert (tmp_path / "govlint-junit.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_pre_commit_snippet_is_a_valid_config(tmp_path) -> None:
    (text,) = [b for b in blocks("yaml") if "repos:" in b]
    assert yaml_block("repos:")["repos"][0]["hooks"][0]["id"] == "govlint"
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(tmp_path / "config.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
