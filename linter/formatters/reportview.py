"""What the HTML page shows of one report besides its findings, small enough to keep for ten
thousand reports: title, body, year and template; its tables cell by cell as written (the page
draws those that have a cell with a finding); and for each finding the line it is on (a DOCX
paragraph or table row, a PDF line), since the document itself is not kept.

A run makes the view where the file is checked (a worker), with the file's own findings; the
corpus step adds the lines of the corpus rules' findings (`add_excerpts`) when it reads those
files again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.diagnostics import Diagnostic
from linter.model import Document, Location, Report
from linter.source import FlaggedLine, flagged_line, placed_line


@dataclass(frozen=True)
class TableView:
    """A table as the HTML page shows it."""

    id: str
    """二, 三 or 四."""
    template: str | None
    """The template year the table follows ("2019"/"2021")."""
    cells: dict[tuple[str, str], str]
    """The cells as written, by (row id, column id)."""


@dataclass(frozen=True)
class ReportView:
    """What the HTML page shows of a report besides its findings (made where it is checked)."""

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
    tables = tuple(TableView(t.id, t.template or report.template, {key: c.raw for key, c in t.cells.items()})
                   for t in report.tables.values())
    view = ReportView(report.title.text if report.title else None, report.body, report.year, report.template,
                      tables)
    add_excerpts(view, report.document, diagnostics)
    return view


def add_excerpts(view: ReportView, document: Document, diagnostics: list[Diagnostic]) -> None:
    """The line each of `diagnostics` is on in `document`, added to `view`."""
    for d in diagnostics:
        shown = flagged_line(document, d.location) or placed_line(document, d.location)
        if shown is not None:
            view.excerpts[d.location] = shown


def drawn_tables(view: ReportView, diagnostics: list[Diagnostic]) -> tuple[TableView, ...]:
    """The tables of `view` the page draws: those with a cell that one of `diagnostics` names."""
    flagged = {d.cell.table for d in diagnostics if d.cell}
    return tuple(table for table in view.tables if table.id in flagged)
