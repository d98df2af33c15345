"""Fixture texts whose edits cannot miss (no pytest import: the province generator uses it too)."""

from __future__ import annotations

from pathlib import Path


class Fixture(str):
    """A fixture text whose edits cannot miss: `replace` requires the text to occur exactly once
    (`replace(old, new, n)`: at least n times; `replace_all`: at least once), so a test edit cannot
    pass vacuously when the fixture changes. Edits and concatenations give a `Fixture` again, so
    chained edits are guarded too (a slice is a plain `str`: wrap it again to edit it). Library
    code calls `replace` itself, so a test hands the library `str(fixture)` or writes it to a file."""

    def replace(self, old: str, new: str, count: int = -1) -> Fixture:  # type: ignore[override]
        occurs = self.count(old)
        if count < 0:
            assert occurs == 1, f"the fixture edit expects {old!r} exactly once, found {occurs}"
        else:  # the first `count` of several, on purpose
            assert occurs >= count, f"the fixture edit expects {old!r} at least {count} times, found {occurs}"
        return Fixture(str.replace(self, old, new, count))

    def replace_all(self, old: str, new: str) -> Fixture:
        assert old in self, f"the fixture edit expects {old!r}, found none"
        return Fixture(str.replace(self, old, new))

    def __add__(self, other: str) -> Fixture:
        return Fixture(str.__add__(self, other))

    def __radd__(self, other: str) -> Fixture:
        return Fixture(str.__add__(other, self))


def fixture_text(path: Path) -> Fixture:
    """The UTF-8 text of fixture file `path`, guarded against edits that miss (see `Fixture`)."""
    return Fixture(path.read_text(encoding="utf-8"))
