"""One table's own sums: rows of classification codes and of items (FA701), the column
identities of each table kind (FA702), the balance and the carried-forward flow (FA703)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ...parse.grids import CODE, Grid, Value, ends_with, grid_of, recognise, squeeze, value_of
from ...read.source import Cell, Table
from .tally import Tally

_TOP_ITEM = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_CODE_TOTALS = ("合计", "本年支出合计", "本年收入合计", "总计")


def check_table(tally: Tally, table: Table) -> None:
    """Every sum of one table, when it is a standard table (``rules/tables.toml``)."""
    kind = recognise(table)
    if kind is None:
        return
    grid = grid_of(table, kind)
    if grid is None:
        return
    tally.grids.setdefault(kind.kind, grid)
    if kind.rows == "codes":
        code_rows(tally, grid)
    elif kind.rows == "items":
        item_rows(tally, grid)
    column_sums(tally, grid)
    if kind.flow:
        carried_forward(tally, grid)


def column_sums(tally: Tally, grid: Grid) -> None:
    """In each row, a total column = Σ its part columns (the kind's identities, FA702)."""
    labels = grid.labels
    for ident in grid.kind.columns:
        totals = [k for k, lab in enumerate(labels) if lab and ends_with(lab, ident["total"])]
        for n, t in enumerate(totals):
            stop = totals[n + 1] if n + 1 < len(totals) else len(labels)
            cols = []
            for part in ident["parts"]:
                found = next(
                    (k for k in range(t + 1, stop) if labels[k] and ends_with(labels[k], part)), None
                )
                if found is None:
                    break
                cols.append(found)
            else:
                for row in grid.data:
                    tv = value_of(row[t])
                    pv = _amounts(row[k] for k in cols)
                    if tv is None or pv is None:
                        continue
                    name = grid.label(row)
                    tally.sum(
                        "FA702",
                        grid,
                        f"「{name}」行{labels[t]}",
                        (tv, f"{name}{labels[t]}"),
                        [(p, labels[k]) for p, k in zip(pv, cols)],
                    )


def _amounts(cells: Iterable[Cell]) -> list[Value] | None:
    """The amounts the cells hold, or None when one of them holds words."""
    values = [value_of(c) for c in cells]
    amounts = [v for v in values if v is not None]
    return amounts if len(amounts) == len(values) else None


def _panels(grid: Grid, key: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Side-by-side panels of a table: (first column, end) from each column `key` accepts."""
    width = len(grid.labels)
    starts = [k for k in range(width) if key(k)]
    return [(s, starts[i + 1] if i + 1 < len(starts) else width) for i, s in enumerate(starts)]


def _value_columns(grid: Grid, lo: int, hi: int) -> list[int]:
    """The columns lo..hi-1 that hold amounts (not 行次/栏次, not codes)."""
    out = []
    for k in range(lo, hi):
        if "行次" in grid.labels[k] or "栏次" in grid.labels[k]:
            continue
        cells = [r[k] for r in grid.data if r[k].text.strip()]
        if cells and sum(
            1 for c in cells if value_of(c) is not None and not CODE.match(c.text.strip()) or "." in c.text
        ) >= max(1, len(cells) * 0.6):
            out.append(k)
    return out


def rows_sum(
    tally: Tally, grid: Grid, name: str, row: list[Cell], vcols: list[int], kids: list[tuple[str, list[Cell]]]
) -> None:
    """A row = Σ its child rows, in each value column (FA701)."""
    for k in vcols:
        tv = value_of(row[k])
        pv = _amounts(r[k] for _, r in kids)
        if tv is None or pv is None:
            continue
        tally.sum(
            "FA701",
            grid,
            f"「{name}」行{grid.labels[k]}",
            (tv, f"{name}{grid.labels[k]}"),
            [(p, lab) for p, (lab, _) in zip(pv, kids)],
        )


def code_rows(tally: Tally, grid: Grid) -> None:
    """Rows named by classification codes: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类."""

    def is_code_col(k: int) -> bool:
        cells = [r[k].text.strip() for r in grid.data if r[k].text.strip()]
        return len(cells) >= 2 and sum(1 for t in cells if CODE.match(t)) >= 0.6 * len(cells)

    entries: dict[str, tuple[list[Cell], list[int], str]] = {}
    totals: list[tuple[list[Cell], list[int], str]] = []
    for lo, hi in _panels(grid, is_code_col):
        vcols = _value_columns(grid, lo + 1, hi)
        for row in grid.data:
            code = row[lo].text.strip()
            name = " ".join(
                c.text for c in row[lo + 1 : hi] if c.text.strip() and value_of(c) is None
            ).strip()
            if CODE.match(code):
                entries.setdefault(code, (row, vcols, name))
            elif not code and squeeze(name) in (*_CODE_TOTALS, "支出合计", "收入合计"):
                totals.append((row, vcols, name))
            elif squeeze(code) in _CODE_TOTALS:
                totals.append((row, vcols, code))
    for code, (row, vcols, name) in entries.items():
        if len(code) == 7:
            continue
        children = [
            (c, e)
            for c, e in entries.items()
            if len(c) == len(code) + 2 and c.startswith(code) and e[1] == vcols
        ]
        if children:
            rows_sum(tally, grid, f"{code} {name}", row, vcols, [(f"{c} {e[2]}", e[0]) for c, e in children])
    classes = [(f"{c} {e[2]}", e[0], e[1]) for c, e in entries.items() if len(c) == 3]
    for row, vcols, name in totals:
        kids = [(lab, r) for lab, r, v in classes if v == vcols]
        if kids:
            rows_sum(tally, grid, name, row, vcols, kids)


def item_rows(tally: Tally, grid: Grid) -> None:
    """Rows named by items, in one panel per side (收入 | 支出): 本年…合计 = Σ items, 总计 = 合计 +
    the rows between them; both totals stated as facts; then the two sides' 总计 balance (FA703)."""

    def is_name_col(k: int) -> bool:
        cells = [r[k] for r in grid.data if r[k].text.strip()]
        return len(cells) >= 2 and sum(1 for c in cells if value_of(c) is None) >= 0.6 * len(cells)

    sides = []
    for lo, hi in _panels(grid, is_name_col):
        vcols = _value_columns(grid, lo + 1, hi)
        if not vcols:
            continue
        rows = [(squeeze(r[lo].text), r) for r in grid.data]
        subtotal = next(
            (i for i, (lab, _) in enumerate(rows) if lab.startswith("本年") and lab.endswith("合计")), None
        )
        grand = next((i for i, (lab, _) in enumerate(rows) if lab.endswith("总计")), None)
        if subtotal is not None:
            _subtotal_of_items(tally, grid, rows, subtotal, vcols)
        if subtotal is not None and grand is not None and grand > subtotal:
            _grand_total(tally, grid, rows, subtotal, grand, vcols)
        if grand is not None:
            sides.append((rows[grand][0], value_of(rows[grand][1][vcols[0]])))
        if grid.kind.kind == "收入支出决算总表" and subtotal is not None:
            _state_totals(tally, grid, rows, subtotal, grand, vcols[0])
    if grid.kind.balance and len(sides) >= 2:
        (la, a), (lb, b) = sides[0], sides[1]
        if a is not None and b is not None:
            tally.sum("FA703", grid, "收入总计与支出总计", (b, f"支出{lb}"), [(a, f"收入{la}")])


def _subtotal_of_items(
    tally: Tally, grid: Grid, rows: list[tuple[str, list[Cell]]], subtotal: int, vcols: list[int]
) -> None:
    items = [(lab, r) for lab, r in rows[:subtotal] if lab and not lab.startswith("其中")]
    numbered = [(lab, r) for lab, r in items if _TOP_ITEM.match(lab)]
    if len(numbered) >= 2:  # 一、二、… are the items; other rows are their sub-items
        items = numbered
    rows_sum(tally, grid, rows[subtotal][0], rows[subtotal][1], vcols, items)


def _grand_total(
    tally: Tally, grid: Grid, rows: list[tuple[str, list[Cell]]], subtotal: int, grand: int, vcols: list[int]
) -> None:
    between = [(lab, r) for lab, r in rows[subtotal + 1 : grand] if lab]
    summed = [rows[subtotal]] + between
    for k in vcols[:1] if len(vcols) > 1 else vcols:
        tv = value_of(rows[grand][1][k])
        values = _amounts(r[k] for _, r in summed)
        if tv is None or values is None:
            continue
        parts = [(v, lab) for v, (lab, _) in zip(values, summed)]
        if between and len(between) > 1:  # 年初结转和结余 may be followed by its own breakdown
            head = parts[:2]
            acc = head[0][0].interval + head[1][0].interval
            if acc.meets(tv.interval):
                tally.checked += 1
                tally.consistent += 1
                continue
        tally.sum(
            "FA701", grid, f"「{rows[grand][0]}」行", (tv, rows[grand][0]), [(p, lab) for p, lab in parts]
        )


def _state_totals(
    tally: Tally, grid: Grid, rows: list[tuple[str, list[Cell]]], subtotal: int, grand: int | None, k: int
) -> None:
    """收入支出决算总表's 本年收入/支出合计 and 总计, for the other tables and the prose."""
    side = "income" if "收入" in rows[subtotal][0] else "expense"
    tally.state(f"{side}_year", ("all",), value_of(rows[subtotal][1][k]), grid, rows[subtotal][0])
    if grand is not None:
        tally.state(
            f"{side}_total",
            ("all",),
            value_of(rows[grand][1][k]),
            grid,
            ("收入" if side == "income" else "支出") + rows[grand][0],
        )


def carried_forward(tally: Tally, grid: Grid) -> None:
    """In each row, 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (FA703)."""
    labels = grid.labels

    def col(names: str) -> int | None:
        return next((k for k, lab in enumerate(labels) if lab and ends_with(lab, names)), None)

    start, income = col("年初结转和结余"), col("本年收入")
    spent, end = col("本年支出小计|本年支出合计|本年支出"), col("年末结转和结余")
    if start is None or income is None or spent is None or end is None:
        return
    for row in grid.data:
        vals = _amounts(row[k] for k in (end, start, income, spent))
        if vals is None:
            continue
        name = grid.label(row)
        tally.sum(
            "FA703",
            grid,
            f"「{name}」行年末结转和结余",
            (vals[0], f"{name}年末结转和结余"),
            [(vals[1], "年初结转和结余"), (vals[2], "本年收入"), (vals[3], "本年支出")],
            sign=[1, 1, -1],
        )
