"""Why a relation probably failed: single-edit repairs of each figure involved.

Every figure of a failed relation is edited once in each way a slip happens — another unit
(元/万元/亿元), two adjacent digits swapped, the decimal point moved, one digit changed —
and the relation is judged again. The repairs that make it hold name the culprit and the
cause. Kinds of repair are ranked by how specific they are (a unit slip or a transposition
explains a figure far better than "some digit"), and a cause is named only when one figure
alone is repaired by the best kind.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterator

from .figures import SCALES, Figure
from .relations import Relation

RANK = ["unit_slip", "transposed_digits", "misplaced_decimal", "wrong_digit"]


@dataclass(frozen=True)
class Repair:
    index: int  # position in relation.figures
    cause: str
    figure: Figure  # the repaired figure


def _with_number(fig: Figure, number: str, unit: str | None = None) -> Figure:
    plain = number.lstrip("-")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return replace(fig, number=number, value=Decimal(number), decimals=decimals, unit=unit or fig.unit)


def edits(fig: Figure, usual_unit: str | None = None) -> Iterator[tuple[str, Figure]]:
    n = fig.number
    if fig.is_amount and usual_unit and fig.unit != usual_unit:
        for unit in SCALES:
            if unit != fig.unit:
                yield "unit_slip", replace(fig, unit=unit)
    digits = [k for k, c in enumerate(n) if c.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if n[a] != n[b]:
            s = list(n)
            s[a], s[b] = s[b], s[a]
            cand = "".join(s)
            if not (cand.startswith("0") and len(cand) > 1 and cand[1] != "."):
                yield "transposed_digits", _with_number(fig, cand)
    raw = n.replace(".", "")
    point = n.index(".") if "." in n else len(n)
    for shift in (-2, -1, 1, 2):
        p = point + shift
        if 0 < p < len(raw):
            cand = raw[:p] + "." + raw[p:]
            cand = cand.lstrip("0") or "0"
            if cand.startswith("."):
                cand = "0" + cand
            yield "misplaced_decimal", _with_number(fig, cand)
        elif p == len(raw):
            yield "misplaced_decimal", _with_number(fig, raw.lstrip("0") or "0")
    for k in digits:
        for d in "0123456789":
            if d != n[k]:
                cand = n[:k] + d + n[k + 1 :]
                if cand.startswith("0") and len(cand) > 1 and cand[1] != ".":
                    continue
                yield "wrong_digit", _with_number(fig, cand)


def repairs(rel: Relation) -> list[Repair]:
    found: list[Repair] = []
    units = [f.unit for f in rel.figures if f.is_amount]
    usual = max(set(units), key=units.count) if units else None
    for i, fig in enumerate(rel.figures):
        for cause, cand in edits(fig, usual):
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
