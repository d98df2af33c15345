"""Label wording: which template year a written label belongs to, and column headers.

The wording of each template year is read from the template files (rows, columns and
sub-table anchors of each table), so nothing here lists labels by hand.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from linter.fuzzy import extract_one
from linter.memo import Memo
from linter.model import Label, Line
from linter.recognize.align import label_key, label_text, span_location
from linter.recognize.tokens import Token
from linter.templates import Column, Template, per_template

_ONE_YEAR_SIMILARITY = 80.0
_HEADER_SIMILARITY = 75.0
_STACK_LINES = 3
_MEMO_LIMIT = 20_000  # keys remembered per vocabulary (a run over many reports asks the same ones)


@dataclass(frozen=True)
class Vocabulary:
    """Label keys of one table, per template year."""

    by_year: dict[str, frozenset[str]]
    _years_of: Memo = field(default_factory=lambda: Memo(_MEMO_LIMIT), repr=False, compare=False)
    """`year_of` by key: labels are mostly the template's own wording, asked again in every report."""

    @classmethod
    def of(cls, table_id: str, templates: dict[str, Template]) -> Vocabulary:
        """The vocabulary of table `table_id` (made once per set of templates)."""
        return _vocabulary(templates, table_id)

    def year_of(self, key: str) -> str | None:
        """The template year whose own wording `key` is (None when shared or unclear)."""
        if key in self._years_of:
            return self._years_of[key]
        return self._years_of.keep(key, self._year_of(key))

    def _year_of(self, key: str) -> str | None:
        if len(self.by_year) < 2:
            return None
        # A year's own wording scores 100 there (only identical strings do) and less in the others.
        exact = [year for year, words in self.by_year.items() if key in words]
        if exact:
            return exact[0] if len(exact) == 1 else None
        scores = {}
        for year, words in self.by_year.items():
            best = extract_one(key, list(words))
            scores[year] = best if best else ("", 0.0, 0)
        year, (word, score, _) = max(scores.items(), key=lambda item: item[1][1])
        others = [s[1] for y, s in scores.items() if y != year]
        shared = any(word in words for y, words in self.by_year.items() if y != year)
        if score >= _ONE_YEAR_SIMILARITY and not shared and all(score > o for o in others):
            return year
        return None


@per_template
def _vocabulary(templates: dict[str, Template], table_id: str) -> Vocabulary:
    by_year = {}
    for year, template in templates.items():
        table = template.tables.get(table_id)
        if table is None:
            continue
        words = {r.label for r in table.rows} | set(table.subtables)
        words |= {text for r in table.rows for c in table.columns_of(r.id) for text in (c.id, c.label)}
        by_year[year] = frozenset(label_key(w) for w in words)
    return Vocabulary(by_year)


def make_label(lines: list[Line], tokens: tuple[Token, ...], template_id: str, template_label: str,
               similarity: float, vocabulary: Vocabulary) -> Label:
    text = label_text(tokens)
    return Label(text, span_location(lines, tokens), template_id, template_label, similarity,
                 vocabulary.year_of(label_key(text)))


def header_labels(lines: list[Line], fragments: list[Token], columns: tuple[Column, ...],
                  vocabulary: Vocabulary, *, repeat: bool) -> list[Label]:
    """Column headers among `fragments` (reading order), a header split in two included: over
    consecutive fragments ("商业" "企业") or stacked in PDF text ("结果" above "维持"); each
    column is taken once, in reading order, unless `repeat` (table 二's sub-tables)."""
    leaves = tuple(label_key(_leaf(c.label)) for c in columns)
    first_line = fragments[0].line if fragments else 0
    placed = tuple((t.text, t.line - first_line, t.field, t.start, t.end) for t in fragments)
    return [make_label(lines, tuple(fragments[p] for p in taken), columns[column].id, columns[column].label, score,
                       vocabulary)
            for taken, column, score in _headers(placed, leaves, repeat)]


_Placed = tuple[str, int, int, int, int]
"""A fragment as header matching reads it: text, line (from the first fragment's), field, start, end."""


@functools.lru_cache(maxsize=1_024)  # a run's reports mostly lay out their tables' headers alike
def _headers(fragments: tuple[_Placed, ...], leaves: tuple[str, ...],
             repeat: bool) -> tuple[tuple[tuple[int, ...], int, float], ...]:
    """The headers found among `fragments`: the positions of each one's fragments, its column and
    its similarity."""
    unused = list(range(len(leaves)))
    used: set[int] = set()
    found = []

    def best(option: tuple[_Placed, ...]) -> tuple[float, int]:
        return _nearest_leaf(label_key("".join(f[0].strip() for f in option)), leaves)

    for position, fragment in enumerate(fragments):
        if position in used:
            continue
        taken, (score, leaf) = (position,), best((fragment,))
        for partner in _partners(fragments, position, used):
            pair = (fragment, fragments[partner])
            pair_score, pair_leaf = best(pair)
            if pair_score > max(score, best(pair[1:])[0]):
                taken, score, leaf = (position, partner), pair_score, pair_leaf
        column = next((i for i in (range(len(leaves)) if repeat else unused) if leaves[i] == leaves[leaf]), None)
        if score >= _HEADER_SIMILARITY and column is not None:
            if not repeat:
                unused.remove(column)
            used.update(taken)
            found.append((taken, column, score))
    return tuple(found)


@functools.lru_cache(maxsize=_MEMO_LIMIT)  # headers are mostly the template's words, in every report
def _nearest_leaf(key: str, leaves: tuple[str, ...]) -> tuple[float, int]:
    """The similarity of the leaf `key` is most like, and its index (0.0, 0 without leaves)."""
    match = extract_one(key, leaves)
    return (match[1], match[2]) if match else (0.0, 0)


def _leaf(label: str) -> str:
    """The header written in the table for a column: "结果维持" for "行政复议/结果维持" (but
    "本年增/减" is one header)."""
    group, _, leaf = label.rpartition("/")
    return leaf if len(group) > 1 and len(leaf) > 1 else label


def _partners(fragments: tuple[_Placed, ...], position: int, used: set[int]) -> list[int]:
    """Fragments that may complete fragment `position`: the next one (not the next cell of the same
    table row), and the first one standing below it (a later line, overlapping columns) within a
    few lines."""
    _, line, field, start, end = fragments[position]
    following = fragments[position + 1] if position + 1 < len(fragments) and position + 1 not in used else None
    # Two cells of one row of a tab or pipe table are two headers, however they read together.
    side_by_side = following is not None and following[1] == line and following[2] != field
    found = [position + 1] if following is not None and not side_by_side else []
    for below in range(position + 1, len(fragments)):
        _, other_line, _, other_start, other_end = fragments[below]
        if other_line - line > _STACK_LINES:  # fragments come in reading order: none further down
            break
        overlapping = other_start < end and start < other_end
        if below not in used and other_line > line and overlapping:
            if below not in found:
                found.append(below)
            break
    return found
