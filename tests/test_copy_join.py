"""The copy join's memory (`linter.corpus.detect`, `linter.corpus.sketch`): keys and LSH buckets
are counted in count-min sketches first, and only the repeated ones get a dictionary entry; the
results are those of counting everything."""

from __future__ import annotations

import pickle
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from province import province

from linter.corpus import sketch as sketch_module
from linter.corpus import spill as spill_module
from linter.corpus.detect import BANDS, CopyOptions, Corpus
from linter.corpus.sketch import Sketch
from linter.corpus.spill import SpillFile, spill
from linter.corpus.summary import ReportSummary, summarize
from linter.loaders import load
from linter.recognize import recognize


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=3000), st.integers(1, 300))
def test_a_sketch_never_says_an_item_added_often_enough_cannot_have_been(items: list[int], times: int) -> None:
    sketch = Sketch(len(items) // 8)  # small: collisions
    sketch.add(items)
    counts: dict[int, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    reached = [item for item, count in counts.items() if count >= times]
    assert set(sketch.may_reach(reached, times)) == set(reached)


def test_a_large_sketch_lets_few_single_items_through() -> None:
    rng = random.Random(3)
    items = [rng.getrandbits(64) for _ in range(20_000)]
    sketch = Sketch(len(items))
    sketch.add(items)
    assert len(sketch.may_reach(items, 2)) < 0.05 * len(items)


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> list[ReportSummary]:
    folder = tmp_path_factory.mktemp("province")
    province(seed=11, bodies=60, sites=3, planted=3).write(folder)
    return [summarize(recognize(load(str(path)))) for path in sorted(folder.rglob("*.txt"))]


def _results(corpus: Corpus) -> list:
    return [corpus.result(index) for index in range(len(corpus.summaries))]


def test_the_join_holds_an_entry_only_for_what_more_than_one_report_shares(summaries: list[ReportSummary]) -> None:
    corpus = Corpus(summaries)
    assert any(result.sources for result in _results(corpus))
    assert all(len(reports) > 1 for reports in (*corpus.postings.values(), *corpus.buckets.values()))
    # one entry per report and band before the sketches: 16 a report
    assert len(corpus.buckets) < len(summaries) < BANDS * len(summaries)


def _in_reports_of_bodies(corpus: Corpus, bodies: int) -> set[int]:
    """The keys in the reports of at least `bodies` bodies, counted in dictionaries."""
    bodies_of: dict[int, set[int]] = {}
    for summary, body in zip(corpus.summaries, corpus.body_id, strict=True):
        for key in summary.sentences.keys:
            bodies_of.setdefault(key, set()).add(body)
    return {key for key, found in bodies_of.items() if len(found) >= bodies}


def test_sketches_full_of_collisions_give_the_same_results(summaries: list[ReportSummary],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    options = CopyOptions(standard_bodies=4)
    roomy = Corpus(summaries, options)
    monkeypatch.setattr(sketch_module, "_MAX_WIDTH", 1)  # every item on one counter per row: all pass
    monkeypatch.setattr(sketch_module, "_MIN_WIDTH", 1)
    crowded = Corpus(summaries, options)
    assert crowded.standard == roomy.standard == _in_reports_of_bodies(roomy, 4) and roomy.standard
    assert crowded.postings == roomy.postings and crowded.buckets == roomy.buckets
    assert _results(crowded) == _results(roomy)


def test_the_join_reads_what_it_compares_back_from_the_spill_file(summaries: list[ReportSummary],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill_module, "IN_MEMORY", 0)
    received = pickle.loads(pickle.dumps(summaries))  # as from the workers
    with SpillFile() as file:
        spill(received, file)
        spilled, held = Corpus(received), Corpus(summaries)
        assert (spilled.standard, spilled.postings, spilled.buckets) == (held.standard, held.postings, held.buckets)
        assert _results(spilled) == _results(held)
    with pytest.raises(ValueError, match="closed"):  # not held in memory: the file is gone
        _ = received[0].sentences.keys
