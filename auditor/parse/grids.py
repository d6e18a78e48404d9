"""The statistical tables (附表) recognised as grids: which standard table, its header labels per
column, its data rows, its unit, and the amount each cell holds.

Readers hand over every table as a ``read.source.Table``; :func:`recognise` names the standard
table by its title (``rules/tables.toml``) and :func:`grid_of` finds its header rows (merged
group headings included) and 栏次/行次, so that ``check.tables`` can check the table's sums.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..core.intervals import Interval
from ..core.rules import _load_toml
from ..read.normalize import normalize
from ..read.source import Cell, Table

_AMOUNT = re.compile(r"^\(?(-?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\)?$")
_BLANK = {"", "-", "—", "－", "--", "——", "/", "0"}  # 0 is "none" as well, exactly
#: A classification code: 类 (201), 款 (20103) or 项 (2010301).
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SQUEEZE = re.compile(r"[\s\"'“”‘’「」]+")
_UNIT = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")


def squeeze(text: str) -> str:
    """Text for matching: full-width forms folded, spaces and quotes dropped."""
    return _SQUEEZE.sub("", normalize(text).text)


@dataclass
class Value:
    cell: Cell
    value: Decimal
    interval: Interval


def value_of(cell: Cell | None) -> Value | None:
    """The amount a cell holds (blank, '-' and '0' are an exact zero); None for words."""
    if cell is None:
        return None
    t = cell.text.replace(" ", "")
    if t in _BLANK:
        return Value(cell, Decimal(0), Interval.point(Decimal(0)))
    m = _AMOUNT.match(t)
    if not m:
        return None
    number = m.group(2).replace(",", "")
    v = Decimal(number)
    if m.group(1) or (t.startswith("(") and t.endswith(")")):
        v = -v
    decimals = len(number.split(".")[1]) if "." in number else 0
    half = Decimal(1).scaleb(-decimals) / 2
    return Value(cell, v, Interval(v - half, v + half))


@dataclass
class Kind:
    kind: str
    titles: list[str]
    rows: str = ""
    balance: bool = False
    flow: bool = False
    columns: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def kinds() -> list[Kind]:
    return [Kind(**dict(t)) for t in _load_toml("tables.toml").get("table", [])]


def recognise(table: Table) -> Kind | None:
    """The standard table this is, by its title (in the caption or the first rows)."""
    head = squeeze(" ".join([table.caption] + [c.text for r in table.rows[:4] for c in r]))
    best = None
    for k in kinds():
        for title in k.titles:
            if title in head and (best is None or len(title) > best[0]):
                best = (len(title), k)
    return best[1] if best else None


@dataclass
class Grid:
    """A recognised table: its header labels per column and its data rows."""

    table: Table
    kind: Kind
    labels: list[str]
    data: list[list[Cell]]  # rows below the header
    unit: str

    def label(self, row: list[Cell]) -> str:
        """A data row's name: its first cell of words (not a code, not a number)."""
        for c in row:
            t = c.text.strip()
            if t and not CODE.match(t) and value_of(c) is None:
                return t
        return ""


def grid_of(table: Table, kind: Kind) -> Grid | None:
    rows = table.rows
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    rows = [r + [Cell("", "", 0, 0)] * (width - len(r)) for r in rows]
    # the header: rows after the title lines, down to the 栏次 row or the first row holding an amount
    start = None
    for i, r in enumerate(rows):
        texts = [squeeze(c.text) for c in r]
        if any(t.startswith("栏次") for t in texts):
            start = i + 1
            break
    if start is None:
        for i, r in enumerate(rows):
            if sum(1 for c in r if c.text.strip() and value_of(c) is not None and "." in c.text) >= 1:
                start = i
                break
    if start is None:
        return None
    first = 0
    for i in range(start):
        filled = [c for c in rows[i] if c.text.strip()]
        if len(filled) >= 2 and not any(
            _UNIT.search(c.text) or "公开" in c.text and c.text.strip().endswith("表") for c in filled
        ):
            first = i
            break
    header = [
        [squeeze(c.text) for c in r]
        for r in rows[first:start]
        if not any(squeeze(c.text).startswith("栏次") for c in r)
    ]
    for i in range(len(header) - 1):  # a group heading over its sub-columns (a merged cell) is copied right
        for k in range(1, width):
            if not header[i][k] and header[i][k - 1] and header[i + 1][k]:
                header[i][k] = header[i][k - 1]
    labels = ["".join(h[k] for h in header) for k in range(width)]
    unit_m = _UNIT.search(" ".join([table.caption] + [c.text for r in rows[:start] for c in r]))
    return Grid(table, kind, labels, _joined_codes(labels, rows[start:]), unit_m.group(1) if unit_m else "")


def _joined_codes(labels: list[str], rows: list[list[Cell]]) -> list[list[Cell]]:
    """科目编码 split into 类 | 款 | 项 columns (201 | 03 | 01) → one code (2010301) in the 类 column."""
    k = next(
        (
            k
            for k in range(len(labels) - 2)
            if labels[k].endswith("类") and labels[k + 1].endswith("款") and labels[k + 2].endswith("项")
        ),
        None,
    )
    if k is None:
        return rows
    out = []
    for row in rows:
        parts = [row[k + j].text.strip() for j in range(3)]
        if (
            re.fullmatch(r"\d{3}", parts[0])
            and all(re.fullmatch(r"(?:\d{2})?", p) for p in parts[1:])
            and not (parts[2] and not parts[1])
        ):
            first = row[k]
            row = list(row)
            row[k] = Cell("".join(parts), first.place, first.line, first.column)
            row[k + 1] = Cell("", row[k + 1].place, row[k + 1].line, row[k + 1].column)
            row[k + 2] = Cell("", row[k + 2].place, row[k + 2].line, row[k + 2].column)
        out.append(row)
    return out


def ends_with(label: str, names: str) -> bool:
    return any(label.endswith(squeeze(n)) for n in names.split("|"))


def right_of(grid: Grid, name: str) -> Value | None:
    for row in grid.table.rows:
        for k, c in enumerate(row):
            if squeeze(c.text) == name:
                for d in row[k + 1 :]:
                    if d.text.strip():
                        return value_of(d)
                return value_of(Cell("", row[k].place, row[k].line, row[k].column))
    return None
