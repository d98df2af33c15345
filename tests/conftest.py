from __future__ import annotations

from pathlib import Path

import pytest

from linter.model import text_document
from linter.recognize import recognize

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def recognize_text(text: str, path: str = "report.txt"):
    return recognize(text_document(path, text, format="markdown" if path.endswith(".md") else "text"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


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
