"""One table against another (FA704), and the facts tables state for the prose to meet."""

from __future__ import annotations

from ...parse.grids import Grid, Value, ends_with, right_of, squeeze, value_of
from ...read.source import Cell
from .tally import Tally

_TOTAL_ROWS = ("合计", "本年支出合计", "总计")


def _column(grid: Grid, names: str) -> int | None:
    """The first column whose label ends with one of `names` (a|b)."""
    return next((k for k, lab in enumerate(grid.labels) if lab and ends_with(lab, names)), None)


def _total_row(grid: Grid, names: tuple[str, ...] = _TOTAL_ROWS) -> list[Cell] | None:
    return next((r for r in grid.data if squeeze(grid.label(r)) in names), None)


def between_tables(tally: Tally) -> None:
    """財政拨款 totals against the 一般公共预算 expense table, and its 基本支出 against the 基本支出 table."""
    total = tally.grids.get("财政拨款收入支出决算总表")
    general = tally.grids.get("一般公共预算财政拨款支出决算表")
    basic = tally.grids.get("一般公共预算财政拨款基本支出决算表")
    g_total = g_basic = None
    if general is not None:
        row = _total_row(general)
        if row is not None:
            k, b = _column(general, "小计|合计"), _column(general, "基本支出")
            g_total = value_of(row[k]) if k is not None else None
            g_basic = value_of(row[b]) if b is not None else None
    # g_total and g_basic are read from the general table: it is there when they are
    if total is not None and general is not None and g_total is not None:
        _appropriations_against_general(tally, total, general, g_total)
    if basic is not None and general is not None and g_basic is not None:
        parts = []
        for name in ("人员经费合计", "公用经费合计"):
            v = right_of(basic, name)
            if v is not None:
                parts.append((v, name))
        if len(parts) == 2:
            tally.sum("FA704", general, "基本支出与基本支出决算表", (g_basic, "合计行基本支出"), parts)


def _appropriations_against_general(tally: Tally, total: Grid, general: Grid, g_total: Value) -> None:
    """财政拨款收入支出决算总表's 本年支出合计 of 一般公共预算 = the general table's 合计."""
    row = next((r for r in total.data for c in r if squeeze(c.text) == "本年支出合计"), None)
    k = next(
        (
            k
            for k, lab in enumerate(total.labels)
            if lab
            and ends_with(lab, "一般公共预算财政拨款")
            and k > 0
            and "合计" in "".join(total.labels[:k])
        ),
        None,
    )
    if row is None or k is None:
        return
    av, bv = value_of(row[k]), g_total
    if av is None:
        return
    if av.cell.text.strip() == "" and bv.cell.text.strip() == "":
        return
    blabel = "合计（本年支出）"
    tally.sum(
        "FA704",
        total,
        f"与{general.kind.kind}{blabel}",
        (av, "本年支出合计（一般公共预算财政拨款）"),
        [(bv, f"{general.kind.kind}{blabel}")],
    )


def stated_facts(tally: Tally) -> None:
    """The totals the 三公, expense and income tables state (收入支出决算总表's are kept as it is checked)."""
    three = tally.grids.get("三公经费支出决算表")
    if three is not None and three.data:
        for concept, name in (
            ("three_public", "合计"),
            ("abroad", "因公出国(境)费"),
            ("car_total", "公务用车购置及运行维护费小计|公务用车购置及运行费小计"),
            ("reception", "公务接待费"),
        ):
            k = next(
                (k for k, lab in enumerate(three.labels) if lab.startswith("决算") and ends_with(lab, name)),
                None,
            )
            row = next(
                (r for r in three.data if k is not None and value_of(r[k]) is not None and r[k].text.strip()),
                None,
            )
            if row is not None and k is not None:
                tally.state(
                    concept, ("all", "gpb", "fin"), value_of(row[k]), three, f"决算数{name.split('|')[0]}"
                )
    for kind, scope in (("支出决算表", ("all",)), ("一般公共预算财政拨款支出决算表", ("gpb",))):
        grid = tally.grids.get(kind)
        if grid is None:
            continue
        row = _total_row(grid)
        if row is None:
            continue
        for concept, name in (
            ("expense_year", "本年支出合计|小计"),
            ("basic", "基本支出"),
            ("project", "项目支出"),
        ):
            k = _column(grid, name)
            if k is not None:
                tally.state(concept, scope, value_of(row[k]), grid, f"合计行{grid.labels[k]}")
    income = tally.grids.get("收入决算表")
    if income is not None:
        row = _total_row(income, ("合计", "本年收入合计", "总计"))
        k = _column(income, "本年收入合计|合计")
        if row is not None and k is not None:
            tally.state("income_year", ("all",), value_of(row[k]), income, f"合计行{income.labels[k]}")


def facts_between(tally: Tally) -> None:
    """The same total stated by two tables (本年收入合计 of 收入支出决算总表 and 收入决算表,
    本年支出合计 of 收入支出决算总表 and 支出决算表, …) must be one value (FA704)."""
    seen: dict[tuple[str, tuple[str, ...]], tuple[Value, Grid, str]] = {}
    for st in tally.stated:
        first = seen.setdefault((st.concept, st.scopes), (st.value, st.grid, st.name))
        if first[1] is st.grid:
            continue
        a, ga, na = first
        if ga.unit and st.grid.unit and ga.unit != st.grid.unit:
            continue  # one in 元, one in 万元: not the same written figure
        tally.sum(
            "FA704",
            ga,
            f"与{st.grid.kind.kind}{st.name}",
            (a, f"{ga.kind.kind}{na}"),
            [(st.value, f"{st.grid.kind.kind}{st.name}")],
        )
