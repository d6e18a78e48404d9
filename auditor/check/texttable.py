"""What a table in the text asserts: its total row is the sum of the rows under it, column by
column (complete when the rows name every part of an identity of the total's concept, else no
row exceeds it); a 其中 row is a part of the row above it."""

from __future__ import annotations

from ..facts.tables import TableRow, TableStatements, is_total_row
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
    for tr in stated.rows:
        if total is None and not parts and (is_total_row(tr.row.label) or not tr.row.label):
            total = tr
        elif tr.row.level == 0 or not parts:
            parts.append(tr)
        else:
            subs.setdefault(len(parts) - 1, []).append(tr)
    groups = [(total, parts)] if total is not None and parts else []
    groups += [(parts[k], children) for k, children in subs.items()]
    return groups


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
