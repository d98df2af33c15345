"""Ruled tables of a PDF page: from the drawn edges to the cell grid.

The edges are the straight strokes of the page's lines and rectangles (and the straight parts of
other paths), each a horizontal or vertical segment `Edge`. The steps and their tolerances are
those of pdfplumber's table finder (MIT licence), with which govlint read PDFs before: edges
within 3 pt of each other are snapped to one position and joined where they touch, edges shorter
than 3 pt dropped; two edges cross where they come within 3 pt; a cell is the smallest rectangle
whose four corners are crossings joined by edges; cells sharing a corner form one table.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import groupby

_SNAP = 3.0
_JOIN = 3.0
_CROSS = 3.0
_MIN_LENGTH = 3.0
_MIN_RAW_LENGTH = 1.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (y grows downwards)


class Edge:
    """A horizontal ("h") or vertical ("v") stroke; `x0`/`top` is its position across."""

    __slots__ = ("orientation", "x0", "top", "x1", "bottom")

    def __init__(self, orientation: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.orientation = orientation
        self.x0, self.top, self.x1, self.bottom = x0, top, x1, bottom

    @property
    def length(self) -> float:
        return self.bottom - self.top if self.orientation == "v" else self.x1 - self.x0


def path_edges(shape: str, points: list[tuple[float, float]]) -> list[Edge]:
    """The edges of one subpath, as pdfminer classifies it.

    `shape` has one letter per segment: "m" (move), "l" (line), "c" (curve), "h" (close), and
    `points` the point each segment ends at in page space, y downwards ("h": the start). A line is
    one edge, a closed four-sided axis-aligned path a rectangle (four edges); any other path
    yields the steps between its consecutive points that are horizontal or vertical.
    """
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a redundant last line back to the start
    if shape in ("ml", "mlh"):
        (ax, ay), (bx, by) = points[0], points[1]
        x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        return [Edge("h" if top == bottom else "v", x0, top, x1, bottom)]
    if shape in ("mlllh", "mllll") and points[0] == points[4]:
        (xa, ya), (xb, yb), (xc, yc), (xd, yd) = points[:4]
        if (xa == xb and yb == yc and xc == xd and yd == ya) or (ya == yb and xb == xc and yc == yd and xd == xa):
            x0, x1, top, bottom = min(xa, xc), max(xa, xc), min(ya, yc), max(ya, yc)
            return [Edge("h", x0, top, x1, top), Edge("h", x0, bottom, x1, bottom),
                    Edge("v", x0, top, x0, bottom), Edge("v", x1, top, x1, bottom)]
    edges = []
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        if ax == bx:
            edges.append(Edge("v", ax, min(ay, by), bx, max(ay, by)))
        elif ay == by:
            edges.append(Edge("h", min(ax, bx), ay, max(ax, bx), by))
    return edges


def find_tables(edges: list[Edge]) -> list[list[Box]]:
    """The page's tables, top to bottom, each as its cells sorted by (top, left)."""
    merged = [e for e in _merge([e for e in edges if e.length >= _MIN_RAW_LENGTH]) if e.length >= _MIN_LENGTH]
    cells = _cells(_crossings(merged))
    return [sorted(table, key=lambda box: (box[1], box[0])) for table in _tables(cells)]


def _snap(edges: list[Edge], key: str) -> list[Edge]:
    """Edges whose positions (`key`) lie within the tolerance of the next one moved to their mean."""
    ordered = sorted(edges, key=lambda e: getattr(e, key))
    values = sorted({getattr(e, key) for e in ordered})
    cluster_of: dict[float, int] = {}
    number = 0
    for index, value in enumerate(values):
        if index and value > values[index - 1] + _SNAP:
            number += 1
        cluster_of[value] = number
    snapped: list[Edge] = []
    for _, group in groupby(sorted(ordered, key=lambda e: cluster_of[getattr(e, key)]),
                            key=lambda e: cluster_of[getattr(e, key)]):
        members = list(group)
        mean = sum(getattr(e, key) for e in members) / len(members)
        for e in members:
            shift = mean - getattr(e, key)
            if key == "x0":
                snapped.append(Edge(e.orientation, e.x0 + shift, e.top, e.x1 + shift, e.bottom))
            else:
                snapped.append(Edge(e.orientation, e.x0, e.top + shift, e.x1, e.bottom + shift))
    return snapped


