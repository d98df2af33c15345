"""Recognition of tables 二, 三 and 四 (to be written: see issue 2)."""

from __future__ import annotations

from linter.model import Report
from linter.templates import Template


def recognize_tables(report: Report, templates: dict[str, Template]) -> set[int]:
    """Fill report.tables and report.template; return the line indices the tables occupy."""
    return set()
