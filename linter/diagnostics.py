"""Diagnostics: what a rule reports, and its severity."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from linter.model import Location
from linter.source import FlaggedLine


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class CellRef:
    """A table cell by its template ids."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table}:{self.row}:{self.column}"


@dataclass(frozen=True)
class Related:
    """Another place a finding involves (an occurrence of the same name, a second identity broken
    by the same total); `path` None means the file of the finding itself."""

    location: Location
    message: str = ""
    path: str | None = None

    def to_dict(self) -> dict:
        data: dict = {"path": self.path} if self.path is not None else {}
        return {**data, **self.location.to_dict(), "message": self.message}


@dataclass(frozen=True)
class Fix:
    """Replace `location` (one line) by `replacement`. Only safe fixes are offered."""

    location: Location
    replacement: str
    description: str = ""


@dataclass(frozen=True)
class Finding:
    """What a rule function yields; the engine adds the rule's code and severity."""

    message: str
    location: Location
    cell: CellRef | None = None
    fix: Fix | None = None
    fingerprint: str | None = None
    """Location-independent identity of the finding (cell id, normalised text) for baselines."""
    related: tuple[CellRef, ...] = ()
    """Cells the finding involves besides `cell` (e.g. the parts of a sum)."""
    related_locations: tuple[Related, ...] = ()
    """Other places in the text the finding involves, each with what it is."""


@dataclass
class Diagnostic:
    """A finding as output shows it: a rule's finding at its severity, in a file."""

    code: str
    severity: Severity
    message: str
    path: str
    location: Location
    rule: str = ""
    cell: CellRef | None = None
    fix: Fix | None = None
    fingerprint: str | None = None
    related: tuple[CellRef, ...] = field(default_factory=tuple)
    related_locations: tuple[Related, ...] = field(default_factory=tuple)
    excerpt: FlaggedLine | None = None
    """The source line shown under the finding, cut around the span (`linter.source.excerpt`);
    None where the file has no line to show (PDF, DOCX: `location.place`)."""

    def sort_key(self) -> tuple:
        return (self.path, self.location.page or 0, self.location.line, self.location.column, self.code)

    def to_dict(self) -> dict:
        data = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "rule": self.rule,
            **self.location.to_dict(),
        }
        if self.cell:
            data["cell"] = {"table": self.cell.table, "row": self.cell.row, "column": self.cell.column}
        if self.related:
            data["related"] = [str(ref) for ref in self.related]
        if self.related_locations:
            data["related_locations"] = [place.to_dict() for place in self.related_locations]
        if self.fix:
            data["fix"] = {"replacement": self.fix.replacement, "description": self.fix.description}
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        return data
