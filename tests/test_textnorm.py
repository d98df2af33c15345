"""Folding and squashing (linter.textnorm)."""

from __future__ import annotations

import random

import linter.textnorm as textnorm
from linter.textnorm import squash, squash_whole


def test_a_whole_report_squashed_a_piece_at_a_time_equals_squashing_it_at_once(monkeypatch) -> None:
    monkeypatch.setattr(textnorm, "_PIECE", 7)  # many piece boundaries, inside runs of spaces too
    rng = random.Random(13)
    text = "".join(rng.choice("中文 　，,\t\n\r（）ＡＢ1２３") for _ in range(2_000))
    assert squash_whole(text) == squash.__wrapped__(text)
    assert squash_whole("") == ""
