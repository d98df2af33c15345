from __future__ import annotations

import sys
from pathlib import Path

import pytest

from linter.model import text_document
from linter.recognize import recognize

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEMO_PLUGIN = FIXTURES / "demo_plugin"


def recognize_text(text: str, path: str = "report.txt"):
    return recognize(text_document(path, str(text), format="markdown" if path.endswith(".md") else "text"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def demo_rules():
    """Only DEMO001–DEMO004 (tests/fixtures/demo_plugin) and GL001 run for the duration of a test.

    Every other rule plugin is unregistered meanwhile, so these tests do not depend on the
    national rules (which would find plenty in the stand-in reports).
    """
    import linter.suppression
    from linter.engine import all_rules
    from linter.plugins_manager import plugins

    sys.path.insert(0, str(DEMO_PLUGIN))
    import govlint_demo

    manager = plugins().manager
    hidden = [(manager.get_name(impl.plugin), impl.plugin) for impl in manager.hook.govlint_rules.get_hookimpls()
              if impl.plugin is not linter.suppression]
    for _, plugin in hidden:
        manager.unregister(plugin)
    manager.register(govlint_demo, name="govlint-demo-test")
    all_rules.cache_clear()
    yield govlint_demo
    manager.unregister(govlint_demo)
    for name, plugin in hidden:
        manager.register(plugin, name=name)
    all_rules.cache_clear()
    sys.path.remove(str(DEMO_PLUGIN))


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """govlint speaks the user's language (linter.i18n): the tests run in English, whatever the
    machine's locale, unless they ask for the Chinese side with the `zh` fixture."""
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def zh(monkeypatch):
    """A Chinese locale, as on a clerk's machine."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


@pytest.fixture(autouse=True)
def own_results_cache(monkeypatch, tmp_path_factory):
    """Each test's `govlint check` runs keep their results cache in a folder of the test's own
    (linter.run.cache), not in the repository or beside the test's files; GOVLINT_NO_CACHE unset."""
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path_factory.mktemp("govlint_cache")))
    monkeypatch.delenv("GOVLINT_NO_CACHE", raising=False)
