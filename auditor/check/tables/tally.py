"""What the checks of one document's tables found: counts, grids, the facts tables state, failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...core.intervals import Interval
from ...parse.grids import Grid, Value


@dataclass
class SumFailure:
    """total = Σ sign·parts cannot hold with each cell's rounding (FA701–FA704)."""

    code: str
    grid: Grid  # the table the finding speaks of
    what: str  # the sum in words: 「合计」行本年支出, 收入总计与支出总计 …
    total: tuple[Value, str]  # (cell, label)
    parts: list[tuple[Value, str]]
    sign: list[int]


@dataclass
class ProseFailure:
    """A fact a table states that no prose statement of its concept and scope can be (FA705)."""

    grid: Grid
    value: Value
    name: str  # what the table's figure is (合计行本年支出合计 …)
    index: int  # the prose figure (in Document.figures)
    also: list[str] = field(default_factory=list)  # the same prose figure against other tables


@dataclass
class Stated:
    """A fact a table states that the prose or another table may state too."""

    concept: str
    scopes: tuple[str, ...]  # the scopes the prose may name it in
    value: Value
    grid: Grid
    name: str


@dataclass
class Tally:
    """Sums checked and held, the grids recognised, the facts they state, and what failed."""

    checked: int = 0
    consistent: int = 0
    grids: dict[str, Grid] = field(default_factory=dict)  # the first grid of each standard table
    stated: list[Stated] = field(default_factory=list)
    failures: list[SumFailure | ProseFailure] = field(default_factory=list)

    def sum(
        self,
        code: str,
        grid: Grid,
        what: str,
        total: tuple[Value, str],
        parts: list[tuple[Value, str]],
        sign: list[int] | None = None,
    ) -> None:
        """total = Σ sign·parts, judged with each cell's rounding; a failure when it cannot hold."""
        tv, _ = total
        if tv.cell.text.strip() == "" or (tv.value == 0 and all(p.value == 0 for p, _ in parts)):
            return  # a blank total or an empty line: nothing stated
        sign = sign or [1] * len(parts)
        acc = Interval.point(Decimal(0))
        for (p, _), s in zip(parts, sign):
            acc = acc + p.interval if s > 0 else acc - p.interval
        self.checked += 1
        if acc.meets(tv.interval):
            self.consistent += 1
            return
        self.failures.append(SumFailure(code, grid, what, total, parts, sign))

    def state(
        self, concept: str, scopes: tuple[str, ...], value: Value | None, grid: Grid, name: str
    ) -> None:
        """Keep a fact a table states (a blank cell states nothing)."""
        if value is not None and value.cell.text.strip():
            self.stated.append(Stated(concept, scopes, value, grid, name))
