"""Recognition of tables 二, 三 and 四.

Each table's lines are found from the section headings and the tables' own anchors
(`regions.py`), cut into runs of numbers with their labels and aligned to the rows of each
template year (`align.py`). Table 二's wording (rows, columns, sub-tables specific to one year)
decides which template the report follows, table 三's （六） shape when table 二 says nothing.
A row whose count of numbers does not fit its columns, a missing row or stray numbers make
the table malformed: its values are then not trusted, and no cells are guessed.
"""

from __future__ import annotations

from collections import Counter

from linter.model import Cell, Label, Line, Malformation, Report, Table, TemplateEvidence
from linter.recognize.align import (
    Alignment,
    Match,
    RowSpec,
    Run,
    align_to_years,
    find_runs,
    join_unlabelled,
    label_key,
    span_location,
)
from linter.recognize.glued import read_glued
from linter.recognize.labels import Vocabulary, header_labels, make_label
from linter.recognize.regions import find_regions
from linter.recognize.tokens import Token
from linter.templates import Template, per_template

TABLE_IDS = ("二", "三", "四")


def recognize_tables(report: Report, templates: dict[str, Template]) -> set[int]:
    """Fill report.tables, report.template and its evidence; return the lines the tables occupy."""
    lines = report.document.lines
    regions = find_regions(report)
    parsed = {tid: find_runs(lines[a:b + 1]) for tid, (a, b) in regions.items()}
    if "四" in parsed:  # one data row: numbers wrapped over several lines belong together
        parsed["四"] = (join_unlabelled(parsed["四"][0]), parsed["四"][1])
    vocabularies = {tid: Vocabulary.of(tid, templates) for tid in TABLE_IDS}
    runs_of = {tid: runs for tid, (runs, _) in parsed.items() if runs}
    alignments = {"三": _alignments(runs_of["三"], templates, "三")} if "三" in runs_of else {}
    evidence = _table_two_evidence(report, vocabularies["二"], parsed.get("二"))
    shape = _shape_evidence(report, alignments.get("三"), templates)
    report.template = _decide(evidence, shape)
    report.template_evidence = evidence + shape
    # Tables 二 and 四 follow the template decided: only its alignment is needed.
    years = {report.template: templates[report.template]} if report.template else templates
    alignments |= {tid: _alignments(runs, years, tid) for tid, runs in runs_of.items() if tid != "三"}
    occupied: set[int] = set()
    for tid, runs in runs_of.items():
        by_year = alignments[tid]
        year = report.template or max(by_year, key=lambda y: by_year[y].score)
        # Table 三 may mix the years' （六） rows: it takes the shape that fits best.
        chosen = by_year[year] if tid != "三" else max(by_year.values(), key=lambda a: a.score)
        last = max(t.line for t in [*runs[-1].cells, *(t for m in chosen.matches for t in m.label)])
        location = report.document.locate_span(regions[tid][0], last)
        report.tables[tid] = _build(report, Table(tid, year, location), chosen, templates, vocabularies[tid], runs)
        occupied |= set(range(regions[tid][0], last + 1))
    return occupied


def _alignments(runs: list[Run], templates: dict[str, Template], table_id: str) -> dict[str, Alignment]:
    """The runs aligned to each template year's rows (see `align_to_years`)."""
    return align_to_years(runs, {year: _row_specs(template, table_id) for year, template in templates.items()})


@per_template
def _row_specs(template: Template, table_id: str) -> tuple[RowSpec, ...]:
    table = template.tables[table_id]
    return tuple(RowSpec(r.id, r.label, len(table.columns_of(r.id))) for r in table.rows)


def _table_two_evidence(report: Report, vocabulary: Vocabulary,
                        parsed: tuple[list[Run], list[Token]] | None) -> list[TemplateEvidence]:
    """One item per label of table 二 whose wording belongs to one template year."""
    if parsed is None:
        return []
    lines = report.document.lines
    runs, trailing = parsed
    fragments = [t for run in runs for t in run.before] + trailing
    evidence = []
    for fragment in fragments:
        year = vocabulary.year_of(label_key(fragment.text))
        if year:
            location = span_location(lines, (fragment,))
            evidence.append(TemplateEvidence(year, f"表二标签“{fragment.text.strip()}”为{year}年模板用语", location))
    return evidence


def _shape_evidence(report: Report, by_year: dict[str, Alignment] | None,
                    templates: dict[str, Template]) -> list[TemplateEvidence]:
    """Table 三's （六） rows: one row (2019 layout) or three (2021 layout)."""
    if not by_year:
        return []
    year, best = max(by_year.items(), key=lambda item: item[1].score)
    others = [t.tables["三"] for y, t in templates.items() if y != year]
    own = [m for m in best.matches if m.label and all(o.row(m.row.id) is None for o in others)]
    if not own:
        return []
    rows = "、".join(m.row.id for m in own)
    location = span_location(report.document.lines, own[0].label)
    return [TemplateEvidence(year, f"表三“其他处理”的行（{rows}）为{year}年模板格式", location)]


