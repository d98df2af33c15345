"""A count-min sketch: how often each of many hashed items was seen, at most overestimated, in a
byte per counter instead of a dictionary entry (about 80 bytes) per item.

Copy detection counts sentence keys and LSH buckets over every report of a run, and almost all of
them occur once. A first pass adds every item to a sketch; the second keeps an exact count, or
an index entry, only for the items the sketch says may reach the threshold. A sketch never
underestimates, so nothing that reaches the threshold is missed, and the exact second pass makes
the result the same as counting everything in a dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable

_ROWS = 2
_SATURATED = 255
_MIN_WIDTH = 1024
_MAX_WIDTH = 1 << 30
"""Each row takes its counter from another 30 bits of the item's hash."""


class Sketch:
    """Counts of hashable items (ints spread over their range, such as hashes: the rows take
    their counters from different bits of `hash(item)`), saturating at 255. Items are added and
    looked up many at a time (the loops are the cost of a sketch)."""

    __slots__ = ("_counts", "_width")

    def __init__(self, items: int) -> None:
        """Room for about `items` distinct items (four counters per item and row: few collisions;
        not rounded up to a power of two, which would double the largest sketches)."""
        width = min(max(_MIN_WIDTH, 4 * items), _MAX_WIDTH)
        self._width = width
        self._counts = bytearray(_ROWS * width)

    def add(self, items: Iterable[int]) -> None:
        counts, width = self._counts, self._width
        for item in items:
            code = hash(item)
            first, second = code % width, width + (code >> 30) % width
            if counts[first] < _SATURATED:
                counts[first] += 1
            if counts[second] < _SATURATED:
                counts[second] += 1

    def may_reach(self, items: Iterable[int], times: int) -> list[int]:
        """The items that may have been added `times` times or more (all that were, and a few
        that collided with others)."""
        counts, width = self._counts, self._width
        times = min(times, _SATURATED)
        found = []
        for item in items:
            code = hash(item)
            if counts[code % width] >= times and counts[width + (code >> 30) % width] >= times:
                found.append(item)
        return found
