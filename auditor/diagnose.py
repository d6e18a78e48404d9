"""Why a relation probably failed: single-edit repairs of each figure involved.

Every figure of a failed relation is edited once in each way a slip happens — another unit
(元/万元/亿元), two adjacent digits swapped, the decimal point moved, one digit changed —
and the relation is judged again. The repairs that make it hold name the culprit and the
cause. Kinds of repair are ranked by how specific they are (a unit slip or a transposition
explains a figure far better than "some digit"), and a cause is named only when one figure
alone is repaired by the best kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Figure, misspellings
from .relations import Relation

RANK = ["unit_slip", "transposed_digits", "misplaced_decimal", "wrong_digit"]


@dataclass(frozen=True)
class Repair:
    index: int  # position in relation.figures
    cause: str
    figure: Figure  # the repaired figure


def repairs(rel: Relation) -> list[Repair]:
    found: list[Repair] = []
    units = [f.unit for f in rel.figures if f.is_amount]
    usual = max(set(units), key=units.count) if units else None
    for i, fig in enumerate(rel.figures):
        for cause, cand in misspellings(fig, usual):
            if rel.judge({i: cand}) == "ok":
                found.append(Repair(i, cause, cand))
    return found


def best_repair(rel: Relation) -> Repair | None:
    """The single most likely repair, or None when the evidence does not single one out."""
    found = repairs(rel)
    for cause in RANK:
        hits = [r for r in found if r.cause == cause]
        culprits = {r.index for r in hits}
        if len(culprits) == 1:
            # several edits of one figure: keep the smallest change
            return min(hits, key=lambda r: abs(r.figure.value - rel.figures[r.index].value))
        if len(culprits) > 1:
            return None
    return None
