"""What a table in the text asserts: its total row is the sum of the rows under it, column by
column (complete when the rows name every part of an identity of the total's concept, else no
row exceeds it); a 其中 row is a part of the row above it."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..core.lexicon import Lexicon, lexicon
from ..facts.tables import TableRow, TableStatements, is_total_row
from ..parse.figures import Figure
from ..parse.texttables import Table, column_of
from .extraction import Observation
from .lists import covers_identity, unit_slip
from .relations import PartialSumRelation, SumRelation
from .store import Builder


def table_relations(b: Builder, tables: list[TableStatements]) -> None:
    """A table's total row against the rows under it, column by column."""
    for stated in tables:
        for total, children in _groups(stated):
            _sums(b, total, children)


def _groups(stated: TableStatements) -> list[tuple[TableRow, list[TableRow]]]:
    total: TableRow | None = None
    parts: list[TableRow] = []
    subs: dict[int, list[TableRow]] = {}
    lx = lexicon()
    for k, tr in enumerate(stated.rows):
        if total is None and not parts and (is_total_row(tr.row.label) or not tr.row.label):
            total = tr
        elif parts and (tr.row.level > 0 or _goes_on_under(lx, stated.rows[k - 1], parts[-1], tr)):
            subs.setdefault(len(parts) - 1, []).append(tr)
        else:
            parts.append(tr)
    groups = [(total, parts)] if total is not None and parts else []
    groups += [(parts[k], children) for k, children in subs.items()]
    return groups


def _goes_on_under(lx: Lexicon, before: TableRow, above: TableRow, tr: TableRow) -> bool:
    """其中：公务用车运行维护费 / 公务用车购置费 under 公务用车购置及运行费: a row after a 其中 row, of a
    part of the same row above, is one more 其中 row (the mark is written once)."""
    return (
        before.row.level > 0
        and tr.subject.known
        and above.subject.known
        and lx.is_part(tr.subject.concept, above.subject.concept)
    )


def _sums(b: Builder, total: TableRow, children: list[TableRow]) -> None:
    cover = total.subject.known and covers_identity(total.subject.concept, [c.subject for c in children])
    for tr in total.readings:
        if tr.kind != "level":
            continue
        figs = []
        for child in children:
            got = next(
                (
                    x
                    for x in child.readings
                    if x.kind == "level" and x.role == tr.role and x.period == tr.period
                ),
                None,
            )
            if got is None:
                break
            figs.append(got.fig)
        else:
            roles = ["合计", *["分项"] * len(figs)]
            if cover and len(figs) >= 2:
                rel = SumRelation("FA101", tr.fig, figs, roles, "合计行 = 各行之和")
                unit_slip(rel)
                b.add(rel)
            elif figs:
                b.add(PartialSumRelation("FA102", tr.fig, figs, roles, "各行之和 ≤ 合计行"))


_AGAINST_PRIOR = re.compile(r"比上年|较上年|与上年")


def stale_year_labels(b: Builder, tables: list[TableStatements]) -> None:
    """A table of this year's figures labelled with an earlier year (FA501): its title, or the
    heading of its change columns (2017年决算比上年增减情况 over 2017年决算数 | 2018年决算数 in a
    2018 report) — last year's table copied and its labels left. Only when the table's latest
    year column is the report's year and the label names one year."""
    year = b.rd.year
    if year is None or not any(_dated(st.table, year) for st in tables):
        return
    text = b.rd.text
    starts = [0, *(k + 1 for k, ch in enumerate(text) if ch == "\n")]
    by_line: dict[int, list[Figure]] = {}
    for f in b.rd.figures:
        if f.kind == "year":
            by_line.setdefault(bisect_right(starts, f.start) - 1, []).append(f)
    this_year = next((f for line in sorted(by_line) for f in by_line[line] if f.value == year), None)
    for stated in tables:
        tb = stated.table
        if not _dated(tb, year):
            continue
        header = range(tb.first_line, tb.rows[0].line)
        column_year = next((f for j in header for f in by_line.get(j, []) if f.value == year), None)
        labels = [(tb.title_line, this_year, "表的标题")] if tb.title_line is not None else []
        lines = text.split("\n")
        labels += [
            (j, column_year, "增减栏的表头")
            for j in header
            if column_of(lines[j]) is None and _AGAINST_PRIOR.search(lines[j])
        ]
        for line, reference, what in labels:
            named = by_line.get(line, [])
            if len(named) != 1 or named[0].value >= year or reference is None:
                continue
            stale = named[0]
            b.observations.append(
                Observation(
                    "FA501",
                    [stale, reference],
                    ["年份", "本年"],
                    f"{what}写{stale.number}年，而表中最新一列是{year}年（报告年度）：年份沿用了上一年的表",
                    f"{stale.number}年",
                    f"{year}年",
                    "year_label",
                )
            )


def _dated(tb: Table, year: int) -> bool:
    years = [y for role, _, y in tb.columns if role == "year" and y is not None]
    return bool(years) and max(years) == year and bool(tb.rows)
