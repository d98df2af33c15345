"""Which reports of a corpus belong to one body: the same body's report of the year before, and
a second report of the same body for the same year (a duplicate submission).

Bodies are matched by name as recognised from the title, squashed: "淮安市洪泽区人民政府" and
"洪泽区人民政府" name one body because the shorter ends the longer, provided the shorter keeps at
least two characters of its own besides a generic ending ("区人民政府" names no body). Every
look-up goes through a dictionary of name suffixes, so linking n reports costs n times the length
of a name, not n squared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

_GENERIC_ENDINGS = ("人民政府", "街道办事处", "办事处", "政府")
_MIN_OWN_NAME = 2
"""Characters a name must keep besides a generic ending, so "区人民政府" matches nothing."""


def own_part(name: str) -> str:
    """The name without its generic ending: "青山镇人民政府" → "青山镇"."""
    for ending in _GENERIC_ENDINGS:
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def _distinctive(name: str) -> bool:
    return len(own_part(name)) >= _MIN_OWN_NAME


def same_body(one: str, other: str) -> bool:
    """Whether two squashed names name one body: the shorter ends the longer and is distinctive."""
    short, long = sorted((one, other), key=len)
    return long.endswith(short) and _distinctive(short)


@dataclass(frozen=True)
class BodyYear:
    """What linking needs of a report: its body's squashed name, the kind of body and the year."""

    body: str | None
    kind: str | None
    year: int | None


@dataclass
class _Names:
    """The names of one kind of body in one year, for look-ups by suffix: the first entry of each
    (one int, not a list of them: a run links thousands of names, each with several suffixes)."""

    exact: dict[str, int] = field(default_factory=dict)
    ending_with: dict[str, int] = field(default_factory=dict)
    """Every distinctive suffix of a name → the first entry whose name ends with it."""

    def add(self, name: str, index: int) -> None:
        self.exact.setdefault(name, index)
        for start in range(len(name)):
            suffix = name[start:]
            if not _distinctive(suffix):
                break
            self.ending_with.setdefault(suffix, index)

    def match(self, name: str) -> int | None:
        """The first entry naming the same body as `name`: one with exactly this name, else one
        whose name ends with it, else the longest name it ends with."""
        if name in self.exact:
            return self.exact[name]
        if _distinctive(name) and name in self.ending_with:
            return self.ending_with[name]
        for start in range(1, len(name)):
            suffix = name[start:]
            if not _distinctive(suffix):
                break
            if suffix in self.exact:
                return self.exact[suffix]
        return None


def _key(entry: BodyYear) -> tuple[str | None, int] | None:
    return (entry.kind, entry.year) if entry.body and entry.year else None


def predecessors(entries: Sequence[BodyYear]) -> list[int | None]:
    """For each entry, the index of one entry of the same body and kind for the year before
    (the first in order when that year was submitted twice), or None."""
    names: dict[tuple[str | None, int], _Names] = {}
    for index, entry in enumerate(entries):
        key = _key(entry)
        if key is not None:
            names.setdefault(key, _Names()).add(entry.body, index)
    found: list[int | None] = []
    for entry in entries:
        key = _key(entry)
        previous = names.get((key[0], key[1] - 1)) if key else None
        found.append(previous.match(entry.body) if previous else None)
    return found


def duplicates(entries: Sequence[BodyYear]) -> list[int | None]:
    """For each entry, the index of an earlier entry of the same body, kind and year (the
    original of a duplicate submission), or None."""
    names: dict[tuple[str | None, int], _Names] = {}
    found: list[int | None] = []
    for index, entry in enumerate(entries):
        key = _key(entry)
        if key is None:
            found.append(None)
            continue
        year = names.setdefault(key, _Names())
        found.append(year.match(entry.body))
        year.add(entry.body, index)
    return found


def groups(entries: Sequence[BodyYear]) -> list[int]:
    """For each entry, the index of the first entry naming the same body (of the same kind, any
    year): one id per body. An entry without a name is a body of its own."""
    names: dict[str | None, _Names] = {}
    found: list[int] = []
    for index, entry in enumerate(entries):
        if not entry.body:
            found.append(index)
            continue
        kind = names.setdefault(entry.kind, _Names())
        match = kind.match(entry.body)
        found.append(index if match is None else found[match])
        kind.add(entry.body, index)
    return found


def latest_earlier(entries: Sequence[BodyYear], body_of: Sequence[int]) -> list[int | None]:
    """For each entry, the first entry of the same body (`groups`) for the latest earlier year
    there is, or None: the report a body's report is compared with when a year is missing."""
    by_body: dict[int, dict[int, int]] = {}
    for index, (entry, body) in enumerate(zip(entries, body_of, strict=True)):
        if entry.year is not None:
            by_body.setdefault(body, {}).setdefault(entry.year, index)
    years = {body: sorted(found) for body, found in by_body.items()}
    result: list[int | None] = []
    for entry, body in zip(entries, body_of, strict=True):
        earlier = [y for y in years.get(body, ()) if entry.year is not None and y < entry.year]
        result.append(by_body[body][earlier[-1]] if earlier else None)
    return result
