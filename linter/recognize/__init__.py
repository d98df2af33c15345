"""From a `Document` to a `Report`: title and year, sections, tables, paragraphs, and the
signature and publication dates."""

from __future__ import annotations

from linter.model import Document, Report
from linter.recognize.dates import recognize_dates
from linter.recognize.flat import unflatten
from linter.recognize.metadata import find_metadata
from linter.recognize.sections import find_paragraphs, find_sections
from linter.recognize.tables import recognize_tables
from linter.recognize.title import recognize_title
from linter.templates import all_templates, section_templates


def recognize(document: Document, fallback_year: int | None = None) -> Report:
    report = Report(unflatten(document, section_templates(), all_templates()))
    document = report.document
    report.metadata, report.metadata_lines = find_metadata(document)
    recognize_title(report, fallback_year)
    report.sections = find_sections(document, section_templates())
    not_prose = recognize_tables(report, all_templates())
    if report.metadata_lines:
        not_prose |= set(range(report.metadata_lines[0], report.metadata_lines[1] + 1))
    report.paragraphs = find_paragraphs(document, report.sections, not_prose)
    recognize_dates(report)
    return report
