"""Templates and rule packs parsed once and kept between runs, parsed afresh when their text changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from linter.datacache import cached

REPORT = "某某县人民政府\n2022年政府信息公开工作年度报告\n\n一、总体情况\n"
SCRIPT = """
import sys
import linter.templates
from linter.cli import main
parsed = []
parse = linter.templates.parse_template
linter.templates.parse_template = lambda *args: parsed.append(args) or parse(*args)
main(['check', '--format', 'concise', sys.argv[1]])
print(bool(parsed), file=sys.stderr)
"""


def test_a_second_run_reads_the_templates_without_parsing_yaml(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("某某县人民政府\n2022年政府信息公开工作年度报告\n\n一、总体情况\n", encoding="utf-8")
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache"), "GOVLINT_NO_CACHE": "1"}

    def parsed_yaml() -> str:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(report)], capture_output=True, text=True,
                              env=environment, check=False)
        return done.stderr.split()[-1]

    assert parsed_yaml() == "True"
    assert parsed_yaml() == "False"


PACK_SCRIPT = """
import sys
import linter.packs.resolve
from linter.cli import main
parsed = []
read = linter.packs.resolve.read_pack
linter.packs.resolve.read_pack = lambda path, *args: parsed.append(path.name) or read(path, *args)
main(['check', '--format', 'concise', '--exit-zero', sys.argv[1]])
print(','.join(sorted(parsed)) or '-', file=sys.stderr)
"""
PACK = ("name: local\ndescription: 本地要求\nprefix: LC\nrules:\n"
        "  - {code: LC001, kind: require, name: cite, pattern: 甲乙丙, message: %s}\n")


def test_a_pack_is_parsed_once_and_again_when_its_yaml_changes(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("某某县人民政府\n2022年政府信息公开工作年度报告\n\n一、总体情况\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.govlint]\npacks = ["national", "local.yaml"]\n', encoding="utf-8")
    pack = tmp_path / "local.yaml"
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache"), "GOVLINT_NO_CACHE": "1"}

    def run() -> tuple[str, str]:
        """The packs parsed from YAML in a run, and the run's LC001 finding."""
        done = subprocess.run([sys.executable, "-c", PACK_SCRIPT, str(report)], capture_output=True, text=True,
                              env=environment, cwd=tmp_path, check=False)
        return done.stderr.splitlines()[-1], next(line for line in done.stdout.splitlines() if "LC001" in line)

    pack.write_text(PACK % "未引用甲乙丙", encoding="utf-8")
    first = run()
    assert "local.yaml" in first[0].split(",") and "未引用甲乙丙" in first[1]
    assert run() == ("-", first[1])
    pack.write_text(PACK % "仍未引用甲乙丙", encoding="utf-8")
    changed = run()
    assert changed[0] == "local.yaml" and "仍未引用甲乙丙" in changed[1]


def test_a_changed_configuration_is_read_again(tmp_path, monkeypatch, capsys) -> None:
    from linter.cli import main

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GOVLINT_NO_CACHE", "1")  # the settings, not a cached result, decide the findings
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    config = tmp_path / "govlint.toml"

    def codes(ignore: str) -> set[str]:
        config.write_text(f"ignore = [{ignore}]\n", encoding="utf-8")
        main(["check", "--format", "concise", "--exit-zero", "report.txt"])
        return {line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("report.txt:")}

    everything = codes("")
    assert "SEC001" in everything
    assert codes('"SEC001"') == everything - {"SEC001"}
    assert codes("") == everything


def test_a_changed_text_is_parsed_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path))
    path = Path("pack.yaml")
    assert cached("pack", path, "a", lambda: ["first"], ("linter.datacache",)) == ["first"]
    assert cached("pack", path, "a", lambda: ["second"], ("linter.datacache",)) == ["first"]
    assert cached("pack", path, "b", lambda: ["third"], ("linter.datacache",)) == ["third"]


def test_an_unusable_cache_directory_only_means_parsing(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(blocker / "cache"))
    assert cached("pack", Path("p.yaml"), "a", lambda: 1, ()) == 1
    assert cached("pack", Path("p.yaml"), "a", lambda: 2, ()) == 2
