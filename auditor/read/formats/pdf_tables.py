"""Ruled tables on a PDF page, found from its ruling lines as pdfplumber's ``find_tables`` finds
them (its default "lines" strategy, same tolerances), and read into rows of cell texts.

Ruling lines within :data:`SNAP` points of one another across are moved to their mean; pieces of
one line with gaps up to :data:`SNAP` are joined; lines shorter than :data:`SHORTEST` are dropped.
Where a vertical and a horizontal line meet (within :data:`SNAP`) is a corner; a cell is the
smallest rectangle whose four corners are joined by lines; cells sharing a corner make a table.
A table's rows are its cells by top edge, one column per distinct left edge (``None`` where a
merged cell covers the column), and a cell holds the characters whose centre lies in it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import groupby

from .pdf_lines import text_of
from .pdf_page import Char, Rule

SNAP = 3.0
SHORTEST = 3.0
#: Pairs of horizontal and vertical lines beyond which a page is not searched for tables (a page
#: drawn as thousands of hairlines, not a table; its text is still read as lines).
MAX_PAIRS = 400_000

#: (where across, start, end)
Edge = tuple[float, float, float]
#: (x0, top, x1, bottom)
Box = tuple[float, float, float, float]
Point = tuple[float, float]


def tables_of(rules: list[Rule], chars: list[Char]) -> list[tuple[Box, list[list[str | None]]]]:
    """(bounding box, rows) of each ruled table on the page, from the top down."""
    across = _merge([(y, x0, x1) for kind, y, x0, x1 in rules if kind == "h"])
    down = _merge([(x, top, bottom) for kind, x, top, bottom in rules if kind == "v"])
    if not across or not down or len(across) * len(down) > MAX_PAIRS:
        return []
    corners = _corners(across, down)
    out = []
    for cells in _tables(_cells(corners)):
        box = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        out.append((box, _read(_grid(cells), chars)))
    return out


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap lines that lie within SNAP across to their mean, join the pieces of each, drop the short."""
    snapped: list[Edge] = []
    group: list[Edge] = []
    for edge in sorted(edges):
        if group and edge[0] > group[-1][0] + SNAP:
            snapped.extend(_snap(group))
            group = []
        group.append(edge)
    snapped.extend(_snap(group))
    out: list[Edge] = []
    for where, pieces in groupby(sorted(snapped), key=lambda e: e[0]):
        joined: list[list[float]] = []
        for _, start, end in pieces:
            if joined and start <= joined[-1][1] + SNAP:
                joined[-1][1] = max(joined[-1][1], end)
            else:
                joined.append([start, end])
        out.extend((where, start, end) for start, end in joined if end - start >= SHORTEST)
    return out


def _snap(group: list[Edge]) -> list[Edge]:
    if not group:
        return []
    mean = sum(e[0] for e in group) / len(group)
    return [(mean, start, end) for _, start, end in group]


#: For each corner, the vertical and the horizontal lines that meet there.
Corners = dict[Point, tuple[set[Edge], set[Edge]]]


def _corners(across: list[Edge], down: list[Edge]) -> Corners:
    corners: Corners = {}
    across = sorted(across)
    for v in sorted(down):
        x, top, bottom = v
        for h in across:
            y, x0, x1 = h
            if top <= y + SNAP and bottom >= y - SNAP and x0 - SNAP <= x <= x1 + SNAP:
                found = corners.setdefault((x, y), (set(), set()))
                found[0].add(v)
                found[1].add(h)
    return corners


def _cells(corners: Corners) -> list[Box]:
    """For each corner, the smallest cell it is the top-left corner of (pdfplumber's search)."""
    column: dict[float, list[float]] = defaultdict(list)
    row: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(corners):
        column[x].append(y)
        row[y].append(x)

    def joined(p: Point, q: Point) -> bool:
        if p[0] == q[0] and corners[p][0] & corners[q][0]:
            return True
        return p[1] == q[1] and bool(corners[p][1] & corners[q][1])

    cells = []
    for x, y in sorted(corners):
        ys, xs = column[x], row[y]
        found = None
        for below in ys[bisect_left(ys, y) + 1 :]:
            if not joined((x, y), (x, below)):
                continue
            for right in xs[bisect_left(xs, x) + 1 :]:
                if not joined((x, y), (right, y)):
                    continue
                corner = (right, below)
                if corner in corners and joined(corner, (right, y)) and joined(corner, (x, below)):
                    found = (x, y, right, below)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells that share corners, directly or through others, make one table (of two cells or more)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    tables = [g for g in groups.values() if len(g) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


def _grid(cells: list[Box]) -> list[list[Box | None]]:
    """Rows of cells by top edge; one column per distinct left edge, None where no cell starts."""
    xs = sorted({c[0] for c in cells})
    rows = []
    for _, same_top in groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        starts = {c[0]: c for c in same_top}
        rows.append([starts.get(x) for x in xs])
    return rows


def _read(grid: list[list[Box | None]], chars: list[Char]) -> list[list[str | None]]:
    """Each cell's text: the characters whose centre lies in it (left and top edges included)."""
    by_middle = sorted(((c[4] + c[5]) / 2, (c[1] + c[2]) / 2, c) for c in chars)
    middles = [m[0] for m in by_middle]
    rows: list[list[str | None]] = []
    for grid_row in grid:
        out: list[str | None] = []
        for cell in grid_row:
            if cell is None:
                out.append(None)
                continue
            x0, top, x1, bottom = cell
            inside = [
                c
                for _, h, c in by_middle[bisect_left(middles, top) : bisect_left(middles, bottom)]
                if x0 <= h < x1
            ]
            out.append(text_of(inside))
        rows.append(out)
    return rows
