"""Templates parsed once and kept between runs, parsed afresh when their text changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from linter.datacache import cached

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
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache")}

    def parsed_yaml() -> str:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(report)], capture_output=True, text=True,
                              env=environment, check=False)
        return done.stderr.split()[-1]

    assert parsed_yaml() == "True"
    assert parsed_yaml() == "False"


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
