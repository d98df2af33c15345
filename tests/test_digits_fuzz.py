"""The digit splitter and flattened recognition on random input (hypothesis): never a traceback,
never a value that is not written in the text."""

from __future__ import annotations

from conftest import recognize_text
from flatfixtures import THREE, crawler_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.recognize.digits import MAX_SPLITS, read_cell, splits

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GROUP = st.text(alphabet="0123456789+-.元万", min_size=1, max_size=30)
KINDS = st.lists(st.sampled_from(["count", "signed", "money"]), min_size=1, max_size=15)


@FAST
@given(st.lists(GROUP, min_size=1, max_size=8), KINDS)
def test_every_split_reads_the_written_characters(groups: list[str], kinds: list[str]) -> None:
    found = splits(groups, kinds)
    if found is None:
        return
    assert len(found) <= MAX_SPLITS
    for split in found:
        assert len(split) == len(kinds)
        # The cells cover each group exactly, in order, and each reads back to its value.
        for index, group in enumerate(groups):
            pieces = [p for p in split if p.group == index]
            assert "".join(group[p.start:p.end] for p in pieces) == group
            assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
        for piece, kind in zip(split, kinds, strict=True):
            assert read_cell(groups[piece.group][piece.start:piece.end], kind)[0] == piece.value


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(THREE)), st.text(alphabet="0123456789 ", max_size=40)))
def test_flattened_table_cells_come_from_the_digits_at_their_location(rows: dict[str, str]) -> None:
    text = crawler_report(rows)
    line = text.split("\n")[8]
    report = recognize_text(text)
    for table in report.tables.values():
        for cell in table.cells.values():
            written = line[cell.location.column - 1:cell.location.end_column - 1]
            if cell.kind == "ambiguous":
                assert all(str(v) in written.replace(" ", "") for v in cell.candidates or ())
            else:  # a value all readings agree on; where it stands may differ among them ("010": 0)
                assert str(cell.value) == written or str(cell.value) in written.replace(" ", "")
