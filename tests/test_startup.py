"""Start-up: a one-file run imports only what it uses, and the table of built-in loaders and
formatters that makes this possible says what pyproject.toml and their modules say."""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import pytest
from fixturetext import Fixture

from linter.plugins_manager import BUILTINS

ROOT = Path(__file__).resolve().parents[1]
REPORT = Fixture("""\
某某县人民政府
2022年政府信息公开工作年度报告

一、总体情况
本县认真做好政府信息公开工作。
""")


def _imported(tmp_path: Path, *arguments: str, text: str = REPORT, name: str = "report.txt",
              results_cache: bool = False) -> set[str]:
    """The modules a `govlint check` run on one text report imported."""
    report = tmp_path / name
    report.write_text(text, encoding="utf-8")
    script = ("import sys\nfrom linter.cli import main\n"
              f"main(['check', {str(report)!r}, *{list(arguments)!r}])\n"
              "print('\\n'.join(sys.modules), file=sys.stderr)\n")
    # start-up caches in tmp_path; every run checks the file (no cached result: that imports less)
    environment = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache"), "GOVLINT_NO_CACHE": "1"}
    if results_cache:
        del environment["GOVLINT_NO_CACHE"]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env=environment, check=False)
    return set(done.stderr.split())


def test_a_text_report_with_one_format_imports_neither_other_formats_nor_other_loaders(tmp_path) -> None:
    modules = _imported(tmp_path, "--format", "concise")
    assert {"linter.loaders.text", "linter.formatters.concise", "linter.plugins.sums"} <= modules
    unused = {"linter.loaders.pdf", "linter.loaders.pdfgrid", "pypdfium2", "linter.loaders.docx", "docx",
              "linter.loaders.html", "importlib.metadata", "concurrent.futures", "multiprocessing"}
    unused |= {f"linter.formatters.{name}" for name in ("full", "json", "github", "gitlab", "junit", "sarif", "html")}
    assert modules & unused == set()


def test_the_default_format_is_the_only_formatter_imported(tmp_path) -> None:
    formatters = {m for m in _imported(tmp_path) if m.startswith("linter.formatters.")}
    assert formatters == {"linter.formatters.full", "linter.formatters.ranking"}  # ranking: full's closing summary


UNUSED_WHEN_WARM = {"ruamel", "ruamel.yaml", "_ruamel_yaml", "tomllib", "json", "difflib", "importlib.resources",
                    "tempfile", "zipfile", "linter.fileio", "rapidfuzz",
                    "shutil", "heapq", "calendar",  # argparse's and tempfile's, Counter.most_common's, dates'
                    "hashlib", "_hashlib"}  # OpenSSL: linter.digests


def test_a_run_with_warm_caches_parses_no_yaml_and_imports_no_pack_rule_kinds(tmp_path) -> None:
    cold = _imported(tmp_path, "--format", "concise")
    assert "ruamel.yaml" in cold  # the cache in tmp_path was empty: the templates and the national pack parsed
    warm = _imported(tmp_path, "--format", "concise")
    assert "linter.templates" in warm
    assert warm & (UNUSED_WHEN_WARM | {"linter.packs.kinds"}) == set()


@pytest.mark.parametrize(("example", "used"), [("qingshan-2022.txt", "linter.formatters.full"),
                                             ("baishui-2022.md", "linter.fixes")])
def test_the_example_reports_import_neither_rapidfuzz_nor_a_file_writer(tmp_path, example, used) -> None:
    """Their tables, table 二's template-year evidence, DUP001 and DUP002 compare a few short
    labels and names: linter.fuzzy does it in Python, or finds nothing can match (tests/test_fuzzy.py).
    baishui's findings are shown with the default format, one marked fixable: linter.fixes is read
    for the formats it fixes, and nothing that writes files (tempfile, shutil) comes with it."""
    text = (ROOT / "examples" / "reports" / example).read_text(encoding="utf-8")
    _imported(tmp_path, text=text, name=example)
    modules = _imported(tmp_path, text=text, name=example)
    assert {"linter.fuzzy", "linter.plugins.duplicates", used} <= modules
    assert modules & UNUSED_WHEN_WARM <= {"linter.fileio"}  # with linter.fixes; tempfile only when it writes


def test_a_run_with_the_results_cache_loads_no_openssl(tmp_path) -> None:
    """The results cache hashes the file, the settings and govlint's own files: well within
    linter.digests' budget for Python's SHA-256."""
    stored = _imported(tmp_path, "--format", "concise", results_cache=True)
    read_back = _imported(tmp_path, "--format", "concise", results_cache=True)
    assert "linter.run.cache" in stored & read_back
    assert (stored | read_back) & {"hashlib", "_hashlib"} == set()


