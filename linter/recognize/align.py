"""Runs of numbers and their labels, aligned to a template's row sequence.

A *run* is what one table row left in the text: consecutive number tokens (one line of a tab,
pipe or PDF layout, or consecutive one-number lines of a one-cell-per-line layout), with the
label fragments written since the previous run (`before`) and up to the next one (`after`,
for labels broken around the numbers). Runs are aligned to the template rows monotonically
(dynamic programming), scored by fuzzy label similarity and by how well the count of numbers
fits the row; a template row left without a run is missing, a run left without a row is extra.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from linter.fuzzy import extract_one, ratio
from linter.memo import Memo
from linter.model import Line, Location
from linter.recognize.tokens import Token, tokenize
from linter.textnorm import squash

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|[(][一二三四五六七八九十]+[)]|\d{1,2}[.、,]?(?=\D))+")
_HTML_TAG = re.compile(r"<[^<>]{1,20}>")  # "<br>" inside a Markdown cell
_PUNCTUATION = re.compile(r"[\W_]+")
_BARE_PAGE_NUMBER = re.compile(r" {20,}\d{1,3} *")
_WINDOW = 6  # label fragments before a run that may form its label
_SPAN = 4  # fragments one label may consist of
_MATCH_BASE = 40.0  # a match with label similarity below this costs more than it gains
_FIT_BONUS = 15.0  # the run has as many cells as the row has columns
_SKIP_RUN = 30.0
_SKIP_ROW = 30.0
_MATCH_SCORE = 100.0 - _MATCH_BASE + _FIT_BONUS  # a run matched to a row worded as its label, that it fits


@dataclass
class Run:
    """Number and empty-field tokens of one table row, with the label text around them."""

    cells: list[Token]
    before: list[Token]
    after: list[Token] = field(default_factory=list)
    scores: dict[str, tuple[float, tuple[Token, ...]]] = field(default_factory=dict, repr=False, compare=False)
    """Best label similarity to each template label key, with its candidate (see `align`)."""
    _fitted: dict[tuple[int, int | None], list[Token] | None] = field(default_factory=dict, repr=False,
                                                                      compare=False)
    """`fit` by width and grid end (alignment, grid, cells and malformations each ask)."""

    @functools.cached_property
    def _window(self) -> tuple[list[Token], int]:
        """The fragments a label may be made of (the last before the run, the first after it),
        and how many of them come before."""
        before = self.before[-_WINDOW:]
        return before + self.after[:2], len(before)

    @functools.cached_property
    def label_keys(self) -> tuple[str, ...]:
        """The comparison key of each candidate label (see `_candidate_spans`)."""
        fragments, before = self._window
        return _candidate_keys(tuple(t.text for t in fragments), before)

    def candidate(self, index: int) -> tuple[Token, ...]:
        """The fragments of candidate label `index` (in `label_keys` order)."""
        fragments, before = self._window
        return tuple(fragments[p] for p in _candidate_spans(before, len(fragments) - before)[index])

    @functools.cached_property
    def label_options(self) -> tuple[list[tuple[Token, ...]], tuple[str, ...]]:
        """The candidate labels and their comparison keys."""
        return [self.candidate(i) for i in range(len(self.label_keys))], self.label_keys

    def label_worded(self, key: str) -> tuple[Token, ...] | None:
        """The first candidate label whose key is `key`, or None (a report that follows the
        template has its row's own wording)."""
        keys = self.label_keys
        return self.candidate(keys.index(key)) if key in keys else None

    @property
    def shape(self) -> tuple:
        """What aligning the run reads of it: its label fragments' text, and what says how many
        cells it can be (see `fits` with no grid)."""
        fragments, before = self._window
        numbers = self.numbers
        core = len(self.cells)
        while self.cells[core - 1].kind == "empty":
            core -= 1
        digits = sum(c.isdigit() for t in numbers for c in t.text) if self.glued else 0
        return tuple([t.text for t in fragments]), before, self.glued, len(numbers), core, digits

    @functools.cached_property
    def numbers(self) -> list[Token]:
        return [t for t in self.cells if t.kind == "number"]

    def fit(self, width: int, grid: dict[int, int] | None = None) -> list[Token] | None:
        """The row's cells when they fit `width` columns: interior empty fields are merged-cell
        gaps when the numbers alone fit, blank cells when numbers and gaps together fit.
        Trailing empty fields are not cells, unless the other rows of the table that start in
        the same field have their last cell where they end (`grid`: first field → last field):
        then they are blank cells."""
        if self.glued:
            return None
        grid_end = (grid or {}).get(self.cells[0].field)
        if (width, grid_end) not in self._fitted:
            self._fitted[width, grid_end] = self._fit(width, grid_end)
        return self._fitted[width, grid_end]

    def _fit(self, width: int, grid_end: int | None) -> list[Token] | None:
        numbers = self.numbers
        if len(numbers) == width:
            return numbers
        core = list(self.cells)
        while core[-1].kind == "empty":
            core.pop()
        if len(core) == width:
            return core
        if grid_end is not None and self.one_line:
            padded = [t for t in self.cells if t.field <= grid_end]
            if len(padded) == width and padded[-1].field == grid_end:
                return padded
        return None

    @functools.cached_property
    def glued(self) -> bool:
        """Digits of a flattened row: the cells are found by recognize/digits.py, not by `fit`."""
        return any(t.glued for t in self.cells)

    def fits(self, width: int, grid: dict[int, int] | None = None) -> bool:
        """Whether the run can be `width` cells: glued digits need a digit per cell and a cell per group."""
        if self.glued:
            digits = sum(c.isdigit() for t in self.numbers for c in t.text)
            return len(self.numbers) <= width <= digits
        return self.fit(width, grid) is not None

    @property
    def one_line(self) -> bool:
        return self.cells[0].line == self.cells[-1].line


@dataclass(frozen=True)
class RowSpec:
    """A template row as alignment sees it: its label and how many cells it has."""

    id: str
    label: str
    width: int


@dataclass
class Match:
    """A run given to a template row, with the label taken for it and that label's similarity."""

    run: Run
    row: RowSpec
    label: tuple[Token, ...]
    similarity: float


@dataclass
class Alignment:
    """Runs assigned to the rows of one template year's table, and the score of the assignment."""

    matches: list[Match]
    missing: list[tuple[RowSpec, Run | None]]
    """Template rows no run was given to, each with the run of the row before it."""
    extra: list[Run]
    score: float


@functools.lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """Label text for comparing wording: squashed, without Markdown marks, leading numbering
    ("（三）", "1.", "一、") or punctuation (quotes and brackets come in many variants)."""
    flat = _HTML_TAG.sub("", squash(text)).strip("*#`>")
    return _PUNCTUATION.sub("", _NUMBERING.sub("", flat))


def label_text(tokens: Sequence[Token]) -> str:
    if len(tokens) == 1:
        return tokens[0].text.strip()
    return "".join([t.text.strip() for t in tokens])


def span_location(lines: list[Line], tokens: tuple[Token, ...] | list[Token]) -> Location:
    first, last = tokens[0], tokens[-1]
    start = lines[first.line].locate(first.start, first.end)
    end = lines[last.line].locate(last.start, last.end)
    return start.through(end)


def find_runs(lines: list[Line]) -> tuple[list[Run], list[Token]]:
    """The runs of the lines, and the label fragments after the last run."""
    runs: list[Run] = []
    pending: list[Token] = []
    current: list[Token] = []
    before: list[Token] = []

    def close() -> None:
        nonlocal current
        if current:
            runs.append(Run(current, before))
        current = []

    for position, line in enumerate(lines):
        tokens = tokenize(line)
        if not tokens or _bare_page_number(lines, position):
            continue
        kinds = [t.kind for t in tokens]
        row_line = kinds.count("number") > 1 or "label" in kinds
        if row_line:
            close()
        for token in tokens:
            if token.kind == "label":
                close()
                pending.append(token)
            elif current or token.kind == "number":
                if not current:
                    before, pending = pending, []
                current.append(token)
        if row_line:
            close()
    close()
    for run, following in zip(runs, runs[1:], strict=False):
        run.after = following.before
    if runs:
        runs[-1].after = pending
    return runs, pending


def join_unlabelled(runs: list[Run]) -> list[Run]:
    """Runs with no label between them joined into one (a single-row table wrapped over lines)."""
    joined: list[Run] = []
    for run in runs:
        if joined and not run.before:
            joined[-1] = Run(joined[-1].cells + run.cells, joined[-1].before, run.after)
        else:
            joined.append(run)
    return joined


def _bare_page_number(lines: list[Line], position: int) -> bool:
    """A page number without dashes in PDF text: a short number far from the margin, alone
    between blank lines (a one-cell-per-line table keeps its numbers near the margin)."""
    norm = lines[position].norm
    if not _BARE_PAGE_NUMBER.fullmatch(norm):
        return False
    return all(not lines[i].norm.strip() for i in (position - 1, position + 1) if 0 <= i < len(lines))


@functools.lru_cache(maxsize=64)
def _candidate_spans(before: int, after: int) -> tuple[tuple[int, ...], ...]:
    """Positions (in a run's `_window`) of the fragment sequences that may be its label: a stretch
    of the `before` fragments before it, continued by the first of the `after` fragments after it
    when the stretch ends at the run; with nothing before, the continuations alone."""
    tails = [tuple(range(before + a, before + b)) for a, b in _TAILS if after >= b]
    spans: list[tuple[int, ...]] = []
    for i in range(before):
        for j in range(i + 1, min(before, i + _SPAN) + 1):
            spans.append(tuple(range(i, j)))
            if j == before:
                spans.extend(spans[-1] + tail for tail in tails)
    return tuple(spans) if before else tuple(tails)


_TAILS = ((0, 1), (0, 2), (1, 2))
"""Continuations after a run: the first fragment, the first two, or the second alone (the first
being a group label broken on the same line, "提供" in "提供→需要另行制作")."""


@functools.lru_cache(maxsize=8_192)  # table rows are worded alike from report to report
def _candidate_keys(texts: tuple[str, ...], before: int) -> tuple[str, ...]:
    return tuple(label_key("".join([texts[p].strip() for p in span]))
                 for span in _candidate_spans(before, len(texts) - before))


def align_to_years(runs: list[Run], specs: dict[str, tuple[RowSpec, ...]]) -> dict[str, Alignment]:
    """The runs aligned to each template year's rows (`specs`), leaving out the years that cannot
    score as well as an exact alignment to another year (only the best alignment is ever used).

    Remembered by the runs' shape: the tables of a run's reports are mostly laid out and worded
    alike, and an alignment depends on the label fragments' text and the runs' cell counts only."""
    key = (tuple((year, id(rows)) for year, rows in specs.items()), tuple([run.shape for run in runs]))
    known = _known_alignments.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], specs.values(), strict=True)):
        return {year: layout.alignment(runs) for year, layout in known[1].items()}
    found = _aligned_to_years(runs, specs)
    _known_alignments.keep(key, (tuple(specs.values()), {year: _Layout.of(a, runs) for year, a in found.items()}))
    return found


