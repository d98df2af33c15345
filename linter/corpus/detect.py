"""Copy detection over report summaries: which sentences of a report stand in another report.

1. Link the reports by body (`linter.corpus.bodies`): each report's predecessor (the same body's
   report of the latest earlier year in the corpus) and duplicate submissions (the same body's
   second report of a year).
2. Learn the standard phrases: a sentence key found in the reports of at least `standard_bodies`
   bodies, or of at least `standard_share` of all bodies (and never fewer than
   MIN_STANDARD_BODIES), is the wording many bodies share (a site's or a province's stock
   sentences), not a copy: no passage is made of it.
3. Candidate sources of a report: the reports sharing a non-standard sentence with it (at most
   `MAX_POSTINGS` per sentence, so a sentence copied into thousands of reports stays linear), its
   predecessor, and the reports in one of its MinHash LSH buckets (`BANDS` bands of `ROWS` rows:
   reports whose shingles are about half the same or more).
4. Confirmation by exact alignment: each sentence of the report is attributed to the first
   candidate, in order (its predecessor, then by shared length), holding the same key; runs of
   consecutive attributed sentences from one source, standard phrases left out, are the copied
   passages. The shares count every sentence, standard phrases included (as an evaluator's
   重复率 does): a report copied whole into hundreds of others is found as a near-duplicate
   through the LSH buckets even when each of its sentences has become "standard" by frequency.

Memory is linear in the corpus, and small per report: the keys and LSH buckets are first counted
in count-min sketches (`linter.corpus.sketch`, a few bytes per key), and only those found in more
than one report (or body) get a dictionary entry — an exact count, a list of at most
MAX_POSTINGS + 1 reports — so the result is that of counting everything exactly. In a run the
key hashes, sizes and MinHash are in the run's spill file (`linter.corpus.summary.Sentences`):
the join reads each report's back once per pass, in the order of the reports (two passes, then
the results), and a candidate's again when a result needs it.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from linter.corpus.bodies import BodyYear, duplicates, groups, latest_earlier
from linter.corpus.sketch import Sketch
from linter.corpus.summary import NUM_PERM, ReportSummary
from linter.corpus.text import changed_words
from linter.memo import Memo

BANDS, ROWS = 16, 4
MAX_POSTINGS = 20
MAX_CANDIDATES = 10
_KEY_INDEXES = 256
"""Candidates' key positions kept at once (each a dict of its sentences)."""
assert BANDS * ROWS == NUM_PERM


MIN_STANDARD_BODIES = 3
"""Below this many bodies a shared sentence is never a standard phrase (two reports sharing a
sentence are just that)."""


@dataclass(frozen=True)
class CopyOptions:
    """When a sentence is standard wording, not copied: found in the reports of so many bodies, or so large a share."""

    standard_share: float = 0.5
    standard_bodies: int = 10


@dataclass(slots=True)
class Passage:
    """Consecutive sentences `first`..`last` of the copy found in one source, as its sentences
    `source_first`..`source_last`; `size` counts the compared characters."""

    first: int
    last: int
    source_first: int
    source_last: int
    size: int
    changes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    """A report another one copied from, and the passages found in it."""

    index: int
    previous: bool
    """The source is the same body's previous report (the latest earlier year in the corpus)."""
    share: float
    passages: list[Passage]


@dataclass(slots=True)
class CopyResult:
    """What copy detection found for one report: a duplicate of a whole report, or its sources
    (the results of the reports that share something are kept until the four rules have run:
    slotted, as `Source` and `Passage`)."""

    duplicate_of: int | None = None
    duplicate_share: float = 0.0
    sources: list[Source] = field(default_factory=list)
    share: float = 0.0
    """Share of the report's comparable text found in any source."""


