"""The recognised structure of a report as plain data (`govlint inspect`)."""

from __future__ import annotations

from linter.model import Label, Location, Report, Table


def _label(label: Label) -> dict:
    data = {"id": label.template_id, "label": label.text, "similarity": round(label.similarity, 1),
            **label.location.to_dict()}
    if label.template_year:
        data["template_year"] = label.template_year
    return data


def _table(table: Table) -> dict:
    return {
        "id": table.id,
        "template": table.template,
        "aligned": table.aligned,
        **table.location.to_dict(),
        "malformed": [{"reason": m.reason, **m.location.to_dict()} for m in table.malformed],
        "rows": [_label(label) for label in table.row_labels],
        "columns": [_label(label) for label in table.column_labels],
        "foreign_rows": [
            {"id": label.template_id, "label": label.text, "template": label.template_year,
             **label.location.to_dict()}
            for label in table.foreign_rows
        ],
        "cells": [cell.to_dict() for cell in table.cells.values()],
    }


def report_to_dict(report: Report) -> dict:
    document = report.document
    return {
        "path": report.path,
        "format": document.format,
        "encoding": document.encoding,
        "metadata": {key: {"value": f.value, **f.location.to_dict()} for key, f in report.metadata.items()},
        "title": {"text": report.title.text, **report.title.location.to_dict()} if report.title else None,
        "body": report.body,
        "body_kind": report.body_kind,
        "year": report.year,
        "year_source": report.year_source,
        "year_location": report.year_location.to_dict() if report.year_location else None,
        "template": report.template,
        "template_evidence": [
            {"template": e.template, "reason": e.reason, **e.location.to_dict()} for e in report.template_evidence
        ],
        "sections": [
            {"number": s.number, "title": s.title, "template_title": s.template_title,
             "similarity": round(s.similarity, 1), "level": s.level, **s.heading.to_dict(),
             "body_lines": [document.lines[s.body[0]].locate().line if s.body[0] <= s.body[1] else None,
                            document.lines[s.body[1]].locate().end_line if s.body[0] <= s.body[1] else None]}
            for s in report.sections
        ],
        "paragraphs": len(report.paragraphs),
        "tables": {table_id: _table(table) for table_id, table in report.tables.items()},
    }


def report_summary(report: Report) -> str:
    lines = [
        f"{report.path}",
        f"  标题: {report.title.text if report.title else '(未找到)'}",
        f"  机关: {report.body or '(未知)'} ({report.body_kind or '?'})",
        f"  年度: {report.year or '(未知)'} (来源: {report.year_source or '-'})",
        f"  模板: {report.template or '(未识别)'}",
        "  章节: " + " ".join(f"{s.number}@{_where(s.heading)}" for s in report.sections),
    ]
    for table in report.tables.values():
        state = "对齐" if table.aligned else "无法对齐: " + "; ".join(m.reason for m in table.malformed)
        lines.append(f"  表{table.id}: {len(table.cells)} 个单元格, {state}")
    return "\n".join(lines)


def _where(location: Location) -> str:
    """"11" for a text line, "p4:11" on a PDF page, "段落12" for a DOCX paragraph."""
    if location.logical:
        return location.logical
    return f"p{location.page}:{location.line}" if location.page is not None else str(location.line)