def _aligned_to_years(runs: list[Run], specs: dict[str, tuple[RowSpec, ...]]) -> dict[str, Alignment]:
    exact = {year: alignment for year, rows in specs.items() if (alignment := exact_alignment(runs, rows))}
    best = max((a.score for a in exact.values()), default=float("-inf"))
    return {year: exact.get(year) or align(runs, rows) for year, rows in specs.items()
            if year in exact or score_bound(runs, rows) >= best}


@dataclass(frozen=True)
class _Layout:
    """An alignment with its runs by index and each label by its fragments' positions in its
    run's window (`Run._window`): what another report whose runs have the same shape gets."""

    matches: tuple[tuple[int, RowSpec, tuple[int, ...], float], ...]
    missing: tuple[tuple[RowSpec, int | None], ...]
    extra: tuple[int, ...]
    score: float

    @classmethod
    def of(cls, alignment: Alignment, runs: list[Run]) -> _Layout:
        index = {id(run): i for i, run in enumerate(runs)}

        def positions(run: Run, label: tuple[Token, ...]) -> tuple[int, ...]:
            window = run._window[0]
            return tuple(next(p for p, t in enumerate(window) if t is token) for token in label)

        return cls(tuple((index[id(m.run)], m.row, positions(m.run, m.label), m.similarity) for m in alignment.matches),
                   tuple((row, None if run is None else index[id(run)]) for row, run in alignment.missing),
                   tuple(index[id(run)] for run in alignment.extra), alignment.score)

    def alignment(self, runs: list[Run]) -> Alignment:
        """The alignment of `runs`, which have the shape this layout was made from."""
        matches = [Match(runs[i], row, tuple(runs[i]._window[0][p] for p in label), similarity)
                   for i, row, label, similarity in self.matches]
        missing = [(row, None if i is None else runs[i]) for row, i in self.missing]
        return Alignment(matches, missing, [runs[i] for i in self.extra], self.score)


