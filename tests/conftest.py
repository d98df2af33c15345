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
