"""rapidfuzz's `fuzz.ratio` and `process.extractOne(…, scorer=fuzz.ratio)`, with rapidfuzz imported
only when a run compares enough text for it to pay.

Importing rapidfuzz costs about 10 ms, a tenth of a one-file run, while a report that follows the
template asks for a few comparisons of short labels (table 四's header, a heading worded
otherwise). Those are computed here in Python, with the same results: the ratio is
100 × (1 − indel distance / (len a + len b)), the indel distance is len a + len b − 2 × the
longest common subsequence (found with the bit-parallel algorithm rapidfuzz uses), and the float
operations are rapidfuzz's own, so the scores are the same floats; `extract_one` takes the first
of the best choices, as `extractOne` does (`tests/test_fuzzy.py` compares both with rapidfuzz).
Once the characters compared in Python pass `PYTHON_BUDGET` (a flattened crawler table, many
labels worded otherwise), rapidfuzz is imported and does the rest of the run's comparisons.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

PYTHON_BUDGET = 10_000
"""Characters compared in Python before rapidfuzz takes over: 2–4 ms, a third of its import (28 M
instructions), which a run that goes on to need rapidfuzz pays on top; the example reports
compare 6,300 characters, a crawler's flattened report 20,000 to 90,000."""
_spent = 0


def ratio(a: str, b: str) -> float:
    """`rapidfuzz.fuzz.ratio(a, b)`: 100 for identical strings, 0 for nothing in common."""
    if a == b:
        return 100.0
    if _in_python(len(a) + len(b)):
        return _similarity(_positions(a), len(a), b) * 100
    return _rapidfuzz()[0](a, b)


def extract_one(query: str, choices: Sequence[str], score_cutoff: float = 0.0) -> tuple[str, float, int] | None:
    """`rapidfuzz.process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff)`:
    the first of the choices most like `query`, its ratio and its index (None without a choice
    whose ratio is `score_cutoff` or more).

    A best ratio below a cutoff is None in Python; one at or above it is left to rapidfuzz, whose
    test of the cutoff is its own (it may refuse a ratio equal to the cutoff)."""
    if _spent < PYTHON_BUDGET and _in_python(len(query) + sum(len(choice) for choice in choices)):
        positions, best = _positions(query), None
        for index, choice in enumerate(choices):
            score = _similarity(positions, len(query), choice) * 100
            if best is None or score > best[1]:
                best = (choice, score, index)
                if score == 100.0:
                    break
        if best is None or best[1] < score_cutoff:
            return None
        if not score_cutoff:
            return best
    ratio_of, extract = _rapidfuzz()
    return extract(query, choices, scorer=ratio_of, score_cutoff=score_cutoff)


@functools.cache
def _rapidfuzz() -> tuple[Callable, Callable]:
    """rapidfuzz's `fuzz.ratio` and `process.extractOne`, imported once (an import statement in a
    function called thousands of times a run costs more than the comparison)."""
    from rapidfuzz import fuzz, process

    return fuzz.ratio, process.extractOne


def _in_python(characters: int) -> bool:
    """Whether a comparison of this many characters is made in Python (and counted); once one would
    pass the budget, none is: rapidfuzz is imported then, and compares for the rest of the run."""
    global _spent
    if _spent + characters > PYTHON_BUDGET:
        _spent = PYTHON_BUDGET
        return False
    _spent += characters
    return True


def _positions(text: str) -> dict[str, int]:
    """Where each character of `text` occurs, as the bits of an int."""
    positions: dict[str, int] = {}
    for index, character in enumerate(text):
        positions[character] = positions.get(character, 0) | 1 << index
    return positions


def _similarity(positions: dict[str, int], length: int, text: str) -> float:
    """The ratio over 100 of a string (`positions` of its characters, its `length`) and `text`.

    The longest common subsequence by the bit-parallel algorithm (Hyyrö 2004): after each character
    of `text`, the zero bits of `row` mark where the subsequence can grow; carries past `length`
    bits do not reach back, and are masked off at the end."""
    total = length + len(text)
    if not total:
        return 1.0
    row = (1 << length) - 1
    for character in text:
        matched = row & positions.get(character, 0)
        row = (row + matched) | (row - matched)
    common = length - (row & ((1 << length) - 1)).bit_count()
    return 1.0 - (total - 2 * common) / total
