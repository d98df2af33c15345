"""What copy detection keeps of one report: its comparable sentences and a MinHash signature.

Computed where the report was read (a worker process with --jobs) and small enough to send to
the main process or store in an index (`linter.corpus.index`): the main process only joins
summaries, it never needs the reports' text again.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from linter.corpus.packed import Locations
from linter.corpus.spill import Detail, SpillFile
from linter.model import Location, Report

NUM_PERM = 64
"""MinHash permutations: 16 bands of 4 rows (`linter.corpus.detect`)."""
SEED = 20221
SHINGLE = 5
"""Characters per shingle of the normalised text."""


class Sentences:
    """A report's comparable sentences, each part where the run reads it: what the join compares —
    each sentence's key hash and length, and the MinHash of their keys — in one `Detail`, what only
    a finding reads — their locations (`Locations`) and their texts as written in one string — in
    another. The run spills both to its temporary file (`linter.corpus.spill`): the join reads the
    first back in each of its passes, findings the second for their few sentences."""

    __slots__ = ("_compared", "_count", "_detail")

    def __init__(self, sentences: Iterable[tuple[int, int, Location, str]] = (),
                 signature: array | None = None) -> None:
        """From (key hash, key length, location, text as written) of each sentence, and the MinHash
        of their keys (`signature`; none without comparable text)."""
        sentences = list(sentences)
        self._count = len(sentences)
        self._compared = Detail((array("Q", (key for key, _, _, _ in sentences)),
                                 array("I", (size for _, size, _, _ in sentences)),
                                 array("I") if signature is None else signature))
        ends = array("I")
        end = 0
        for _, _, _, text in sentences:
            end += len(text)
            ends.append(end)
        self._detail = Detail((Locations(location for _, _, location, _ in sentences),
                               "".join(text for _, _, _, text in sentences), ends))

    def __len__(self) -> int:
        return self._count

    def compared(self) -> tuple[array, array, array]:
        """`keys`, `sizes` and `signature` at once (one read of the spill file)."""
        return self._compared.value

    @property
    def keys(self) -> array:
        """Each sentence's key hash (`linter.corpus.text.key_hash`), as an array('Q')."""
        return self._compared.value[0]

    @property
    def sizes(self) -> array:
        """Each sentence's key length (its compared characters), as an array('I')."""
        return self._compared.value[1]

    @property
    def signature(self) -> array:
        """MinHash of the sentences' keys' shingles, NUM_PERM unsigned 32-bit values (none when
        there is no comparable text)."""
        return self._compared.value[2]

    @property
    def locations(self) -> Locations:
        """Where each sentence stands (read back from the run's spill file once spilled)."""
        return self._detail.value[0]

    def text(self, index: int) -> str:
        """Sentence `index` as written."""
        _, text, ends = self._detail.value
        return text[ends[index - 1] if index else 0:ends[index]]

    def spill(self, file: SpillFile) -> None:
        """Write both parts to the run's spill file."""
        self._compared.spill(file)
        self._detail.spill(file)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentences):
            return NotImplemented
        return (self._compared, self._detail) == (other._compared, other._detail)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not immutable


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What the corpus rules compare of one report (made where it is checked)."""

    path: str
    body: str | None
    """The body's name, squashed (linter.corpus.bodies)."""
    kind: str | None
    year: int | None
    title: Location | None
    sentences: Sentences

    @property
    def names(self) -> tuple[str, ...]:
        """The forms of the body's own name that were normalised away (made from `body` again:
        not held for every report of a run)."""
        from linter.corpus.text import own_names

        return own_names(self.body)

    @property
    def signature(self) -> array:
        """MinHash of the normalised text's shingles (`Sentences.signature`)."""
        return self.sentences.signature

    def spill(self, file: SpillFile) -> None:
        """Write the sentences (what the join compares, what only a finding reads) to the run's spill file."""
        self.sentences.spill(file)

    def __reduce__(self) -> tuple:
        """Pickled as its fields (see `Location.__reduce__`): the copy join reads it back pass by pass."""
        return ReportSummary, (self.path, self.body, self.kind, self.year, self.title, self.sentences)


def signature(text: str) -> array:
    """MinHash (rensa, NUM_PERM permutations) of the SHINGLE-character shingles of `text`."""
    if len(text) < SHINGLE:
        return array("I")
    from rensa import RMinHash

    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    shingles = len(text) - SHINGLE + 1
    for start in range(0, shingles, _SHINGLES_PER_UPDATE):  # a few at a time: a large file has millions
        minhash.update([text[i:i + SHINGLE] for i in range(start, min(start + _SHINGLES_PER_UPDATE, shingles))])
    return array("I", minhash.digest())


_SHINGLES_PER_UPDATE = 20_000


def summarize(report: Report) -> ReportSummary:
    """The summary of one recognised report: the sentences of its prose paragraphs (tables are
    not compared)."""
    from linter.corpus.text import MIN_SENTENCE, SENTENCE_END, key_hash, own_names, sentence_key
    from linter.plugins.textscan import passages
    from linter.textnorm import squash

    body = sys.intern(squash(report.body)) if report.body else None  # one string with the other summaries
    names = own_names(body)
    sentences, keys = [], []
    for passage in passages(report):
        start = 0
        for end_match in (*SENTENCE_END.finditer(passage.text), None):
            end = end_match.end() if end_match else len(passage.text)
            raw = passage.quote(start, end).strip()
            key = sentence_key(raw, names)
            if len(key) >= MIN_SENTENCE:
                sentences.append((key_hash(key), len(key), passage.locate(start, end), raw))
                keys.append(key)
            start = end
            if start >= len(passage.text):
                break
    title = report.title.location if report.title else None
    return ReportSummary(report.path, body, report.body_kind, report.year, title,
                         Sentences(sentences, signature("".join(keys))))
