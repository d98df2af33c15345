"""Third-party plugins end to end: the example distribution (examples/plugin) pip-installed into
a fresh virtual environment next to two broken plugins, which must not stop the others."""

from __future__ import annotations

import importlib.util
import json
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pluggy
import pytest

from linter import hookspecs
from linter.hookspecs import hookimpl
from linter.plugins_manager import PluginFailure, Plugins
from linter.rules_api import rule

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plugin"

REPORT = """\
某某县某某镇人民政府
2022年政府信息公开工作年度报告

本报告由XX镇人民政府办公室编制。

一、总体情况
某某镇认真做好政府信息公开工作。
六、其他需要报告的事项
无。
"""

BROKEN_IMPORT = 'raise RuntimeError("找不到配置文件 broken.ini")\n'
BROKEN_HOOK = """\
from linter.hookspecs import hookimpl


@hookimpl
def govlint_rules():
    raise ValueError("规则表损坏")
"""


def _install_broken_plugins(site_packages: Path) -> None:
    """Two plugins registered the way any installed distribution is: a dist-info with entry points."""
    (site_packages / "govlint_broken_import.py").write_text(BROKEN_IMPORT, encoding="utf-8")
    (site_packages / "govlint_broken_hook.py").write_text(BROKEN_HOOK, encoding="utf-8")
    info = site_packages / "govlint_broken-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[govlint]\nbroken-import = govlint_broken_import\nbroken-hook = govlint_broken_hook\n", encoding="utf-8")


@pytest.fixture(scope="module")
def python(tmp_path_factory) -> Path:
    """A new virtual environment that sees this environment's packages (govlint and its
    dependencies) and has the example plugin pip-installed and two broken plugins."""
    root = tmp_path_factory.mktemp("plugin-env")
    venv.create(root / "venv", with_pip=False)
    python = root / "venv" / "bin" / "python"
    purelib = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    host = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (purelib / "_govlint_host.pth").write_text(
        "import site; " + "; ".join(f"site.addsitedir({p!r})" for p in host) + "\n", encoding="utf-8")
    source = shutil.copytree(EXAMPLE, root / "example-plugin")
    # Build with this environment's setuptools when it can make wheels, else let pip fetch it.
    can_build = all(importlib.util.find_spec(name) for name in ("setuptools", "wheel"))
    isolation = ["--no-build-isolation"] if can_build else []
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    *isolation, str(source)], check=True, capture_output=True)
    _install_broken_plugins(purelib)
    return python


def govlint(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "linter", *args], capture_output=True, text=True, cwd=cwd)


def test_the_example_plugins_rule_and_pack_are_listed(python: Path) -> None:
    rules = govlint(python, "rules")
    assert rules.returncode == 0, rules.stderr
    lines = rules.stdout.splitlines()
    assert any(line.startswith("EXA001   unfilled-placeholder") for line in lines)
    assert any(line.startswith("EXB001   contact-phone") for line in lines)
    assert "(govlint_example)" in govlint(python, "rule", "EXA001").stdout
    assert "example-city  [plugin example]" in govlint(python, "packs").stdout


def test_the_example_rule_fires_and_broken_plugins_are_each_reported_once(python: Path, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = govlint(python, "check", "--format", "json", "report.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)]
    assert ("EXA001", 4, 5, "报告中留有未填写的占位符“XX”") in found
    assert sorted(f for f in found if f[0] == "PLG001") == [
        ("PLG001", 1, 1, "插件 broken-hook 无法加载，其规则未运行：ValueError: 规则表损坏"),
        ("PLG001", 1, 1, "插件 broken-import 无法加载，其规则未运行：RuntimeError: 找不到配置文件 broken.ini"),
    ]


def test_a_pack_shipped_by_a_plugin_can_be_selected_by_name(python: Path, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    script = ("from linter.checker import check_file; from linter.settings import Settings; "
              "result = check_file('report.txt', Settings(packs=['example-city'])); "
              "print(sorted({d.code for d in result.diagnostics if d.code.startswith('EX')}))")
    result = subprocess.run([python, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == "['EXA001', 'EXB001']", result.stderr



class _Faulty:
    """A plugin whose hooks all raise (in process: no installation needed)."""

    @hookimpl
    def govlint_rules(self):
        raise ValueError("规则表损坏")

    @hookimpl
    def govlint_packs(self):
        raise OSError("找不到规则包")


class _Good:
    @hookimpl
    def govlint_rules(self):
        return [rule("GOOD001", "good")(lambda report, context: ())]


def test_a_plugin_whose_hooks_raise_is_reported_once_and_the_others_are_collected() -> None:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(_Faulty(), name="faulty")
    manager.register(_Good(), name="good")
    collected = Plugins(manager, [])
    assert [r.code for r in collected.collect("govlint_rules")] == ["GOOD001"]
    assert collected.collect("govlint_packs") == []
    assert [r.code for r in collected.collect("govlint_rules")] == ["GOOD001"]
    assert collected.failures == [PluginFailure("faulty", "ValueError: 规则表损坏")]


def test_every_name_of_the_document_and_report_models_is_importable_from_linter_model() -> None:
    """`linter.model` is the plugin API; its two parts may grow, the old import path must follow."""
    import ast

    import linter.model
    from linter.model import document, report

    def defined(module) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = {node.name for node in tree.body if isinstance(node, ast.ClassDef | ast.FunctionDef)}
        names |= {target.id for node in tree.body if isinstance(node, ast.Assign)
                  for target in node.targets if isinstance(target, ast.Name)}
        return {name for name in names if not name.startswith("_")}

    public = defined(document) | defined(report)
    assert {"Document", "Line", "Location", "START_OF_FILE", "Report", "Table", "Cell", "YearSource"} <= public
    assert public == set(linter.model.__all__)
    for name in public:
        assert getattr(linter.model, name) is vars(document).get(name, vars(report).get(name)), name
