"""From a `Document` to a `Report`: title and year, sections, tables, paragraphs, and the
signature and publication dates."""

from __future__ import annotations

from linter.model import Document, Report
from linter.recognize.dates import recognize_dates
from linter.recognize.sections import find_paragraphs, find_sections
from linter.recognize.tables import recognize_tables
from linter.recognize.title import recognize_title
from linter.templates import all_templates, section_templates


def recognize(document: Document, fallback_year: int | None = None) -> Report:
    report = Report(document)
    recognize_title(report, fallback_year)
    report.sections = find_sections(document, section_templates())
    table_lines = recognize_tables(report, all_templates())
    report.paragraphs = find_paragraphs(document, report.sections, table_lines)
    recognize_dates(report)
    return report