class Corpus:
    """Summaries joined once: body links, standard phrases, postings and LSH buckets."""

    def __init__(self, summaries: Sequence[ReportSummary], options: CopyOptions = CopyOptions()) -> None:
        """`summaries` may be read back from where they are kept (`linter.corpus.summaries`): the
        join reads each one a few times, in passes, and keeps what it asks of every pair (the year) in an array."""
        self.summaries = summaries
        entries, sentences = [], 0
        for summary in summaries:
            entries.append(BodyYear(summary.body, summary.kind, summary.year))
            sentences += len(summary.sentences)
        self.duplicate_of = duplicates(entries)
        self.body_id = groups(entries)
        self.previous = latest_earlier(entries, self.body_id)
        self._years = array("i", (entry.year or 0 for entry in entries))
        """Each report's year, 0 when unknown."""
        del entries  # not held through the passes
        keys_seen, bands_seen = self._sketches(sentences)
        self.standard, self.postings, self.buckets = self._index(keys_seen, bands_seen, self._floor(options))
        self._keys = Memo(_KEY_INDEXES)

    def _floor(self, options: CopyOptions) -> int:
        """The number of bodies whose reports make a key a standard phrase."""
        bodies = len(set(self.body_id))
        return min(options.standard_bodies, max(MIN_STANDARD_BODIES, math.ceil(options.standard_share * bodies)))

    def _sketches(self, sentences: int) -> tuple[Sketch, Sketch]:
        """The first pass, in the order of the reports: how many reports hold each sentence key
        (of `sentences` in all), and each LSH bucket, counted in sketches (a report's keys are read
        once in each pass)."""
        keys_seen = Sketch(sentences)
        bands_seen = Sketch(BANDS * len(self.summaries))
        for summary in self.summaries:
            keys, _, signature = summary.sentences.compared()
            keys_seen.add(set(keys))
            bands_seen.add(_bands(signature))
        return keys_seen, bands_seen

    def _index(self, keys_seen: Sketch, bands_seen: Sketch,
               floor: int) -> tuple[set[int], dict[int, list[int]], dict[int, list[int]]]:
        """The second pass, in the order of the reports: the standard keys (those in the reports of
        at least `floor` bodies), the reports holding each non-standard key found in more than one
        report, and those in each LSH bucket of more than one report (at most MAX_POSTINGS + 1 in
        order). Only what the sketches say may reach the count gets an entry, counted exactly: a
        report's count is at least its body's, so no standard key is missed."""
        bodies_of: dict[int, set[int]] = {}
        postings: dict[int, list[int]] = {}
        buckets: dict[int, list[int]] = {}
        for index, summary in enumerate(self.summaries):
            held, _, signature = summary.sentences.compared()
            keys = set(held)
            for key in keys_seen.may_reach(keys, floor):
                bodies = bodies_of.setdefault(key, set())
                if len(bodies) < floor:
                    bodies.add(self.body_id[index])
            _post(postings, keys_seen.may_reach(keys, 2), index)
            _post(buckets, bands_seen.may_reach(_bands(signature), 2), index)
        standard = {key for key, bodies in bodies_of.items() if len(bodies) >= floor}
        return standard, _shared(postings, leaving_out=standard), _shared(buckets)

    def _key_index(self, index: int) -> dict[int, int]:
        """Where each sentence key of report `index` first stands; at most _KEY_INDEXES reports'
        are kept (then made again)."""
        positions = self._keys.get(index)
        if positions is None:
            positions = self._keys.keep(index, {})
            for position, key in enumerate(self.summaries[index].sentences.keys):
                positions.setdefault(key, position)
        return positions

    def _may_source(self, index: int, other: int) -> bool:
        """Another body's report not of a later year (a report cannot copy from the future: the
        later one is the copy), or this body's previous report."""
        if other == index:
            return False
        if self.body_id[other] == self.body_id[index]:
            return other == self.previous[index]
        mine, theirs = self._years[index], self._years[other]
        return not mine or not theirs or theirs <= mine

    def _candidates(self, index: int, keys: array, sizes: array, signature: array) -> list[int]:
        """The reports report `index` (its `keys`, `sizes` and `signature`) may have copied from:
        its predecessor first, then by shared size, at most MAX_CANDIDATES of them."""
        shared: Counter[int] = Counter()
        for key, size in zip(keys, sizes, strict=True):
            if key not in self.standard:
                for other in self.postings.get(key, ()):
                    if self._may_source(index, other):
                        shared[other] += size
        for band in _bands(signature):
            for other in self.buckets.get(band, ()):
                if self._may_source(index, other):
                    shared[other] += 1
        previous = self.previous[index]
        ranked = [other for other, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))
                  if other != previous]
        return ([previous] if previous is not None else []) + ranked[:MAX_CANDIDATES]

    def result(self, index: int) -> CopyResult:
        """What report `index` shares with the others (nothing but the duplicate for a duplicate)."""
        original = self.duplicate_of[index]
        sentences = self.summaries[index].sentences
        keys, sizes, signature = sentences.compared()
        if original is not None:
            mine = dict(zip(keys, sizes, strict=True))
            theirs = set(self.summaries[original].sentences.keys)
            total = sum(mine.values()) or 1
            return CopyResult(original, sum(size for key, size in mine.items() if key in theirs) / total)
        total = sum(sizes)
        owner: dict[int, tuple[int, int]] = {}
        found: Counter[int] = Counter()
        for other in self._candidates(index, keys, sizes, signature):
            positions = self._key_index(other)
            for position, key in enumerate(keys):
                if position not in owner and key in positions:
                    owner[position] = (other, positions[key])
                    found[other] += sizes[position]
        result = CopyResult(share=sum(found.values()) / total if total else 0.0)
        comparable = [p for p, key in enumerate(keys) if key not in self.standard]
        by_source: dict[int, list[Passage]] = {}
        current, current_source = None, None
        for position in comparable:
            source = owner.get(position)
            if source is None:
                current = None
                continue
            other, at = source
            if current is None or current_source != other:
                current, current_source = Passage(position, position, at, at, 0), other
                by_source.setdefault(other, []).append(current)
            current.last, current.source_last = position, max(at, current.source_last)
            current.size += sizes[position]
            if len(current.changes) < 3:
                copied, original_text = sentences.text(position), self.summaries[other].sentences.text(at)
                current.changes.extend(changed_words(copied, original_text, 3 - len(current.changes)))
        for other, size in found.items():
            result.sources.append(Source(other, other == self.previous[index], size / total, by_source.get(other, [])))
        result.sources.sort(key=lambda s: (-s.share, s.index))
        return result


def _post(index: dict[int, list[int]], items: Iterable[int], report: int) -> None:
    """Add `report` to the entry of each of `items` that has room (MAX_POSTINGS + 1 reports)."""
    for item in items:
        found = index.setdefault(item, [])
        if len(found) <= MAX_POSTINGS:
            found.append(report)


def _shared(index: dict[int, list[int]], leaving_out: set[int] | frozenset[int] = frozenset()) -> dict[int, list[int]]:
    """`index` without the entries of one report (the sketch let a few through) and those of `leaving_out`."""
    return {item: reports for item, reports in index.items() if len(reports) > 1 and item not in leaving_out}


def _bands(signature: array) -> list[int]:
    """The LSH bucket of each band of a report's signature (none without a signature): the
    band's values and its number in one int, one object per bucket key."""
    if len(signature) != NUM_PERM:
        return []
    raw = signature.tobytes()
    width = len(raw) // BANDS
    return [int.from_bytes(raw[band * width:(band + 1) * width], "little") * BANDS + band for band in range(BANDS)]