_known_alignments: Memo = Memo(1_024)
"""By (the row specs' identities, the runs' shapes): the specs (checked by identity), each year's layout."""


def align(runs: list[Run], rows: Sequence[RowSpec]) -> Alignment:
    """Best monotone assignment of runs to rows."""
    keys = [label_key(row.label) for row in rows]
    similarity: list[list[tuple[float, tuple[Token, ...]]]] = []
    for run in runs:
        candidates, texts = run.label_options
        # A table is aligned to each template year's rows, which share most labels: score each once.
        for key in keys:
            if key not in run.scores:
                best = extract_one(key, texts)
                run.scores[key] = (best[1], candidates[best[2]]) if best else (0.0, ())
        similarity.append([run.scores[key] for key in keys])
    alignment = _best_path(runs, rows, similarity)
    for match in alignment.matches:
        _drop_interleaved(match)
    return alignment


def exact_alignment(runs: list[Run], rows: Sequence[RowSpec]) -> Alignment | None:
    """The alignment when each run, in order, has a candidate label worded as its row's and fits
    it (a report that follows the template): no other path scores as much, so `_best_path` would
    find this one."""
    if len(runs) != len(rows):
        return None
    matches = []
    for run, row in zip(runs, rows, strict=True):
        label = run.label_worded(label_key(row.label))
        if label is None or not run.fits(row.width):
            return None
        matches.append(Match(run, row, label, 100.0))
    return Alignment(matches, [], [], _MATCH_SCORE * len(rows))


