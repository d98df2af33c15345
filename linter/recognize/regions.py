"""Where tables 二, 三 and 四 stand: line ranges from section headings and table anchors.

Headings may be missing or repeated, so each table starts at its own anchor when there is one
(table 二: a short "第二十条第（一）项" line; table 三: "申请人情况" or the 勾稽关系 note; table 四:
a line starting with "行政复议") and otherwise right after its section heading.
"""

from __future__ import annotations

from collections.abc import Callable

from linter.model import Report
from linter.textnorm import squash

_ANCHOR_MAX = 30  # an anchor is a short line, not prose mentioning the same words
_THREE_ANCHORS = ("勾稽关系", "申请人情况", "本年新收政府信息公开申请")


def find_regions(report: Report) -> dict[str, tuple[int, int]]:
    """Line-index ranges (first, last inclusive) of the tables that are present."""
    keys = [squash(line.text) for line in report.document.lines]
    headings = {s.heading_line: s.number for s in report.sections}
    last_line = len(keys) - 1

    def first(after: int, test: Callable[[int], bool]) -> int | None:
        return next((i for i in range(after + 1, len(keys)) if test(i)), None)

    def heading(number: str, after: int) -> int | None:
        return first(after, lambda i: headings.get(i) == number)

    regions: dict[str, tuple[int, int]] = {}
    start2 = first(-1, lambda i: "第二十条" in keys[i] and len(keys[i]) <= _ANCHOR_MAX)
    if start2 is None and heading("二", -1) is not None:
        start2 = heading("二", -1) + 1
    after2 = start2 if start2 is not None else -1
    heading3 = heading("三", after2)
    start3 = first(after2, lambda i: len(keys[i]) <= 3 * _ANCHOR_MAX and any(a in keys[i] for a in _THREE_ANCHORS))
    heading4 = heading("四", start3 if start3 is not None else after2)
    if start3 is not None and heading4 is not None and start3 > heading4:
        start3 = None
    if start3 is None and heading3 is not None:
        start3 = heading3 + 1
    after3 = start3 if start3 is not None else after2
    heading4 = heading("四", after3)
    start4 = first(heading4 if heading4 is not None else after3,
                   lambda i: keys[i].startswith("行政复议") and len(keys[i]) <= _ANCHOR_MAX * 3)
    if start4 is None and heading4 is not None:
        start4 = heading4 + 1
    starts = [(tid, s) for tid, s in (("二", start2), ("三", start3), ("四", start4)) if s is not None]
    for position, (table_id, start) in enumerate(starts):
        ends = [i - 1 for i, number in headings.items() if i > start and number in _LATER[table_id]]
        if position + 1 < len(starts):
            ends.append(starts[position + 1][1] - 1)
        regions[table_id] = (start, min(ends, default=last_line))
    return regions


_LATER = {"二": "三四五六", "三": "四五六", "四": "五六"}