def _merge(edges: list[Edge]) -> list[Edge]:
    snapped = _snap([e for e in edges if e.orientation == "v"], "x0") + \
        _snap([e for e in edges if e.orientation == "h"], "top")

    def line_of(e: Edge) -> tuple[str, float]:
        return (e.orientation, e.top if e.orientation == "h" else e.x0)

    joined: list[Edge] = []
    for (orientation, _), group in groupby(sorted(snapped, key=line_of), key=line_of):
        start, end = ("x0", "x1") if orientation == "h" else ("top", "bottom")
        line: list[Edge] = []
        for e in sorted(group, key=lambda e: getattr(e, start)):
            if line and getattr(e, start) <= getattr(line[-1], end) + _JOIN:
                if getattr(e, end) > getattr(line[-1], end):
                    last = line[-1]
                    line[-1] = Edge(orientation, last.x0, last.top, *((e.x1, last.bottom) if orientation == "h"
                                                                     else (last.x1, e.bottom)))
            else:
                line.append(e)
        joined.extend(line)
    return joined


def _crossings(edges: list[Edge]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """Each crossing point, with the vertical and the horizontal edges (by index) through it."""
    vertical = [e for e in edges if e.orientation == "v"]
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=lambda e: e.top)
    tops = [h.top for h in horizontal]
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for v_index, v in enumerate(vertical):
        for h_index in range(bisect_left(tops, v.top - _CROSS), bisect_right(tops, v.bottom + _CROSS)):
            h = horizontal[h_index]
            if h.x0 - _CROSS <= v.x0 <= h.x1 + _CROSS:
                through = points.setdefault((v.x0, h.top), (set(), set()))
                through[0].add(v_index)
                through[1].add(h_index)
    return points


def _cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[Box]:
    """For each crossing, the smallest cell it is the top-left corner of (if any)."""
    below: dict[float, list[tuple[float, float]]] = defaultdict(list)
    right: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for point in sorted(points):
        below[point[0]].append(point)
        right[point[1]].append(point)
    cells: list[Box] = []
    for column in below.values():
        for place, point in enumerate(column):
            cell = _smallest_cell(points, point, column[place + 1:], right[point[1]])
            if cell is not None:
                cells.append(cell)
    return cells


def _smallest_cell(points: dict[tuple[float, float], tuple[set[int], set[int]]], corner: tuple[float, float],
                   below: list[tuple[float, float]], row: list[tuple[float, float]]) -> Box | None:
    """The first cell with `corner` at its top left: its bottom-left corner the nearest point
    `below` joined to it by a vertical edge, then its top-right the nearest in its `row`."""
    verticals, horizontals = points[corner]
    across = [point for point in row if point[0] > corner[0] and not horizontals.isdisjoint(points[point][1])]
    for down in below:
        if verticals.isdisjoint(points[down][0]):
            continue
        for top_right in across:
            bottom_right = (top_right[0], down[1])
            through = points.get(bottom_right)
            if (through is not None and not through[0].isdisjoint(points[top_right][0])
                    and not through[1].isdisjoint(points[down][1])):
                return (corner[0], corner[1], bottom_right[0], bottom_right[1])
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped by shared corners; tables of more than one cell, by their top-left cell."""
    parent = list(range(len(cells)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owner: dict[tuple[float, float], int] = {}
    for index, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(index)] = root(owner[corner])
            else:
                owner[corner] = index
    groups: dict[int, list[Box]] = defaultdict(list)
    for index, cell in enumerate(cells):
        groups[root(index)].append(cell)
    tables = sorted(groups.values(), key=lambda table: min((c[1], c[0]) for c in table))
    return [table for table in tables if len(table) > 1]