def score_bound(runs: list[Run], rows: Sequence[RowSpec]) -> float:
    """The most any alignment of `runs` to `rows` can score: every possible match perfect."""
    matched = min(len(runs), len(rows))
    return _MATCH_SCORE * matched - _SKIP_RUN * (len(runs) - matched) - _SKIP_ROW * (len(rows) - matched)


def _drop_interleaved(match: Match) -> None:
    """Leave out of a label a fragment of a neighbouring label that PDF text wove into it
    ("2、申请人逾期未按收费通知要" "他处理" "求缴纳费用…"), when the label then reads better."""
    key = label_key(match.row.label)
    for index in range(1, len(match.label) - 1):
        shorter = match.label[:index] + match.label[index + 1:]
        score = ratio(label_key(label_text(shorter)), key)
        if score > match.similarity:
            match.label, match.similarity = shorter, score


def _best_path(runs: list[Run], rows: Sequence[RowSpec], similarity) -> Alignment:
    n, m = len(runs), len(rows)
    fits = {(i, width): runs[i].fits(width) for i in range(n) for width in {row.width for row in rows}}
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if not (i or j):
                continue
            # On equal scores a match wins over an extra run, and that over a missing row.
            value, move = float("-inf"), ""
            if i and j:
                fit = _FIT_BONUS if fits[i - 1, rows[j - 1].width] else 0.0
                value, move = best[i - 1][j - 1] + similarity[i - 1][j - 1][0] - _MATCH_BASE + fit, "match"
            if i and best[i - 1][j] - _SKIP_RUN > value:
                value, move = best[i - 1][j] - _SKIP_RUN, "extra"
            if j and best[i][j - 1] - _SKIP_ROW > value:
                value, move = best[i][j - 1] - _SKIP_ROW, "missing"
            best[i][j], step[i][j] = value, move
    moves = []
    i, j = n, m
    while i or j:
        move = step[i][j]
        i, j = i - (move != "missing"), j - (move != "extra")
        moves.append((move, i, j))
    matches, missing, extra = [], [], []
    for move, i, j in reversed(moves):
        if move == "match":
            matches.append(Match(runs[i], rows[j], similarity[i][j][1], similarity[i][j][0]))
        elif move == "extra":
            extra.append(runs[i])
        else:
            missing.append((rows[j], matches[-1].run if matches else None))
    return Alignment(matches, missing, extra, best[n][m])
