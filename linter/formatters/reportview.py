"""What the HTML page shows of one report besides its findings, small enough to keep for ten
thousand reports: title, body, year and template; the tables that have a cell with a finding,
cell by cell as written; and for each finding the line it is on (a DOCX paragraph or table
row, a PDF line), since the document itself is not kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.diagnostics import Diagnostic
from linter.model import Location, Report
from linter.source import FlaggedLine, flagged_line, placed_line


@dataclass(frozen=True)
class TableView:
    id: str
    """二, 三 or 四."""
    template: str | None
    """The template year the table follows ("2019"/"2021")."""
    cells: dict[tuple[str, str], str]
    """The cells as written, by (row id, column id)."""


@dataclass(frozen=True)
class ReportView:
    title: str | None = None
    body: str | None = None
    year: int | None = None
    template: str | None = None
    tables: tuple[TableView, ...] = ()
    excerpts: dict[Location, FlaggedLine] = field(default_factory=dict)


def report_view(report: Report | None, diagnostics: list[Diagnostic]) -> ReportView:
    """The view of `report` for the page that lists `diagnostics`."""
    if report is None:
        return ReportView()
    document = report.document
    excerpts = {}
    for d in diagnostics:
        shown = flagged_line(document, d.location) or placed_line(document, d.location)
        if shown is not None:
            excerpts[d.location] = shown
    flagged = {d.cell.table for d in diagnostics if d.cell}
    tables = tuple(TableView(t.id, t.template or report.template, {key: c.raw for key, c in t.cells.items()})
                   for t in report.tables.values() if t.id in flagged)
    return ReportView(report.title.text if report.title else None, report.body, report.year, report.template,
                      tables, excerpts)
