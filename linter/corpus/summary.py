"""What copy detection keeps of one report: its comparable sentences and a MinHash signature.

Computed where the report was read (a worker process with --jobs) and small enough to send to
the main process or store in an index (`linter.corpus.index`): the main process only joins
summaries, it never needs the reports' text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.model import Location, Report

NUM_PERM = 64
"""MinHash permutations: 16 bands of 4 rows (`linter.corpus.detect`)."""
SEED = 20221
SHINGLE = 5
"""Characters per shingle of the normalised text."""


@dataclass(frozen=True)
class Sentence:
    """One comparable sentence: its key's hash and length, where it stands, and the text as written."""

    key: int
    size: int
    location: Location
    text: str


@dataclass(frozen=True)
class ReportSummary:
    path: str
    body: str | None
    """The body's name, squashed (linter.corpus.bodies)."""
    kind: str | None
    year: int | None
    names: tuple[str, ...]
    """The forms of the body's own name that were normalised away."""
    title: Location | None
    sentences: tuple[Sentence, ...]
    signature: tuple[int, ...]
    """MinHash of the normalised text's shingles (empty when there is no comparable text)."""


def signature(text: str) -> tuple[int, ...]:
    """MinHash (rensa, NUM_PERM permutations) of the SHINGLE-character shingles of `text`."""
    if len(text) < SHINGLE:
        return ()
    from rensa import RMinHash

    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    shingles = len(text) - SHINGLE + 1
    for start in range(0, shingles, _SHINGLES_PER_UPDATE):  # a few at a time: a large file has millions
        minhash.update([text[i:i + SHINGLE] for i in range(start, min(start + _SHINGLES_PER_UPDATE, shingles))])
    return tuple(minhash.digest())


_SHINGLES_PER_UPDATE = 20_000


def summarize(report: Report) -> ReportSummary:
    """The summary of one recognised report: the sentences of its prose paragraphs (tables are
    not compared)."""
    from linter.corpus.text import MIN_SENTENCE, SENTENCE_END, key_hash, own_names, sentence_key
    from linter.plugins.textscan import passages
    from linter.textnorm import squash

    body = squash(report.body) if report.body else None
    names = own_names(body)
    sentences, keys = [], []
    for passage in passages(report):
        start = 0
        for end_match in (*SENTENCE_END.finditer(passage.text), None):
            end = end_match.end() if end_match else len(passage.text)
            raw = passage.quote(start, end).strip()
            key = sentence_key(raw, names)
            if len(key) >= MIN_SENTENCE:
                sentences.append(Sentence(key_hash(key), len(key), passage.locate(start, end), raw))
                keys.append(key)
            start = end
            if start >= len(passage.text):
                break
    return ReportSummary(report.path, body, report.body_kind, report.year, names,
                         report.title.location if report.title else None, tuple(sentences),
                         signature("".join(keys)))
