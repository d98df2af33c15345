"""What spares a one-file run rapidfuzz gives rapidfuzz's answers: `linter.fuzzy` computes its ratio
(the same floats) in Python or hands over to it, table 二's template-year evidence and DUP002's
test of a body's own name are decided without it only where its answer is known."""

from __future__ import annotations

import random

import pytest
from linter.plugins.duplicates import _like_own
from rapidfuzz import fuzz, process

from linter import fuzzy
from linter.recognize.align import label_key
from linter.recognize.labels import Vocabulary
from linter.templates import all_templates

ALPHABETS = ("ab", "abcdefgh", "政府信息公开申请数量", "行政复议结果维持纠正其他尚未审结总计")
# rapidfuzz compares strings of up to 64 characters in one machine word, longer ones in blocks
LENGTHS = (0, 1, 2, 3, 5, 8, 13, 30, 63, 64, 65, 100, 200)


def _text(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


@pytest.fixture(params=["python", "rapidfuzz"])
def computed_in(request, monkeypatch) -> str:
    """Every comparison made in Python, or every one handed over to rapidfuzz."""
    monkeypatch.setattr(fuzzy, "PYTHON_BUDGET", 10**12 if request.param == "python" else 0)
    monkeypatch.setattr(fuzzy, "_spent", 0)
    return request.param


def test_ratio_is_rapidfuzz_ratio(computed_in) -> None:
    rng = random.Random(1)
    for _ in range(20_000):
        alphabet = rng.choice(ALPHABETS)
        a, b = (_text(rng, alphabet, rng.choice(LENGTHS)) for _ in range(2))
        assert fuzzy.ratio(a, b) == fuzz.ratio(a, b), (a, b)
    assert fuzzy.ratio("", "") == fuzz.ratio("", "") == 100.0
    assert fuzzy.ratio("结果维持", "行政复议结果维持") == fuzz.ratio("结果维持", "行政复议结果维持") == 200 * 4 / 12


def test_extract_one_is_rapidfuzz_extract_one_with_and_without_a_cutoff(computed_in) -> None:
    rng = random.Random(2)
    for _ in range(5_000):
        alphabet = rng.choice(ALPHABETS)
        query = _text(rng, alphabet, rng.randint(0, 12))
        choices = [_text(rng, alphabet, rng.randint(0, 12)) for _ in range(rng.randint(0, 20))]
        assert fuzzy.extract_one(query, choices) == process.extractOne(query, choices, scorer=fuzz.ratio)
        # a cutoff equal to a choice's ratio: rapidfuzz sometimes refuses it
        for cutoff in (50, 95, *(fuzz.ratio(query, c) for c in choices[:3])):
            assert (fuzzy.extract_one(query, choices, cutoff)
                    == process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)), (query, choices)


def test_comparisons_past_the_budget_are_handed_to_rapidfuzz(monkeypatch) -> None:
    monkeypatch.setattr(fuzzy, "PYTHON_BUDGET", 10)
    monkeypatch.setattr(fuzzy, "_spent", 0)
    assert fuzzy.ratio("abcd", "abce") == fuzz.ratio("abcd", "abce")
    assert fuzzy._spent == 8  # in Python
    assert fuzzy.ratio("abcd", "abcd") == 100.0 and fuzzy._spent == 8  # identical: nothing to compare
    assert fuzzy.ratio("abcd", "abcf") == fuzz.ratio("abcd", "abcf")
    assert fuzzy._spent == 10  # 16 characters would pass the budget: rapidfuzz's, and from now on
    assert fuzzy.extract_one("a", ["b"]) == process.extractOne("a", ["b"], scorer=fuzz.ratio) and fuzzy._spent == 10


def _year_by_rapidfuzz(vocabulary: Vocabulary, key: str) -> str | None:
    """`Vocabulary._year_of` as it was: every year's words compared with rapidfuzz."""
    scores = {}
    for year, words in vocabulary.by_year.items():
        best = process.extractOne(key, list(words), scorer=fuzz.ratio)
        scores[year] = best if best else ("", 0.0, 0)
    if len(scores) < 2:
        return None
    year, (word, score, _) = max(scores.items(), key=lambda item: item[1][1])
    others = [s[1] for y, s in scores.items() if y != year]
    shared = any(word in words for y, words in vocabulary.by_year.items() if y != year)
    return year if score >= 80 and not shared and all(score > o for o in others) else None


def test_template_year_of_a_label_is_what_comparing_every_word_with_rapidfuzz_gives() -> None:
    """Keys that are a year's own wording, both years' wording, another table's wording, and
    wording changed by a character or two, in each table's vocabulary."""
    templates = all_templates()
    words = {label_key(w) for template in templates.values() for table in template.tables.values()
             for w in [*(r.label for r in table.rows), *table.subtables,
                       *(c.label for r in table.rows for c in table.columns_of(r.id))]}
    rng = random.Random(3)
    keys = set(words) | {"", "信息内容", "结果维持", "总计"}
    for word in sorted(words):
        for _ in range(3):
            cut = rng.randrange(len(word) + 1)
            keys |= {word[:cut] + word[cut + 1:], word[:cut] + rng.choice("的和其他本年") + word[cut:], word[:cut]}
    assert len(keys) > 500
    years = set()
    for table_id in ("二", "三", "四"):
        vocabulary = Vocabulary.of(table_id, templates)
        found = {key: vocabulary._year_of(key) for key in keys}
        assert found == {key: _year_by_rapidfuzz(vocabulary, key) for key in keys}, table_id
        years |= set(found.values())
    assert years == {None, "2019", "2021"}


def test_other_body_names_are_compared_with_the_own_name_as_rapidfuzz_partial_ratio_does() -> None:
    rng = random.Random(4)
    for _ in range(20_000):
        alphabet = rng.choice(("ab", "abcdefghij", "镇区县人民政府白水平潭综合实验"))
        name, own = _text(rng, alphabet, rng.randint(0, 8)), _text(rng, alphabet, rng.randint(0, 40))
        for similarity in (50, 80, 95, 100, rng.uniform(0, 100)):
            assert _like_own(name, own, similarity) == (fuzz.partial_ratio(name, own) >= similarity), (name, own)