def _decide(evidence: list[TemplateEvidence], shape: list[TemplateEvidence]) -> str | None:
    votes = Counter(e.template for e in evidence).most_common()
    if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
        return votes[0][0]
    return shape[0].template if shape else None


def _build(report: Report, table: Table, alignment: Alignment, templates: dict[str, Template],
           vocabulary: Vocabulary, runs: list[Run]) -> Table:
    """Cells, row and column labels, foreign rows and malformations of one table."""
    lines = report.document.lines
    table_id = table.id
    template = templates[table.template].tables[table_id]
    grid = _grid(alignment)
    glued: dict[str, Match] = {}
    for match in alignment.matches:
        cells = match.run.fit(match.row.width, grid)
        if match.label and table_id != "四":  # table 四's one data row has no label of its own
            label = make_label(lines, match.label, match.row.id, match.row.label, match.similarity, vocabulary)
            table.row_labels.append(label)
            if template.row(match.row.id) is None:
                foreign_year = next((y for y, t in templates.items() if t.tables[table_id].row(match.row.id)), None)
                table.foreign_rows.append(_with_year(label, foreign_year))
        if match.run.glued and match.run.fits(match.row.width):
            glued[match.row.id] = match
        if cells is None:
            continue
        row = match.row.id
        for column, token in zip(template.columns_of(row), cells, strict=True):
            table.cells[(row, column.id)] = _cell(lines[token.line], table_id, row, column.id, token)
    unsplittable = read_glued(report, table, glued, templates[table.template]) if glued else []
    table.malformed = _malformations(report, table, alignment, grid) + unsplittable
    used = {id(t) for m in alignment.matches for t in m.label}
    header = [t for run in runs for t in run.before if id(t) not in used]
    if table_id != "二":
        header = [t for t in runs[0].before if id(t) not in used] if runs else []
    columns = tuple({c.id: c for r in template.rows for c in template.columns_of(r.id)}.values())
    table.column_labels = header_labels(lines, header, columns, vocabulary, repeat=table_id == "二")
    return table


def _with_year(label: Label, year: str | None) -> Label:
    return Label(label.text, label.location, label.template_id, label.template_label, label.similarity, year)


def _cell(line: Line, table_id: str, row: str, column: str, token: Token) -> Cell:
    location = line.locate(token.start, token.end)
    if token.kind == "empty":
        return Cell(table_id, row, column, None, "blank", token.text, location)
    return Cell(table_id, row, column, token.value, token.cell_kind, token.text, location, token.unit)


def _grid(alignment: Alignment) -> dict[int, int]:
    """For each field where one-line rows of a tab or pipe table start, where most of them end."""
    ends: dict[int, Counter] = {}
    for match in alignment.matches:
        cells = match.run.fit(match.row.width)
        if cells and match.run.one_line:
            ends.setdefault(cells[0].field, Counter())[cells[-1].field] += 1
    # the first most common, as most_common(1) gives it, without its import of heapq
    return {start: max(counter, key=counter.__getitem__) for start, counter in ends.items()}


def _malformations(report: Report, table: Table, alignment: Alignment, grid: dict[int, int]) -> list[Malformation]:
    lines = report.document.lines
    table_id = table.id
    found = []
    misfits: dict[tuple[int, int], list] = {}
    for match in alignment.matches:
        if not match.run.fits(match.row.width, grid):
            count = sum(c.isdigit() for t in match.run.numbers for c in t.text) if match.run.glued else None
            misfits.setdefault((len(match.run.numbers), count, match.row.width), []).append(match)
    for (count, digits, width), matches in misfits.items():
        first = matches[0]
        where = "数据行" if table_id == "四" else f"“{first.row.id} {first.row.label}”行"
        if len(matches) > 1:
            where = where[:-1] + f"等{len(matches)}行每行"
        what = f"{count}个数值" if digits is None else f"{digits}位数字（连写）"
        found.append(Malformation(f"表{table_id}{where}有{what}，模板为{width}列",
                                  span_location(lines, first.run.cells)))
    for row, previous in alignment.missing:
        location = span_location(lines, previous.cells) if previous else table.location
        found.append(Malformation(f"表{table_id}缺少“{row.id} {row.label}”行", location))
    for run in alignment.extra:
        found.append(Malformation(f"表{table_id}有一组{len(run.numbers)}个数值对应不到模板的任何行",
                                  span_location(lines, run.cells)))
    return found
