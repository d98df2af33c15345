"""The models rules read, in two parts: the document model (`linter.model.document`: what
loaders make of a file's bytes, `Document`, `Line`, `Location` …) and the report model
(`linter.model.report`: what the recogniser makes of a document, `Report`, `Table`, `Cell` …).

`linter.model` is part of the plugin API: every name of both parts is importable from here.
"""

from linter.model.document import (
    START_OF_FILE,
    Document,
    Format,
    Line,
    Location,
    Segment,
    Unread,
    stored_lines,
    text_document,
)
from linter.model.report import (
    Cell,
    CellKind,
    Dated,
    Label,
    Malformation,
    MetadataField,
    Paragraph,
    Report,
    Section,
    Table,
    TemplateEvidence,
    Title,
    YearSource,
)

__all__ = [
    "START_OF_FILE", "Cell", "CellKind", "Dated", "Document", "Format", "Label", "Line", "Location", "Malformation",
    "MetadataField", "Paragraph", "Report", "Section", "Segment", "Table", "TemplateEvidence", "Title", "Unread",
    "YearSource", "stored_lines", "text_document",
]
