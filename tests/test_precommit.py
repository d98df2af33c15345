"""The pre-commit hook, run for real: a bad report blocks the commit, a good one passes.

pre-commit builds a virtual environment and pip-installs this repository (and the demo rule
plugin) from local paths, so this test takes a while but needs no network beyond the package index
pip is configured with (for the build backend).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cisupport import BAD, GOOD
from conftest import DEMO_PLUGIN

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def hook_definition() -> dict:
    from ruamel.yaml import YAML

    (hook,) = YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")
    return hook


def test_hook_definition() -> None:
    hook = hook_definition()
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"]) == (
        "govlint", "govlint check --force-exclude", "python", True)
    matches = re.compile(hook["files"]).search
    excluded = re.compile(hook["exclude"]).search
    assert all(matches(name) for name in ("a.txt", "b.md", "c.markdown", "d.HTML", "e.htm", "f.docx", "g.pdf"))
    assert not any(matches(name) for name in ("a.py", "b.toml", "c.docx.bak", "pdf"))
    assert all(excluded(name) for name in ("README.md", "sub/readme.txt", "CHANGELOG.md", "LICENSE.txt",
                                           "requirements.txt", "requirements-dev.txt", "docs/guide.md"))
    assert not any(excluded(name) for name in ("2023年报.md", "reports/2022/白水镇.docx", "reports/notes.md"))


def git(repo: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def repo(tmp_path) -> tuple[Path, dict, Path]:
    """A git repository whose pre-commit config is this repo's hook, installed from a copy of it.

    Copies, because pip builds in the source tree and would leave build files in this checkout.
    """
    source = tmp_path / "govlint-src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".ci-venv", "*.egg-info", "build", "__pycache__", ".*_cache", "tests"))
    plugin = shutil.copytree(DEMO_PLUGIN, tmp_path / "demo-plugin")
    work = tmp_path / "reports"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "NO_COLOR": "1"}
    env.pop("GIT_DIR", None)
    hook = {**hook_definition(), "additional_dependencies": [str(source), str(plugin)],
            "args": ["--select", "DEMO"]}
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (work / ".pre-commit-config.yaml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    git(work, "init", "-q", env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env, check=True,
                   capture_output=True, timeout=120)
    git(work, "add", ".pre-commit-config.yaml", env=env)
    return work, env, source


def test_bad_report_blocks_the_commit_and_good_one_passes(repo) -> None:
    work, env, _ = repo
    (work / "2023年报.md").write_text(BAD, encoding="utf-8")
    git(work, "add", "2023年报.md", env=env)
    blocked = git(work, "commit", "-m", "bad report", env=env)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "DEMO001" in blocked.stdout + blocked.stderr
    assert git(work, "rev-parse", "--verify", "HEAD", env=env).returncode != 0  # nothing committed

    (work / "2023年报.md").write_text(GOOD, encoding="utf-8")
    (work / "notes.py").write_text("坏数据 = 1\n", encoding="utf-8")  # not a report: not checked
    git(work, "add", "2023年报.md", "notes.py", env=env)
    passed = git(work, "commit", "-m", "good report", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"govlint .*\.+Passed", passed.stderr + passed.stdout)


def test_ordinary_files_of_a_reports_repository_commit_cleanly(repo) -> None:
    """README, requirements and notes match the hook's `files` pattern but are no reports."""
    work, env, _ = repo
    (work / "README.md").write_text("# 年报仓库\n\n坏数据 的说明。\n", encoding="utf-8")
    (work / "requirements.txt").write_text("govlint\n坏数据\n", encoding="utf-8")
    (work / "notes.md").write_text("待办：核对坏数据。\n", encoding="utf-8")
    git(work, "add", "README.md", "requirements.txt", "notes.md", env=env)
    passed = git(work, "commit", "-m", "docs", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (work / "2024年报.md").write_text(BAD, encoding="utf-8")
    git(work, "add", "2024年报.md", env=env)
    blocked = git(work, "commit", "-m", "bad report", env=env)
    assert blocked.returncode != 0 and "DEMO001" in blocked.stdout + blocked.stderr


def test_try_repo_runs_the_published_hook(repo) -> None:
    """`pre-commit try-repo` installs this repository itself and runs `.pre-commit-hooks.yaml`."""
    work, env, source = repo
    git(source, "init", "-q", env=env)  # a committed copy: try-repo ignores untracked files
    git(source, "add", "-A", env=env)
    git(source, "commit", "-q", "-m", "snapshot", env=env)
    (work / "govlint.toml").write_text('select = ["GL"]\n', encoding="utf-8")
    (work / "good.txt").write_text(GOOD, encoding="utf-8")
    (work / "empty.txt").write_text("", encoding="utf-8")
    (work / "empty.py").write_text("", encoding="utf-8")

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "govlint", "--files", *files]
        return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)

    passed = try_repo("good.txt", "empty.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = try_repo("good.txt", "empty.txt")
    assert failed.returncode != 0
    assert "govlint: empty.txt: file is empty" in failed.stdout
