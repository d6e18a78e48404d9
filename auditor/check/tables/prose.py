"""The tables against the prose (FA705): each fact a table states against the prose figures of
the same concept and scope.

A failure only when the prose states the concept and none of its statements can be the table's
value: a prose figure that differs from another prose figure is the prose's own affair.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...core.rules import vocabulary
from ...parse.document import Document
from ...parse.grids import squeeze
from .tally import ProseFailure, Tally

_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
# a label holding one of these speaks of a budget, a prior year or a change, not of this year's level
_NOT_THIS_YEAR = ("预算", "上年", "去年", "上一年", "同比", "比", "较", "增", "减")


def prose_levels(doc: Document) -> dict[tuple[str, str], list[int]]:
    """This year's level amounts of the prose, by (concept, scope)."""
    vocab = vocabulary()
    stated: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(doc.figures):
        if not f.is_amount or not doc.is_level(i):
            continue
        label = doc.label(i)
        concept = doc.concept(i)
        if concept is None:
            continue
        bare = squeeze(label)
        for word, _ in vocab.scopes:
            bare = bare.replace(word, "")
        if any(w in bare for w in _NOT_THIS_YEAR):
            continue
        years = re.findall(r"(20\d\d)年", doc.prefix(i) + label)
        if doc.year and any(int(y) != doc.year for y in years):
            continue
        stated.setdefault((concept, vocab.scope(label)), []).append(i)
    return stated


def against_prose(tally: Tally, doc: Document | None) -> None:
    """Each stated table fact that the prose states otherwise; one failure per prose figure."""
    if doc is None or not tally.stated:
        return
    stated = prose_levels(doc)
    reported: dict[int, ProseFailure] = {}
    for st in tally.stated:
        found = [i for scope in st.scopes for i in stated.get((st.concept, scope), [])]
        if not found:
            continue
        tally.checked += 1
        # a table without a 单位 line may be in 万元 or in 元: either reading may match
        scales = [_SCALE[st.grid.unit]] if st.grid.unit in _SCALE else [Decimal(10000), Decimal(1)]
        if any(doc.figures[i].in_yuan().meets(st.value.interval.scale(sc)) for i in found for sc in scales):
            tally.consistent += 1
            continue
        i = min(found)
        if i in reported:  # one prose figure against two tables: one failure
            reported[i].also.append(
                f"FA705 {st.grid.kind.kind}{st.name}（{st.value.cell.place}）为{st.value.cell.text}"
            )
            continue
        reported[i] = ProseFailure(st.grid, st.value, st.name, i)
        tally.failures.append(reported[i])