def test_rapidfuzz_compares_for_a_heading_worded_otherwise_only_when_there_is_much_to_compare(tmp_path) -> None:
    """A heading worded otherwise is compared in Python; a table 三 with a label worded otherwise
    is aligned by the dynamic programme, which compares every row with every run's candidate
    labels: past linter.fuzzy's budget, rapidfuzz does it."""
    _imported(tmp_path, "--format", "concise")
    worded_otherwise = REPORT.replace("一、总体情况", "一、工作总体情况")
    assert "rapidfuzz" not in _imported(tmp_path, "--format", "concise", text=worded_otherwise)
    example = Fixture((ROOT / "examples" / "reports" / "qingshan-2022.txt").read_text(encoding="utf-8"))
    label_worded_otherwise = example.replace("本机关不掌握相关政府信息", "本机关未掌握该项政府信息")
    assert "rapidfuzz" in _imported(tmp_path, "--format", "concise", text=label_worded_otherwise)


def test_heading_similarity_is_rapidfuzz_ratio() -> None:
    from rapidfuzz import fuzz

    from linter.recognize.sections import _similarity
    from linter.templates import SectionTemplate

    template = SectionTemplate("一", "总体情况", ("工作概况",))
    for title in ("总体情况", "总体情况。", "工作概况", "工作总体情况", "其他", ""):
        assert _similarity(title, template) == max(fuzz.ratio(title.rstrip("。."), t) for t in ("总体情况", "工作概况"))


def test_a_run_with_warm_caches_parses_no_toml(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.govlint]\nexclude = ["drafts"]\n', encoding="utf-8")
    assert "tomllib" in _imported(tmp_path, "--format", "concise")
    warm = _imported(tmp_path, "--format", "concise")
    assert "linter.config" in warm
    assert warm & UNUSED_WHEN_WARM == set()  # packs.kinds may be: a configuration is checked against every pack


def _table_entry(formatter) -> tuple:
    """How BUILTINS names a formatter: name, description, and the other fields that are not the defaults."""
    defaults = {field.name: field.default for field in dataclasses.fields(formatter)}
    others = {name: getattr(formatter, name) for name in defaults
              if name not in ("name", "write", "description") and getattr(formatter, name) != defaults[name]}
    return (formatter.name, formatter.description, others) if others else (formatter.name, formatter.description)


def test_builtin_table_names_every_loader_and_formatter_of_pyproject_as_its_module_returns_them() -> None:
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    for name, value in entry_points["govlint"].items():
        module = importlib.import_module(value)
        loaders = tuple((loader.name, loader.extensions, loader.extra)
                        for loader in getattr(module, "govlint_loaders", lambda: [])())
        formatters = tuple(_table_entry(f) for f in getattr(module, "govlint_formatters", lambda: [])())
        if loaders or formatters:
            assert BUILTINS[name] == (value, loaders, formatters), name
        else:
            assert name not in BUILTINS, name
    assert set(BUILTINS) <= set(entry_points["govlint"])


def test_module_plugins_are_read_as_pluggy_reads_them() -> None:
    """The manager's quick reading of a module's names finds exactly the hooks pluggy's own finds."""
    import types

    import pluggy

    from linter import hookspecs
    from linter.plugins_manager import _Manager, entry_points

    odd = types.ModuleType("odd")
    odd.rules = hookspecs.hookimpl(lambda: [])
    odd.marked_static = staticmethod(hookspecs.hookimpl(lambda: []))
    odd.bad_marker = lambda: []
    odd.bad_marker.govlint_impl = "not a dict"
    odd.number = 3
    modules = [importlib.import_module(value.split(":")[0]) for _, value, _ in entry_points()] + [odd]
    quick, pluggys = _Manager(hookspecs.PROJECT), pluggy.PluginManager(hookspecs.PROJECT)
    found = [(m.__name__, name, quick.parse_hookimpl_opts(m, name)) for m in modules for name in dir(m)]
    assert found == [(m.__name__, name, pluggys.parse_hookimpl_opts(m, name)) for m in modules for name in dir(m)]
    assert ("linter.plugins.sums", "govlint_rules") in {(m, name) for m, name, options in found if options}
    assert {name for m, name, options in found if m == "odd" and options} == {"rules", "marked_static"}


def test_every_dataclass_has_a_docstring() -> None:
    """Otherwise `dataclasses` writes one at import from `inspect.signature(cls)`: about 0.1 ms a
    class, and a one-file run imports some eighty."""
    import ast

    undocumented = []
    for path in sorted([*(ROOT / "linter").rglob("*.py"), *(ROOT / "plugins").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            decorators = [d.func if isinstance(d, ast.Call) else d for d in getattr(node, "decorator_list", [])]
            if (isinstance(node, ast.ClassDef) and any(ast.unparse(d).endswith("dataclass") for d in decorators)
                    and ast.get_docstring(node) is None):
                undocumented.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert undocumented == []


@pytest.mark.parametrize("columns", [None, "50", "abc", "0", "-3"])
def test_help_is_as_wide_as_shutil_says_the_terminal_is(columns, monkeypatch) -> None:
    """The help formatter finds the width as shutil does, without importing it (and bz2, lzma)."""
    import shutil

    from linter.i18n import _terminal_width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    for lines in (None, "20"):
        if lines is None:
            monkeypatch.delenv("LINES", raising=False)
        else:
            monkeypatch.setenv("LINES", lines)
        assert _terminal_width() == shutil.get_terminal_size().columns
